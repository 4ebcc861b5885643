package cn.shequflow.calendar;

import cn.shequflow.security.ManagerWarning;
import org.springframework.stereotype.Component;

/** The holiday table's warning for next year (from 1 November while it has no rows) on the managers' staff pages. */
@Component
class NextYearWarning implements ManagerWarning {

  private final WorkingDayCalendar calendar;

  NextYearWarning(WorkingDayCalendar calendar) {
    this.calendar = calendar;
  }

  @Override
  public String text() {
    return calendar.nextYearWarning();
  }
}
