package cn.shequflow.duty;

import cn.shequflow.casefile.CaseNumbers;
import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.casefile.CaseInput;
import cn.shequflow.casefile.InvalidCaseInputException;
import cn.shequflow.organisation.Organisation;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Records what the duty worker entered in 值班记录 (R-4.3-2): an emergency, with the time it happened (required, never
 * in the future), becomes a duty_event row ({@link DutyRecords}), a line of the shift's events and the inputs of the
 * report to the street office (R-1.3-4); a
 * summary becomes a line of the shift's events. The form's fields are then cleared, so the next 值班记录 starts empty; a completion without a
 * choice arrives here by the gateway's default flow and is refused.
 */
@Component("dutyEventDelegate")
class DutyEventDelegate implements JavaDelegate {

  static final String EMERGENCY = "emergency";
  static final String NONE = "none";

  /** The kinds of the duty-watch form, in its order. */
  static final Map<String, String> KINDS = Map.of(
      "fire", "火灾", "flood", "汛情内涝", "gasLeak", "燃气泄漏", "missingPerson", "人员走失",
      "publicSafety", "治安事件", "other", "其他");

  // a String variable is stored in a 4000-character column; the full text is kept in duty_event
  static final int EVENTS_LIMIT = 3800;
  private static final int FIELD_LIMIT = 300;
  static final int PLACE_MAX = 200;
  static final int ACCOUNT_MAX = 1500;
  /** How far an event time may lie ahead of the server's clock: the browser's clock, and a minute typed ahead. */
  static final java.time.Duration CLOCK_TOLERANCE = java.time.Duration.ofMinutes(5);
  private static final DateTimeFormatter LINE_TIME = DateTimeFormatter.ofPattern("M月d日 HH:mm");
  private static final List<String> FORM_FIELDS =
      List.of("eventType", "emergencyKind", "eventOccurredAt", "eventPlace", "actionTaken", "eventNote", "dutyNote");

  private final DutyRecords records;
  private final Organisation organisation;
  private final WorkingDayCalendar workingDays;

  DutyEventDelegate(DutyRecords records, Organisation organisation, WorkingDayCalendar workingDays) {
    this.records = records;
    this.organisation = organisation;
    this.workingDays = workingDays;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Date now = ClockUtil.getCurrentTime();
    String when = LINE_TIME.format(now.toInstant().atZone(workingDays.zone()));
    String type = text(execution.getVariable("eventType"));
    String line;
    if (EMERGENCY.equals(type)) {
      line = recordEmergency(execution, now, when);
    } else if (NONE.equals(type)) {
      String note = CaseInput.text(execution.getVariable("dutyNote"), "dutyNote", "值班小结", CaseInput.TEXT_MAX);
      if (note.isEmpty()) {
        throw new InvalidCaseInputException("dutyNote", "请填写值班小结（巡查情况、来电来访等）");
      }
      line = "[" + when + "] 值班小结：" + shorten(note);
    } else {
      throw new InvalidCaseInputException("eventType", "请选择值班情况：“无事件（值班小结）”或“突发事件或重大事项”");
    }
    execution.setVariable("shiftEvents", append(text(execution.getVariable("shiftEvents")), line));
    // null rather than removed: the gateway after 值班记录 reads eventType, and a missing one goes to the default flow
    FORM_FIELDS.forEach(field -> execution.setVariable(field, null));
  }

