package cn.shequflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import org.camunda.bpm.impl.juel.ExpressionFactoryImpl;
import org.camunda.bpm.impl.juel.SimpleContext;
import org.camunda.bpm.impl.juel.jakarta.el.ValueExpression;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** Plain unit tests (no Spring) of the Asia/Shanghai working-day calendar against the repo's real holiday table. */
class WorkingDayCalendarTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  // the same path the application uses; surefire runs with the project directory as working directory
  private static final String REAL_FILE = "config/working-days.csv";

  private TimeZone originalDefaultZone;
  private WorkingDayCalendar calendar;

  @BeforeEach
  void setUp() {
    originalDefaultZone = TimeZone.getDefault();
    calendar = new WorkingDayCalendar(CalendarProperties.defaults());
  }

  @AfterEach
  void restoreDefaultZone() {
    TimeZone.setDefault(originalDefaultZone);
    org.camunda.bpm.engine.impl.util.ClockUtil.reset();
  }

  /** A wall-clock time in Shanghai, e.g. {@code "2026-09-30T10:00"}. */
  private static Date shanghai(String localDateTime) {
    return Date.from(LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant());
  }

  private static LocalDate day(String isoDate) {
    return LocalDate.parse(isoDate);
  }

  @Nested
  @DisplayName("R-3.1.1-3 letters: the design doc's worked examples")
  class LetterExamples {

    @Test
    @DisplayName("R-3.1.1-3 letter received Saturday 2026-09-19 counts make-up Sunday 09-20 as day 1 and is due 2026-09-22 17:00")
    void saturdayLetterIsDueTuesdayCountingMakeUpSunday() {
      assertThat(calendar.deadline(shanghai("2026-09-19T11:00"), 3)).isEqualTo(shanghai("2026-09-22T17:00"));
    }

    @Test
    @DisplayName("R-3.1.1-3 letter received Wed 2026-09-30 10:00 with 3 working days is due Sat 2026-10-10 17:00 (Oct 8, 9, make-up 10)")
    void letterBeforeNationalDayIsDueOnMakeUpSaturday() {
      assertThat(calendar.deadline(shanghai("2026-09-30T10:00"), 3)).isEqualTo(shanghai("2026-10-10T17:00"));
    }
  }

  @Nested
  @DisplayName("R-4.2-1 promised time limits count working days in Asia/Shanghai")
  class Deadlines {

    @ParameterizedTest(name = "R-4.2-1 received {0}, {1} working days -> due {2}")
    @DisplayName("R-4.2-1 Spring Festival 2026: make-up Sat Feb 14 counts, Feb 15–23 do not, Feb 28 make-up counts")
    @CsvSource({
        "2026-02-13T09:30, 1, 2026-02-14T17:00",
        "2026-02-13T09:30, 2, 2026-02-24T17:00",
        "2026-02-13T09:30, 3, 2026-02-25T17:00",
        "2026-02-16T10:00, 1, 2026-02-24T17:00",
        "2026-02-26T10:00, 2, 2026-02-28T17:00",
    })
    void springFestival2026SkipsHolidaysAndCountsMakeUpSaturdays(String received, int n, String due) {
      assertThat(calendar.deadline(shanghai(received), n)).isEqualTo(shanghai(due));
    }

    @ParameterizedTest(name = "R-4.2-1 received {0}, {1} working days -> due {2}")
    @DisplayName("R-4.2-1 National Day 2026 and 2025 (with Mid-Autumn): holidays skipped, make-up Sep 20 / Sep 28 / Oct 10 / Oct 11 counted")
    @CsvSource({
        "2026-09-30T16:00, 1, 2026-10-08T17:00",
        "2026-09-18T10:00, 1, 2026-09-20T17:00",
        "2026-09-24T10:00, 1, 2026-09-28T17:00",
        "2026-10-09T10:00, 1, 2026-10-10T17:00",
        "2025-09-26T10:00, 1, 2025-09-28T17:00",
        "2025-09-30T10:00, 1, 2025-10-09T17:00",
        "2025-09-30T10:00, 3, 2025-10-11T17:00",
    })
    void nationalDaySkipsHolidaysAndCountsMakeUpDays(String received, int n, String due) {
      assertThat(calendar.deadline(shanghai(received), n)).isEqualTo(shanghai(due));
    }

    @ParameterizedTest(name = "R-4.2-1 received {0}, {1} working days -> due {2}")
    @DisplayName("R-4.2-1 ordinary weeks skip Saturday and Sunday")
    @CsvSource({
        "2026-03-13T10:00, 1, 2026-03-16T17:00",
        "2026-03-13T10:00, 5, 2026-03-20T17:00",
        "2026-03-11T10:00, 3, 2026-03-16T17:00",
        "2026-03-09T08:00, 10, 2026-03-23T17:00",
    })
    void plainWeekendsAreSkipped(String received, int n, String due) {
      assertThat(calendar.deadline(shanghai(received), n)).isEqualTo(shanghai(due));
    }

    @Test
    @DisplayName("R-4.2-1 make-up Saturday May 9 2026 is counted as a working day")
    void makeUpSaturdayIsCounted() {
      assertThat(calendar.deadline(shanghai("2026-05-07T10:00"), 2)).isEqualTo(shanghai("2026-05-09T17:00"));
    }

    @Test
    @DisplayName("R-4.2-1 make-up Sunday Jan 4 2026 is counted as a working day")
    void makeUpSundayIsCounted() {
      assertThat(calendar.deadline(shanghai("2025-12-31T10:00"), 1)).isEqualTo(shanghai("2026-01-04T17:00"));
    }

    @Test
    @DisplayName("R-4.2-1 receipt on an ordinary Saturday: day 1 is Monday")
    void weekendReceiptCountsFromNextWorkingDay() {
      assertThat(calendar.deadline(shanghai("2026-03-14T10:00"), 1)).isEqualTo(shanghai("2026-03-16T17:00"));
      assertThat(calendar.deadline(shanghai("2026-03-15T22:00"), 1)).isEqualTo(shanghai("2026-03-16T17:00"));
    }

    @Test
    @DisplayName("R-4.2-1 receipt on a holiday (Oct 3 2026): day 1 is the first working day after the holiday")
    void holidayReceiptCountsFromFirstWorkingDayAfterIt() {
      assertThat(calendar.deadline(shanghai("2026-10-03T10:00"), 1)).isEqualTo(shanghai("2026-10-08T17:00"));
    }

    @Test
    @DisplayName("R-4.2-1 receipt on a working day, even a make-up Saturday at opening time, never counts as day 1")
    void dayOfReceiptNeverCounts() {
      assertThat(calendar.deadline(shanghai("2026-10-10T08:00"), 1)).isEqualTo(shanghai("2026-10-12T17:00"));
      assertThat(calendar.deadline(shanghai("2026-03-16T00:00"), 1)).isEqualTo(shanghai("2026-03-17T17:00"));
    }

    @Test
    @DisplayName("R-4.2-1 receipt at 23:30 Shanghai on Friday counts from Friday, so due Monday")
    void lateEveningShanghaiStaysOnTheShanghaiDay() {
      assertThat(calendar.deadline(shanghai("2026-03-13T23:30"), 1)).isEqualTo(shanghai("2026-03-16T17:00"));
    }

    @Test
    @DisplayName("R-4.2-1 receipt Monday 07:30 Shanghai (Sunday 23:30 UTC) uses the Shanghai day Monday, so due Tuesday")
    void shanghaiCalendarDayIsUsedWhenUtcIsStillThePreviousDay() {
      Date received = Date.from(Instant.parse("2026-03-15T23:30:00Z"));
      assertThat(received).isEqualTo(shanghai("2026-03-16T07:30"));
      assertThat(calendar.deadline(received, 1)).isEqualTo(shanghai("2026-03-17T17:00"));
    }

    @Test
    @DisplayName("R-4.2-1 configured closing time 17:30 is used for the due time")
    void configuredClosingTimeIsUsed() {
      WorkingDayCalendar late = new WorkingDayCalendar(
          new CalendarProperties(SHANGHAI, LocalTime.of(8, 30), LocalTime.of(17, 30), REAL_FILE));
      assertThat(late.deadline(shanghai("2026-09-30T10:00"), 3)).isEqualTo(shanghai("2026-10-10T17:30"));
    }

    @Test
    @DisplayName("R-4.2-1 Integer, Long and whole Double counts give the same deadline")
    void numberTypesAreAccepted() {
      Date received = shanghai("2026-09-30T10:00");
      assertThat(calendar.deadline(received, Integer.valueOf(3)))
          .isEqualTo(calendar.deadline(received, Long.valueOf(3)))
          .isEqualTo(calendar.deadline(received, Double.valueOf(3.0)))
          .isEqualTo(shanghai("2026-10-10T17:00"));
    }

    @Test
    @DisplayName("R-4.2-1 negative, fractional or missing working-day counts and a missing receipt time are rejected")
    void invalidInputsAreRejected() {
      Date received = shanghai("2026-09-30T10:00");
      assertThatThrownBy(() -> calendar.deadline(received, -1)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> calendar.deadline(received, 2.5)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> calendar.deadline(received, null)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> calendar.deadline(null, 3)).isInstanceOf(NullPointerException.class);
    }
  }

  @Nested
  @DisplayName("R-4.2-1 N = 0 means the same day")
  class SameDay {

    @Test
    @DisplayName("R-4.2-1 N=0 on a working day is due at closing time that day")
    void sameDayOnWorkingDay() {
      assertThat(calendar.deadline(shanghai("2026-03-11T10:00"), 0)).isEqualTo(shanghai("2026-03-11T17:00"));
      assertThat(calendar.deadline(shanghai("2026-10-10T10:00"), 0)).isEqualTo(shanghai("2026-10-10T17:00"));
    }

    @Test
    @DisplayName("issue 15 R-4.2-1 N=0 at or after closing time is due at the next working day's closing time, never in the past")
    void sameDayAfterClosingMovesToNextWorkingDay() {
      assertThat(calendar.deadline(shanghai("2026-03-11T18:00"), 0)).isEqualTo(shanghai("2026-03-12T17:00"));
      assertThat(calendar.deadline(shanghai("2026-03-11T17:00"), 0)).as("at closing time").isEqualTo(shanghai("2026-03-12T17:00"));
      assertThat(calendar.deadline(shanghai("2026-03-11T16:59"), 0)).as("before closing").isEqualTo(shanghai("2026-03-11T17:00"));
      assertThat(calendar.deadline(shanghai("2026-03-13T18:00"), 0)).as("Friday evening: Monday").isEqualTo(shanghai("2026-03-16T17:00"));
      assertThat(calendar.deadline(shanghai("2026-09-30T19:00"), 0)).as("eve of 国庆: after the holiday")
          .isEqualTo(shanghai("2026-10-08T17:00"));
      assertThat(calendar.deadline(shanghai("2026-03-11T23:59"), 0)).isEqualTo(shanghai("2026-03-12T17:00"));
    }

    @Test
    @DisplayName("issue 15 R-4.2-1 a same-day visit at 18:00 is not born overdue and its reminder is not due at once")
    void visitAtSixPmIsNotBornOverdue() {
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(shanghai("2026-03-11T18:00"));
      Date due = calendar.fromNow(0);
      assertThat(due).isEqualTo(shanghai("2026-03-12T17:00"));
      assertThat(due).isAfter(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime());
      assertThat(calendar.reminderBefore(due)).isEqualTo(shanghai("2026-03-12T09:00"));
      assertThat(calendar.standing(due)).isEqualTo("剩余 1 个工作日");
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(shanghai("2026-03-14T20:00"));
      assertThat(calendar.fromNow(0)).as("Saturday evening").isEqualTo(shanghai("2026-03-16T17:00"));
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(shanghai("2026-10-02T18:30"));
      assertThat(calendar.fromNow(0)).as("国庆 holiday evening").isEqualTo(shanghai("2026-10-08T17:00"));
      assertThat(calendar.reminderBefore(calendar.fromNow(0))).isEqualTo(shanghai("2026-10-08T09:00"));
    }

    @Test
    @DisplayName("R-4.2-1 N=0 on a weekend or holiday is due at closing time of the next working day")
    void sameDayOnNonWorkingDayMovesToNextWorkingDay() {
      assertThat(calendar.deadline(shanghai("2026-03-14T10:00"), 0)).isEqualTo(shanghai("2026-03-16T17:00"));
      assertThat(calendar.deadline(shanghai("2026-10-01T10:00"), 0)).isEqualTo(shanghai("2026-10-08T17:00"));
      assertThat(calendar.deadline(shanghai("2026-02-15T10:00"), 0)).isEqualTo(shanghai("2026-02-24T17:00"));
    }
  }

  @Nested
  @DisplayName("R-4.2-3 the clock stops while the resident holds the case (issue 15 item 4)")
  class Paused {

    @Test
    @DisplayName("R-4.2-3 paused Wed 09-30 with 3 working days left (10-08, 10-09, make-up Sat 10-10), resumed Mon 10-12: due 10-15, the old due moved by the 4 working days paused")
    void restartsWithTheWorkingDaysLeft_acrossNationalDay() {
      Date due = shanghai("2026-10-10T17:00");
      Date paused = shanghai("2026-09-30T10:00");
      Date resumed = shanghai("2026-10-12T10:00");
      assertThat(calendar.workingDaysBetween(paused, due)).isEqualTo(3);
      assertThat(calendar.workingDaysBetween(paused, resumed)).isEqualTo(4);
      assertThat(calendar.resumedDeadline(due, paused, resumed)).isEqualTo(shanghai("2026-10-15T17:00"))
          .isEqualTo(calendar.deadline(due, 4));
    }

    @Test
    @DisplayName("R-4.2-3 due the day of the pause: due the day the materials arrive (or the next working day after closing time)")
    void dueTheDayOfThePause_isDueTheDayItResumes() {
      Date due = shanghai("2026-12-02T17:00");
      Date paused = shanghai("2026-12-02T10:00");
      assertThat(calendar.resumedDeadline(due, paused, shanghai("2026-12-04T10:00")))
          .isEqualTo(shanghai("2026-12-04T17:00"));
      assertThat(calendar.resumedDeadline(due, paused, shanghai("2026-12-04T18:00")))
          .isEqualTo(shanghai("2026-12-07T17:00"));
    }

    @Test
    @DisplayName("R-4.2-1 a deadline already passed at the pause stays where it was; a pause of no working days moves nothing")
    void alreadyLate_staysLate() {
      Date due = shanghai("2026-12-01T17:00");
      assertThat(calendar.resumedDeadline(due, shanghai("2026-12-02T10:00"), shanghai("2026-12-09T10:00")))
          .isEqualTo(due);
      Date friday = shanghai("2026-12-11T17:00");
      assertThat(calendar.resumedDeadline(friday, shanghai("2026-12-05T10:00"), shanghai("2026-12-06T16:00")))
          .as("paused and resumed over a weekend").isEqualTo(friday);
      assertThat(calendar.workingDaysBetween(shanghai("2026-12-09T10:00"), shanghai("2026-12-02T10:00"))).isZero();
    }
  }

  @Nested
  @DisplayName("R-4.1-4 / R-4.2-1 a later step never brings a deadline already given forward")
  class NotBefore {

    @Test
    @DisplayName("R-4.1-4 N working days from now, or the deadline already given when that is later")
    void theLaterOfTheTwo() {
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(shanghai("2026-09-30T10:00"));
      Date given = shanghai("2026-10-10T17:00");
      assertThat(calendar.fromNowNotBefore(0, given)).isEqualTo(given);
      assertThat(calendar.fromNowNotBefore(0, shanghai("2026-09-29T17:00"))).isEqualTo(shanghai("2026-09-30T17:00"));
      assertThat(calendar.fromNowNotBefore(4, given)).isEqualTo(shanghai("2026-10-12T17:00"));
      assertThat(calendar.fromNowNotBefore(0, null)).isEqualTo(shanghai("2026-09-30T17:00"));
    }
  }

  @Nested
  @DisplayName("R-4.2-1 reminders before a deadline")
  class Reminders {

    @Test
    @DisplayName("R-4.2-1 reminder for a 17:00 deadline is 09:00 the same Shanghai day")
    void reminderIsOpeningTimeOnDueDay() {
      assertThat(calendar.reminderBefore(shanghai("2026-10-10T17:00"))).isEqualTo(shanghai("2026-10-10T09:00"));
    }

    @Test
    @DisplayName("R-4.2-1 reminder for a deadline at or before opening time is one hour before the deadline")
    void reminderIsOneHourEarlierWhenOpeningIsNotBeforeDue() {
      assertThat(calendar.reminderBefore(shanghai("2026-10-10T09:00"))).isEqualTo(shanghai("2026-10-10T08:00"));
      assertThat(calendar.reminderBefore(shanghai("2026-10-10T08:30"))).isEqualTo(shanghai("2026-10-10T07:30"));
      assertThat(calendar.reminderBefore(shanghai("2026-10-10T00:00"))).isEqualTo(shanghai("2026-10-09T23:00"));
    }

    @Test
    @DisplayName("R-4.2-1 reminder uses the configured opening time")
    void reminderUsesConfiguredOpeningTime() {
      WorkingDayCalendar early = new WorkingDayCalendar(
          new CalendarProperties(SHANGHAI, LocalTime.of(8, 30), LocalTime.of(17, 0), REAL_FILE));
      assertThat(early.reminderBefore(shanghai("2026-10-10T17:00"))).isEqualTo(shanghai("2026-10-10T08:30"));
    }

    @Test
    @DisplayName("R-4.2-1 a task created after its reminder moment is reminded halfway to the deadline, not at once")
    void reminderForASameDayDeadlineIsHalfwayThroughTheTimeLeft() {
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(shanghai("2026-10-10T10:00"));
      assertThat(calendar.reminderBefore(shanghai("2026-10-10T17:00"))).isEqualTo(shanghai("2026-10-10T13:30"));
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(shanghai("2026-10-10T08:00"));
      assertThat(calendar.reminderBefore(shanghai("2026-10-10T17:00"))).as("before opening: the usual reminder")
          .isEqualTo(shanghai("2026-10-10T09:00"));
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(shanghai("2026-10-10T17:30"));
      assertThat(calendar.reminderBefore(shanghai("2026-10-10T17:00"))).as("already overdue: reminded with the overdue")
          .isEqualTo(shanghai("2026-10-10T09:00"));
    }
  }

  @Nested
  @DisplayName("R-4.2-1 working-day lookup")
  class Lookup {

    @ParameterizedTest(name = "R-4.2-1 {0} is a working day: {1}")
    @CsvSource({
        "2026-03-16, true", "2026-03-14, false", "2026-03-15, false",
        "2026-10-01, false", "2026-10-10, true", "2026-09-20, true", "2026-01-04, true",
        "2026-02-23, false", "2026-02-24, true", "2025-01-26, true", "2025-10-08, false",
        "2025-06-02, false", "2025-06-03, true",
    })
    void isWorkingDayFollowsTheTable(String date, boolean working) {
      assertThat(calendar.isWorkingDay(day(date))).isEqualTo(working);
    }
  }

  @Nested
  @DisplayName("R-4.2-1 years missing from the holiday table")
  class UncoveredYears {

    private ListAppender<ILoggingEvent> logs;
    private Logger logger;

    @BeforeEach
    void captureLogs() {
      logger = (Logger) LoggerFactory.getLogger(WorkingDayCalendar.class);
      logs = new ListAppender<>();
      logs.start();
      logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
      logger.detachAppender(logs);
    }

    private List<String> warnings() {
      return logs.list.stream()
          .filter(e -> e.getLevel() == Level.WARN)
          .map(ILoggingEvent::getFormattedMessage)
          .toList();
    }

    @Test
    @DisplayName("issue 15 R-3.1.1-3 a letter received Wed 2026-12-30 is due Tue 2027-01-05 17:00, 暂定: 元旦 2027 is off by the statute")
    void letterReachingUncoveredYearUsesTheStatuteAndIsProvisional() {
      Date received = shanghai("2026-12-30T10:00");
      WorkingDayCalendar.Deadline due = calendar.deadlineOf(received, 3);

      // Dec 31 (Thu), Jan 1 2027 (Fri, 元旦) skipped, Jan 4 (Mon), Jan 5 (Tue)
      assertThat(due.dueAt()).isEqualTo(shanghai("2027-01-05T17:00"));
      assertThat(due.provisional()).isTrue();
      assertThat(calendar.deadline(received, 3)).isEqualTo(due.dueAt());
      assertThat(calendar.isWorkingDay(day("2027-01-01"))).isFalse();
      assertThat(calendar.isWorkingDay(day("2027-01-02"))).isFalse();
      assertThat(calendar.coverageWarning(received, due.dueAt()))
          .isEqualTo("期限为暂定：2027年的节假日安排国务院尚未公布（或尚未录入本系统），暂按《全国年节及纪念日放假办法》规定的"
              + "法定节假日计算，不含调休；正式安排录入后，以正式安排为准。");
    }

    @Test
    @DisplayName("issue 15 an email received Thu 2027-02-04 is not due on 2027-02-05 (除夕) but after 春节 and its make-up days")
    void emailBeforeSpringFestival2027() {
      // 除夕 Fri 02-05 to 初三 Mon 02-08, 初一/初二 on the weekend made up on Tue 02-09 and Wed 02-10
      assertThat(calendar.deadline(shanghai("2027-02-04T15:00"), 1)).isEqualTo(shanghai("2027-02-11T17:00"));
      // 国庆 Fri–Sun 10-01..03, made up on Mon 10-04 and Tue 10-05
      assertThat(calendar.deadline(shanghai("2027-09-30T10:00"), 1)).isEqualTo(shanghai("2027-10-06T17:00"));
      // N = 0 on a statutory day: the next working day
      assertThat(calendar.deadlineOf(shanghai("2027-05-01T10:00"), 0))
          .isEqualTo(new WorkingDayCalendar.Deadline(shanghai("2027-05-05T17:00"), true));
    }

    @Test
    @DisplayName("issue 15 deadlines inside covered years are not provisional; one counting a single uncovered day is")
    void provisionalOnlyWhenAnUncoveredDayIsCounted() {
      assertThat(calendar.deadlineOf(shanghai("2026-09-30T10:00"), 3).provisional()).isFalse();
      assertThat(calendar.deadlineOf(shanghai("2026-12-29T10:00"), 2).provisional()).as("due Thu 12-31").isFalse();
      assertThat(calendar.deadlineOf(shanghai("2026-12-30T10:00"), 2).provisional()).as("passes 2027-01-01").isTrue();
      assertThat(calendar.isProvisional(2026)).isFalse();
      assertThat(calendar.isProvisional(2027)).isTrue();
    }

    @Test
    @DisplayName("issue 15 a year beyond the statute's range (2101) falls back to Monday–Friday, still provisional")
    void beyondTheStatuteFallsBackToMondayToFriday() {
      assertThat(calendar.isWorkingDay(day("2101-01-03"))).as("a Monday").isTrue();
      assertThat(calendar.isWorkingDay(day("2101-10-03"))).as("国庆 on a Monday, not derived past 2100").isTrue();
      assertThat(calendar.specialDays(2101)).isEmpty();
      assertThat(calendar.coverageWarning(shanghai("2101-01-03T10:00"))).startsWith("期限为暂定：2101年");
    }

    @Test
    @DisplayName("issue 15 the year's special days: table rows for 2026 (source table), the statute for 2027 (source statute)")
    void specialDaysNameTheirSource() {
      List<WorkingDayCalendar.CalendarDay> y2026 = calendar.specialDays(2026);
      assertThat(y2026).allMatch(d -> d.source() == WorkingDayCalendar.Source.TABLE);
      assertThat(y2026).filteredOn(d -> !d.off()).extracting(d -> d.date().toString())
          .containsExactly("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10");
      assertThat(y2026).filteredOn(WorkingDayCalendar.CalendarDay::off).hasSize(33);
      List<WorkingDayCalendar.CalendarDay> y2027 = calendar.specialDays(2027);
      assertThat(y2027).allMatch(d -> d.source() == WorkingDayCalendar.Source.STATUTE && d.off()).hasSize(19);
      assertThat(y2027.get(0).note()).isEqualTo("元旦");
    }

    @Test
    @DisplayName("R-4.2-1 coverage warning is null for covered years and lists every uncovered year")
    void coverageWarningListsOnlyUncoveredYears() {
      assertThat(calendar.coverageWarning(shanghai("2025-03-03T10:00"), shanghai("2026-12-31T17:00"))).isNull();
      assertThat(calendar.coverageWarning()).isNull();
      assertThat(calendar.coverageWarning((Date) null)).isNull();
      assertThat(calendar.coverageWarning(shanghai("2028-01-03T10:00"), shanghai("2026-05-05T10:00"),
          shanghai("2027-06-01T10:00")))
          .startsWith("期限为暂定：2027年、2028年的节假日安排");
    }

    @Test
    @DisplayName("R-4.2-1 coverage uses the Shanghai year: 2026-12-31 20:00 UTC is already 2027 in Shanghai")
    void coverageUsesShanghaiYear() {
      assertThat(calendar.coverageWarning(Date.from(Instant.parse("2026-12-31T20:00:00Z")))).contains("2027年");
    }

    @Test
    @DisplayName("R-4.2-1 using an uncovered year logs one WARN per year per load naming the year and the file")
    void uncoveredYearIsLoggedOncePerYearPerLoad() {
      calendar.deadline(shanghai("2026-12-31T10:00"), 5);
      calendar.deadline(shanghai("2027-03-01T10:00"), 5);
      calendar.isWorkingDay(day("2028-02-01"));

      assertThat(warnings()).hasSize(2);
      assertThat(warnings().get(0)).contains("2027").contains("working-days.csv");
      assertThat(warnings().get(1)).contains("2028");

      calendar.reload();
      calendar.isWorkingDay(day("2027-05-05"));
      assertThat(warnings()).hasSize(3);
    }

    @Test
    @DisplayName("R-4.2-1 covered years do not log warnings")
    void coveredYearsAreQuiet() {
      calendar.deadline(shanghai("2026-09-30T10:00"), 3);
      assertThat(warnings()).isEmpty();
    }
  }

  @Nested
  @DisplayName("R-4.2-1 loading and reloading the holiday file")
  class Loading {

    private static final String GOOD = """
        # 测试用表
        date,type,note
        2026-10-01,holiday,国庆节
        2026-10-10,workday,国庆节调休上班
        """;

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
      return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("issue 15 item 8 from 1 November a missing next year is warned about, until its rows are added and reloaded")
    void nextYearWarningFromNovemberUntilTheYearIsAdded() throws IOException {
      Path file = write("days.csv", GOOD);
      WorkingDayCalendar cal = new WorkingDayCalendar(CalendarProperties.withFile(file.toString()));
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(shanghai("2026-10-31T23:59"));
      assertThat(cal.nextYearWarning()).as("October: not yet").isNull();
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(shanghai("2026-11-01T00:00"));
      // managers read it: Chinese only, no file path
      assertThat(cal.nextYearWarning()).contains("节假日表尚无2027年的安排", "暂定", "请分析员").doesNotContainPattern("[A-Za-z]");
      write("days.csv", GOOD + "2027-01-01,holiday,元旦\n");
      cal.reload();
      assertThat(cal.nextYearWarning()).as("2027 rows added").isNull();
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(shanghai("2027-12-01T10:00"));
      assertThat(cal.nextYearWarning()).contains("2028年");
    }

    @Test
    @DisplayName("R-4.2-1 a broken line on reload fails with file name, line number and the line, and the old table stays")
    void brokenReloadKeepsOldTable() throws IOException {
      Path file = write("days.csv", GOOD);
      WorkingDayCalendar cal = new WorkingDayCalendar(CalendarProperties.withFile(file.toString()));
      assertThat(cal.isWorkingDay(day("2026-10-01"))).isFalse();

      write("days.csv", GOOD + "2026-10-02,holiday,国庆节\n2026/10/03,holiday,国庆节\n");

      assertThatThrownBy(cal::reload)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(file.getFileName().toString())
          .hasMessageContaining("第6行")
          .hasMessageContaining("2026/10/03,holiday,国庆节");
      // nothing from the broken file leaked in: Oct 2 is still a plain Friday, Oct 1 still a holiday
      assertThat(cal.isWorkingDay(day("2026-10-02"))).isTrue();
      assertThat(cal.isWorkingDay(day("2026-10-01"))).isFalse();
      assertThat(cal.isWorkingDay(day("2026-10-10"))).isTrue();
    }

    @Test
    @DisplayName("R-4.2-1 a fixed file is picked up by reload")
    void reloadPicksUpEditedFile() throws IOException {
      Path file = write("days.csv", GOOD);
      WorkingDayCalendar cal = new WorkingDayCalendar(CalendarProperties.withFile(file.toString()));
      write("days.csv", GOOD + "2026-10-02,holiday,国庆节\n");
      cal.reload();
      assertThat(cal.isWorkingDay(day("2026-10-02"))).isFalse();
    }

    @ParameterizedTest(name = "R-4.2-1 rejects line 4 \"{0}\" because {1}")
    @DisplayName("R-4.2-1 typical analyst mistakes are rejected with the line number")
    @CsvSource(delimiter = '|', value = {
        "2026-10-02,vacation,国庆节 | 类型",
        "2026-10-09,workday,调休 | 周五",
        "2026-10-01,workday,重复 | 重复",
        "2026-10-02 | 三列",
        "2026-13-01,holiday,错月 | yyyy-MM-dd",
    })
    void analystMistakesAreRejected(String badLine, String reason) throws IOException {
      Path file = write("days.csv", "date,type,note\n2026-10-01,holiday,国庆节\n\n" + badLine + "\n");
      assertThatThrownBy(() -> new WorkingDayCalendar(CalendarProperties.withFile(file.toString())))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("第4行")
          .hasMessageContaining(reason)
          .hasMessageContaining(badLine);
    }

    @Test
    @DisplayName("R-4.2-1 a file without the header is rejected at line 1")
    void missingHeaderIsRejected() throws IOException {
      Path file = write("days.csv", "2026-10-01,holiday,国庆节\n");
      assertThatThrownBy(() -> new WorkingDayCalendar(CalendarProperties.withFile(file.toString())))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("第1行")
          .hasMessageContaining("date,type,note");
    }

    @Test
    @DisplayName("R-4.2-1 a file saved by Excel as CSV UTF-8 (with BOM and CRLF) is accepted")
    void excelUtf8WithBomIsAccepted() throws IOException {
      Path file = write("days.csv", "\uFEFFdate,type,note\r\n2026-10-01,holiday,国庆节\r\n");
      WorkingDayCalendar cal = new WorkingDayCalendar(CalendarProperties.withFile(file.toString()));
      assertThat(cal.isWorkingDay(day("2026-10-01"))).isFalse();
    }

    @Test
    @DisplayName("R-4.2-1 a file saved as GBK is rejected with a hint to save as UTF-8")
    void gbkFileIsRejected() throws IOException {
      Path file = dir.resolve("days.csv");
      Files.write(file, "date,type,note\n2026-10-01,holiday,国庆节\n".getBytes("GBK"));
      assertThatThrownBy(() -> new WorkingDayCalendar(CalendarProperties.withFile(file.toString())))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("UTF-8")
          .hasMessageContaining("第2行");
    }

    @Test
    @DisplayName("R-4.2-1 a missing file falls back to the copy packaged in the jar (classpath models/config)")
    void missingFileFallsBackToClasspath() {
      WorkingDayCalendar cal = new WorkingDayCalendar(
          CalendarProperties.withFile(dir.resolve("absent.csv").toString()));
      assertThat(cal.isWorkingDay(day("2026-10-01"))).isFalse();
      assertThat(cal.coverageWarning(shanghai("2026-10-01T10:00"))).isNull();
    }

    @Test
    @DisplayName("R-4.2-1 start-up fails with a clear message when neither the file nor the jar copy exists")
    void noFileAnywhereFailsAtStart() {
      String absent = dir.resolve("absent.csv").toString();
      assertThatThrownBy(() -> new WorkingDayCalendar(CalendarProperties.withFile(absent), "models/config/none.csv"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("absent.csv")
          .hasMessageContaining("models/config/none.csv");
    }
  }

  @Test
  @DisplayName("R-4.2-1 server default zone America/New_York (or Shanghai) gives the same results as UTC")
  void resultsDoNotDependOnServerDefaultZone() {
    List<Object> inUtc = sampleResults(calendar);
    for (String zone : List.of("America/New_York", "Asia/Shanghai", "Pacific/Kiritimati")) {
      TimeZone.setDefault(TimeZone.getTimeZone(zone));
      assertThat(sampleResults(calendar)).as("existing calendar, default zone %s", zone).isEqualTo(inUtc);
      WorkingDayCalendar createdThere = new WorkingDayCalendar(CalendarProperties.defaults());
      assertThat(sampleResults(createdThere)).as("calendar created under %s", zone).isEqualTo(inUtc);
    }
  }

  private static List<Object> sampleResults(WorkingDayCalendar cal) {
    List<Object> results = new ArrayList<>();
    for (String received : List.of("2026-09-19T11:00", "2026-09-30T10:00", "2026-02-13T23:30",
        "2026-03-16T07:30", "2026-03-13T23:30", "2026-12-31T23:59", "2026-10-10T00:10")) {
      for (int n = 0; n <= 3; n++) {
        Date due = cal.deadline(shanghai(received), n);
        results.add(due.getTime());
        results.add(cal.reminderBefore(due).getTime());
      }
    }
    results.add(cal.deadline(Date.from(Instant.parse("2026-03-15T23:30:00Z")), 1).getTime());
    results.add(cal.coverageWarning(Date.from(Instant.parse("2026-12-31T20:00:00Z"))));
    results.add(cal.isWorkingDay(day("2026-10-10")));
    return results;
  }

  @Nested
  @DisplayName("R-4.2-1 the real holiday table config/working-days.csv")
  class RealTable {

    @Test
    @DisplayName("R-4.2-1 config/working-days.csv matches the State Council notices for 2025 and 2026 day by day")
    void realFileMatchesStateCouncilNotices() {
      WorkingDayCalendar real = new WorkingDayCalendar(CalendarProperties.withFile(REAL_FILE));
      Map<LocalDate, Boolean> expected = new TreeMap<>();
      // ranges as published: holidays off
      String[][] holidays = {
          {"2025-01-01", "2025-01-01"}, {"2025-01-28", "2025-02-04"}, {"2025-04-04", "2025-04-06"},
          {"2025-05-01", "2025-05-05"}, {"2025-05-31", "2025-06-02"}, {"2025-10-01", "2025-10-08"},
          {"2026-01-01", "2026-01-03"}, {"2026-02-15", "2026-02-23"}, {"2026-04-04", "2026-04-06"},
          {"2026-05-01", "2026-05-05"}, {"2026-06-19", "2026-06-21"}, {"2026-09-25", "2026-09-27"},
          {"2026-10-01", "2026-10-07"},
      };
      for (String[] range : holidays) {
        for (LocalDate d = day(range[0]); !d.isAfter(day(range[1])); d = d.plusDays(1)) {
          expected.put(d, false);
        }
      }
      for (String makeUp : List.of("2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
          "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10")) {
        expected.put(day(makeUp), true);
      }

      for (LocalDate d = day("2025-01-01"); d.getYear() <= 2026; d = d.plusDays(1)) {
        boolean weekday = d.getDayOfWeek().getValue() <= 5;
        assertThat(real.isWorkingDay(d)).as("%s (%s)", d, d.getDayOfWeek())
            .isEqualTo(expected.getOrDefault(d, weekday));
      }
      assertThat(real.coverageWarning(shanghai("2025-01-01T00:00"), shanghai("2026-12-31T23:59"))).isNull();
    }

    @Test
    @DisplayName("R-4.2-1 config/working-days.csv starts with a Chinese comment block explaining how to add a year")
    void realFileExplainsHowToAddAYear() throws IOException {
      List<String> lines = Files.readAllLines(Path.of(REAL_FILE), StandardCharsets.UTF_8);
      assertThat(lines.get(0)).startsWith("#");
      assertThat(lines).anyMatch(l -> l.startsWith("#") && l.contains("新增一个年份"));
      assertThat(lines).contains("date,type,note", "2026-02-15,holiday,春节", "2026-02-14,workday,春节调休上班");
    }
  }

  @Nested
  @DisplayName("R-3.1.1-3 BPMN expressions call the bean as workingDays through Camunda's JUEL")
  class Expressions {

    private final ExpressionFactoryImpl factory = new ExpressionFactoryImpl();
    private final SimpleContext context = new SimpleContext();

    @BeforeEach
    void variables() {
      context.setVariable("workingDays", factory.createValueExpression(calendar, WorkingDayCalendar.class));
      context.setVariable("receivedAt", factory.createValueExpression(shanghai("2026-09-30T10:00"), Date.class));
    }

    private Object eval(String expression) {
      ValueExpression e = factory.createValueExpression(context, expression, Object.class);
      return e.getValue(context);
    }

    @Test
    @DisplayName("R-3.1.1-3 ${workingDays.deadline(receivedAt, 3)} with a literal, an Integer and a Long variable")
    void deadlineResolvesForLiteralIntegerAndLong() {
      Date expected = shanghai("2026-10-10T17:00");
      assertThat(eval("${workingDays.deadline(receivedAt, 3)}")).isEqualTo(expected);

      context.setVariable("replyWorkingDays", factory.createValueExpression(Integer.valueOf(3), Integer.class));
      assertThat(eval("${workingDays.deadline(receivedAt, replyWorkingDays)}")).isEqualTo(expected);

      context.setVariable("replyWorkingDays", factory.createValueExpression(Long.valueOf(3), Long.class));
      assertThat(eval("${workingDays.deadline(receivedAt, replyWorkingDays)}")).isEqualTo(expected);
    }

    @Test
    @DisplayName("R-3.1.1-3 reminderBefore and coverageWarning resolve from expressions")
    void reminderAndCoverageResolve() {
      assertThat(eval("${workingDays.reminderBefore(workingDays.deadline(receivedAt, 3))}"))
          .isEqualTo(shanghai("2026-10-10T09:00"));
      assertThat(eval("${workingDays.coverageWarning(receivedAt)}")).isNull();
      context.setVariable("later", factory.createValueExpression(shanghai("2027-02-01T10:00"), Date.class));
      assertThat((String) eval("${workingDays.coverageWarning(receivedAt, later)}")).contains("2027年");
    }
  }

  @Nested
  @DisplayName("R-4.2-1 task cards: how a deadline stands in working days")
  class Standing {

    @Test
    @DisplayName("R-4.2-1 a deadline on 2026-10-09 is 剩余 3 个工作日 on 09-29 and 剩余 2 on 09-30: the National Day week does not count")
    void remainingCountsOnlyWorkingDays() {
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(shanghai("2026-09-29T10:00"));
      // 09-30 is a working day, 10-01..10-07 are off, 10-08 and 10-09 are working days
      assertThat(calendar.standing(shanghai("2026-10-09T17:00"))).isEqualTo("剩余 3 个工作日");
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(shanghai("2026-09-30T16:00"));
      assertThat(calendar.standing(shanghai("2026-10-09T17:00"))).isEqualTo("剩余 2 个工作日");
    }

    @Test
    @DisplayName("R-4.2-1 due later today is 今日到期; due earlier today is 已超期")
    void sameDay() {
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(shanghai("2026-12-02T10:00"));
      assertThat(calendar.standing(shanghai("2026-12-02T17:00"))).isEqualTo("今日到期");
      assertThat(calendar.standing(shanghai("2026-12-02T09:00"))).isEqualTo("已超期");
      assertThat(calendar.standing(null)).isNull();
    }

    @Test
    @DisplayName("R-4.2-1 a deadline of Friday 2026-11-27 read on Wednesday 12-02 is 已超期 3 个工作日 (the weekend does not count)")
    void overdueCountsOnlyWorkingDays() {
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(shanghai("2026-12-02T10:00"));
      assertThat(calendar.standing(shanghai("2026-11-27T17:00"))).isEqualTo("已超期 3 个工作日");
    }
  }
}
