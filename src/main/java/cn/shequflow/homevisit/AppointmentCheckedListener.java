package cn.shequflow.homevisit;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.casefile.CaseInput;
import cn.shequflow.casefile.InvalidCaseInputException;
import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Checks the agreed visit time of 预约走访 (R-3.1.2-3) when the worker completes it: required, readable, and not on a
 * day before today in Asia/Shanghai. The form no longer disables past days in its picker (issue 13 item 3: a
 * re-planned visit kept its old, now past, date and the field just said required); the reason is given instead, as
 * reception refuses a promise before today. An execution listener on the task's end, not a task listener, so the
 * refusal is a 400 with this message rather than a wrapped 500.
 */
@Component("visitAppointmentCheckedListener")
class AppointmentCheckedListener implements ExecutionListener {

  private final WorkingDayCalendar workingDays;

  AppointmentCheckedListener(WorkingDayCalendar workingDays) {
    this.workingDays = workingDays;
  }

  @Override
  public void notify(DelegateExecution task) {
    if (task.isCanceled()) {
      return; // a manager cancelling the visit in Cockpit is not an appointment to check
    }
    Object value = task.getVariable("appointmentAt");
    if (value == null || (value instanceof String text && text.isBlank())) {
      throw new InvalidCaseInputException("appointmentAt", "请填写约定走访的日期和时间");
    }
    Date at;
    if (value instanceof Date date) {
      at = date;
    } else {
      try {
        at = CaseInput.parse(value.toString().trim(), workingDays.zone());
      } catch (InvalidCaseInputException unreadable) {
        throw new InvalidCaseInputException("appointmentAt", "约定走访时间“" + value + "”无法识别，请选择日期和时间");
      }
    }
    LocalDate day = at.toInstant().atZone(workingDays.zone()).toLocalDate();
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(workingDays.zone()).toLocalDate();
    if (day.isBefore(today)) {
      throw new InvalidCaseInputException("appointmentAt", "约定走访日期不能早于今天");
    }
  }
}