  private String recordEmergency(DelegateExecution execution, Date now, String when) {
    String kind = text(execution.getVariable("emergencyKind"));
    String kindName = KINDS.get(kind);
    if (kindName == null) {
      throw new InvalidCaseInputException("emergencyKind", "请选择事件类别（火灾、汛情内涝、燃气泄漏、人员走失、治安事件、其他）");
    }
    // the three go into duty_event and together into the report's reason, a String variable of at most 4000
    String place = CaseInput.text(execution.getVariable("eventPlace"), "eventPlace", "事发地点", PLACE_MAX);
    String action = CaseInput.text(execution.getVariable("actionTaken"), "actionTaken", "处置措施", ACCOUNT_MAX);
    String note = CaseInput.text(execution.getVariable("eventNote"), "eventNote", "补充情况", ACCOUNT_MAX);
    Date occurredAt = occurredAt(execution.getVariable("eventOccurredAt"), now);
    String occurred = LINE_TIME.format(occurredAt.toInstant().atZone(workingDays.zone()));
    if (place.isEmpty()) {
      throw new InvalidCaseInputException("eventPlace", "请填写事发地点");
    }
    if (action.isEmpty()) {
      throw new InvalidCaseInputException("actionTaken", "请填写已采取的处置措施");
    }
    String worker = text(execution.getVariable("dutyWorker"));
    String workerName = organisation.displayName(worker);
    int number = execution.getVariable("eventCount") instanceof Number n ? n.intValue() + 1 : 1;
    String eventCaseNumber = CaseNumbers.dutyEvent(execution.getProcessBusinessKey(), number);
    records.recordEvent(new DutyRecords.Event(execution.getProcessInstanceId(), execution.getProcessBusinessKey(),
        eventCaseNumber, text(execution.getVariable("shiftDate")), DutyRecords.string(execution.getVariable("shift")), worker,
        kind, kindName, place, action, note.isEmpty() ? null : note, occurredAt));
    String reason = "应急值班（" + execution.getVariable("shiftDate") + execution.getVariable("shiftName") + "，值班人员"
        + workerName + "）报告：" + workingDays.text(occurredAt) + "发生" + kindName + "（" + workingDays.text(now)
        + "登记）。地点：" + place + "。已采取措施：" + action
        + "。" + (note.isEmpty() ? "" : "补充情况：" + note + "。") + "请街道立即协调处置。";
    // inputs of the reusable escalation (README 上报与转办流程); the call passes eventCaseNumber as its business key
    execution.setVariable("eventCount", number);
    execution.setVariable("eventCaseNumber", eventCaseNumber);
    execution.setVariable("categoryName", "突发事件：" + kindName);
    execution.setVariable("reportReason", reason);
    execution.setVariable("timeLimitDays", 1);
    execution.setVariable("escalationTarget", "street-office");
    execution.setVariable("firstResponder", worker);
    execution.setVariable("firstResponderName", workerName);
    execution.setVariable("grid", organisation.gridOf(worker).orElse(Organisation.MANAGERS));
    // an internal report: it has no resident, and escalation tells none and asks none for feedback
    execution.setVariable("internalReport", true);
    return "[" + when + "] 突发事件 " + kindName + "｜发生时间：" + occurred + "｜地点：" + shorten(place) + "｜处置：" + shorten(action)
        + (note.isEmpty() ? "" : "｜补充：" + shorten(note)) + "｜已上报街道，编号 " + eventCaseNumber;
  }

  /**
   * When the event happened, as the worker entered it (issue 13 item 8, R-4.3-2): required, a Date variable or the
   * form's ISO text, and not later than now; refused in Chinese (HTTP 400) otherwise.
   */
  private Date occurredAt(Object value, Date now) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      throw new InvalidCaseInputException("eventOccurredAt", "请填写事件发生时间（日期和时间）");
    }
    Date at;
    if (value instanceof Date date) {
      at = date;
    } else {
      try {
        at = CaseInput.parse(value.toString().trim(), workingDays.zone());
      } catch (InvalidCaseInputException unreadable) {
        throw new InvalidCaseInputException("eventOccurredAt", "事件发生时间“" + value + "”无法识别，请选择日期和时间");
      }
    }
    if (at.getTime() > now.getTime() + CLOCK_TOLERANCE.toMillis()) {
      throw new InvalidCaseInputException("eventOccurredAt",
          "事件发生时间不能晚于现在（" + workingDays.text(now) + "），请填写事件实际发生的时间");
    }
    return at;
  }

  static String append(String events, String line) {
    String joined = events.isEmpty() ? line : events + "\n" + line;
    if (joined.length() <= EVENTS_LIMIT) {
      return joined;
    }
    String more = "\n……本班记录较多，其余见值班事件表（duty_event）和值班日志";
    return events.endsWith(more.substring(1)) ? events : events + more;
  }

  private static String shorten(String value) {
    return value.length() <= FIELD_LIMIT ? value : value.substring(0, FIELD_LIMIT) + "……";
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().trim();
  }
}
