package cn.shequflow.calendar;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Reminder cycles counted in working days, for the models' chase and progress timers ({@code ${workingDayCycle.after(2)}}):
 * the same time of day N working days later, never on a weekend or holiday (issue 15 item 5).
 */
@Component("workingDayCycle")
public class WorkingDayCycle {

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
    if (workingDays == null || workingDays.longValue() < 1 || workingDays.doubleValue() != workingDays.longValue()) {
      throw new IllegalArgumentException("提醒间隔必须是正整数个工作日：" + workingDays);
    }
    if (workingDays.longValue() > WorkingDayCalendar.MAX_WORKING_DAYS) {
      throw new IllegalArgumentException("提醒间隔过大（最多" + WorkingDayCalendar.MAX_WORKING_DAYS + "个工作日）：" + workingDays);
    }
    ZoneId zone = properties.zone();
    ZonedDateTime now = ClockUtil.getCurrentTime().toInstant().atZone(zone);
    LocalDate day = now.toLocalDate();
    for (long counted = 0; counted < workingDays.longValue(); ) {
      day = day.plusDays(1);
      if (calendar.isWorkingDay(day)) {
        counted++;
      }
    }
    LocalTime time = now.toLocalTime();
    if (time.isBefore(properties.officeOpens())) {
      time = properties.officeOpens();
    } else if (time.isAfter(properties.officeCloses())) {
      time = properties.officeCloses();
    }
    return Date.from(day.atTime(time).atZone(zone).toInstant());
  }
}
