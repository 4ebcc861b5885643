package cn.shequflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reminder cycles in working days (issue 15 item 5) on the shipped holiday table, moved by the engine clock. */
class WorkingDayCycleTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private final CalendarProperties properties = CalendarProperties.defaults();
  private final WorkingDayCycle cycle = new WorkingDayCycle(new WorkingDayCalendar(properties), properties);

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  @DisplayName("R-4.2-4 催办每2个工作日：周四起算，落在周六的催办改在下周一同一时间")
  void chaseDueOnSaturday_firesOnMondayAtTheSameTime_R_4_2_4() {
    ClockUtil.setCurrentTime(at(2026, 12, 3, 10, 0)); // Thursday
    assertThat(cycle.after(2)).isEqualTo(at(2026, 12, 7, 10, 0));
  }

  @Test
  @DisplayName("R-3.1.3-5 每5个工作日告知进度：跳过2026年国庆假期，计入10月10日调休上班日")
  void progressReminder_skipsTheNationalDayWeek_R_3_1_3_5() {
    ClockUtil.setCurrentTime(at(2026, 9, 30, 10, 0));
    // Oct 1–7 off; Oct 8, 9, 10 (make-up Saturday), 12, 13
    assertThat(cycle.after(5)).isEqualTo(at(2026, 10, 13, 10, 0));
  }

  @Test
  @DisplayName("R-4.2-4 有次数限制的催办周期：给出下一次的时间，次数用完后给出已过去的一次（引擎不再催办）")
  void limitedCycle_givesTheNextOccurrence_thenOneInThePast_R_4_2_4() {
    Date reportedAt = at(2026, 12, 3, 10, 0);
    ClockUtil.setCurrentTime(reportedAt);
    assertThat(cycle.limitedCycle(2, 3, reportedAt)).isEqualTo("R1/2026-12-07T10:00:00+08:00/P1D");
    ClockUtil.setCurrentTime(at(2026, 12, 9, 10, 0));
    assertThat(cycle.limitedCycle(2, 3, reportedAt)).isEqualTo("R1/2026-12-11T10:00:00+08:00/P1D");
    ClockUtil.setCurrentTime(at(2026, 12, 11, 10, 0));
    assertThat(cycle.limitedCycle(2, 3, reportedAt)).isEqualTo("R1/2026-12-09T10:00:00+08:00/P1D");
  }

  @Test
  @DisplayName("下班后或上班前起算的提醒落在办公时间内")
  void reminderTimeIsKeptInsideOfficeHours() {
    ClockUtil.setCurrentTime(at(2026, 12, 3, 20, 30));
    assertThat(cycle.after(2)).isEqualTo(at(2026, 12, 7, 17, 0));
    ClockUtil.setCurrentTime(at(2026, 12, 3, 7, 0));
    assertThat(cycle.after(2)).isEqualTo(at(2026, 12, 7, 9, 0));
  }

  @Test
  @DisplayName("提醒间隔不是正整数时拒绝，并说明原因")
  void nonPositiveOrFractionalInterval_isRefusedInChinese() {
    assertThatThrownBy(() -> cycle.after(0)).hasMessageContaining("正整数");
    assertThatThrownBy(() -> cycle.after(2.5)).hasMessageContaining("正整数");
    assertThatThrownBy(() -> cycle.after(null)).hasMessageContaining("正整数");
    assertThatThrownBy(() -> cycle.after(5000)).hasMessageContaining("过大");
  }

  private static Date at(int y, int m, int d, int h, int min) {
    return Date.from(LocalDateTime.of(y, m, d, h, min).atZone(SHANGHAI).toInstant());
  }
}
