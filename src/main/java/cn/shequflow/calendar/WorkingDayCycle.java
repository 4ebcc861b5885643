package cn.shequflow.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Reminder cycles counted in working days, for the models' chase and progress timers
 * ({@code ${workingDayCycle.cycle(5)}}, {@code ${workingDayCycle.limitedCycle(2, 3, reportedAt)}}): the same time of day
 * N working days later, never on a weekend or holiday (issue 15 item 5).
 */
@Component("workingDayCycle")
public class WorkingDayCycle {

  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final WorkingDayCalendar calendar;
  private final CalendarProperties properties;

  WorkingDayCycle(WorkingDayCalendar calendar, CalendarProperties properties) {
    this.calendar = calendar;
    this.properties = properties;
  }

  /**
   * The engine clock's time of day on the N-th working day after today (N ≥ 1), kept inside office hours: a cycle that
   * started at 20:00 reminds at closing time, one that started at 07:00 at opening time. Counting skips weekends and
   * holidays, so "every 2 days" from Thursday lands on Monday (or later across a holiday), not on Saturday.
   */
  public Date after(Number workingDays) {
    Date now = ClockUtil.getCurrentTime();
    long n = whole(workingDays);
    Date at = afterWithoutRecord(now, n);
    calendar.computed(ComputedDate.Kind.CYCLE, now, n, null, at);
    return at;
  }

  /**
   * A recorded cycle moment ({@link ComputedDate.Kind#CYCLE}) computed again on the table now loaded: from's time of
   * day on the n-th working day after from's day; tells no listener.
   */
  public Date recompute(ComputedDate date) {
    return afterWithoutRecord(date.from(), date.workingDays());
  }

  private Date afterWithoutRecord(Date from, long workingDays) {
    return Date.from(afterFrom(from, workingDays).toInstant());
  }

  /**
   * A timer cycle for "every N working days while the task is open" ({@code ${workingDayCycle.cycle(5)}}): one shot
   * at {@link #after}; the engine computes the cycle again each time it fires ({@code reevaluateTimeCycleWhenDue}),
   * so each next reminder is again N working days on.
   */
  public String cycle(Number workingDays) {
    return oneShot(after(workingDays));
  }

  /**
   * A timer cycle for "every N working days, at most {@code times} times, counted from {@code since}"
   * ({@code ${workingDayCycle.limitedCycle(2, 3, reportedAt)}}, what {@code R3/P2D} said in calendar days): the next of
   * the moments since + N, + 2N, … + times·N working days that lies after the engine clock; none left ends the cycle.
   */
  public String limitedCycle(Number workingDays, Number times, Date since) {
    long n = whole(workingDays);
    long max = whole(times);
    Date from = since != null ? since : ClockUtil.getCurrentTime();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    ZonedDateTime at = null;
    for (long k = 1; k <= max; k++) {
      at = afterFrom(from, k * n);
      if (at.toInstant().isAfter(now)) {
        Date next = Date.from(at.toInstant());
        calendar.computed(ComputedDate.Kind.CYCLE, from, k * n, null, next);
        return oneShot(next);
      }
    }
    // all reminders given: a single repetition whose one occurrence (start + P1D) already lies in the past has no next
    // date, so the engine creates no further timer
    return oneShot(Date.from(now.minus(Duration.ofDays(2))));
  }

  /** "R1/<instant>/P1D": fires once at the instant (the engine's cycle format with a start date). */
  private String oneShot(Date at) {
    return "R1/" + ISO.format(at.toInstant().atZone(properties.zone())) + "/P1D";
  }

  private ZonedDateTime afterFrom(Date from, long workingDays) {
    ZoneId zone = properties.zone();
    ZonedDateTime start = from.toInstant().atZone(zone);
    LocalDate day = start.toLocalDate();
    for (long counted = 0; counted < workingDays; ) {
      day = day.plusDays(1);
      if (calendar.isWorkingDay(day)) {
        counted++;
      }
    }
    LocalTime time = start.toLocalTime().withNano(0);
    if (time.isBefore(properties.officeOpens())) {
      time = properties.officeOpens();
    } else if (time.isAfter(properties.officeCloses())) {
      time = properties.officeCloses();
    }
    return day.atTime(time).atZone(zone);
  }

  private static long whole(Number workingDays) {
    if (workingDays == null || workingDays.longValue() < 1 || workingDays.doubleValue() != workingDays.longValue()) {
      throw new IllegalArgumentException("提醒间隔和次数必须是正整数：" + workingDays);
    }
    if (workingDays.longValue() > WorkingDayCalendar.MAX_WORKING_DAYS) {
      throw new IllegalArgumentException("提醒间隔过大（最多" + WorkingDayCalendar.MAX_WORKING_DAYS + "个工作日）：" + workingDays);
    }
    return workingDays.longValue();
  }
}
