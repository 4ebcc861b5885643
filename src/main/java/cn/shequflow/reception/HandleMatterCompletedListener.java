package cn.shequflow.reception;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.casefile.CaseInput;
import cn.shequflow.casefile.CaseVariables;
import cn.shequflow.casefile.InvalidCaseInputException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Checks the worker's decision on a reception case before it is taken: an answer where one was given, and a
 * promised reply date that is not past and not later than the catalogue's time limit (R-4.2-1, R-3.1.1-2).
 * An execution listener on the task's end (not a task listener) because the engine wraps task-listener exceptions,
 * which would turn the worker's mistake into an HTTP 500 instead of a 400 with this message.
 */
@Component("handleMatterCompletedListener")
class HandleMatterCompletedListener implements ExecutionListener {

  static final Set<String> OUTCOMES =
      Set.of("answered", "doneAtOnce", "missingMaterials", "replyLater", "outsideRemit", "reportUpward", "proxyService");

  private final WorkingDayCalendar workingDays;

  HandleMatterCompletedListener(WorkingDayCalendar workingDays) {
    this.workingDays = workingDays;
  }

  @Override
  public void notify(DelegateExecution task) {
    if (task.isCanceled()) {
      return; // a manager cancelling the case in Cockpit is not a decision to check
    }
    String outcome = CaseInput.text(task.getVariable("outcome"));
    if (!OUTCOMES.contains(outcome)) {
      throw new InvalidCaseInputException("outcome", "请选择办理方式");
    }
    switch (outcome) {
      case "answered", "doneAtOnce" -> require(task, "answer", "请填写答复内容或办理结果");
      case "reportUpward" -> reportUpward(task);
      case "replyLater" -> promiseReply(task);
      case "outsideRemit" -> prefillReferral(task);
      case "missingMaterials" -> prefillNotice(task);
      default -> { }
    }
  }

  /**
   * R-4.1-4: the referral form starts from the catalogue's responsible unit and its contact, which the worker may
   * edit; written only on this path, not on every case (issue 11, cheaper cases).
   */
  private static void prefillReferral(DelegateExecution task) {
    if (CaseInput.text(task.getVariable(CaseVariables.REFERRAL_UNIT)).isEmpty()) {
      task.setVariable(CaseVariables.REFERRAL_UNIT, CaseInput.text(task.getVariable(CaseVariables.DEPARTMENT)));
    }
    if (CaseInput.text(task.getVariable(CaseVariables.REFERRAL_CONTACT)).isEmpty()) {
      task.setVariable(CaseVariables.REFERRAL_CONTACT,
          CaseInput.text(task.getVariable(CaseVariables.DEPARTMENT_CONTACT)));
    }
  }

  /**
   * R-4.2-3 (issue 13 item 8): the one-time notice starts from every material the catalogue lists for the matter, one
   * a line, and the worker strikes out what the resident did bring; a catalogue that needs nothing ("无…") prefills
   * nothing, and a list the worker already gave is kept. Written only on this path, like the referral's prefill.
   */
  private static void prefillNotice(DelegateExecution task) {
    if (!CaseInput.text(task.getVariable(CaseVariables.MISSING_MATERIALS)).isEmpty()) {
      return;
    }
    String materials = CaseInput.text(task.getVariable(CaseVariables.MATERIALS));
    if (materials.isEmpty() || materials.startsWith("无")) {
      return;
    }
    String oneALine = java.util.Arrays.stream(materials.split("；")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(java.util.stream.Collectors.joining("\n"));
    task.setVariable(CaseVariables.MISSING_MATERIALS, oneALine);
  }

  /** R-4.2-4: a reason, and a unit the community can actually reach (a department needs its mail address). */
  private static void reportUpward(DelegateExecution task) {
    require(task, "reportReason", "请填写上报事由");
    String target = CaseInput.text(task.getVariable("escalationTarget"));
    if (target.isEmpty()) {
      task.setVariable("escalationTarget", "street-office");
    } else if (!Set.of("street-office", "department").contains(target)) {
      throw new InvalidCaseInputException("escalationTarget", "请选择上报街道办事处或服务目录中的责任单位");
    } else if ("department".equals(target) && CaseInput.text(task.getVariable("departmentEmail")).isEmpty()) {
      throw new InvalidCaseInputException("escalationTarget", "服务目录未登记该事项责任单位的邮箱，无法发送上报函，请改为上报街道");
    }
  }

  private void promiseReply(DelegateExecution task) {
    Object value = task.getVariable("promisedReplyDate");
    if (value == null || value.toString().isBlank()) {
      throw new InvalidCaseInputException("promisedReplyDate", "请填写承诺答复日期");
    }
    LocalDate day;
    try {
      day = value instanceof Date date ? date.toInstant().atZone(workingDays.zone()).toLocalDate()
          : LocalDate.parse(value.toString().trim().substring(0, Math.min(10, value.toString().trim().length())));
    } catch (DateTimeParseException e) {
      throw new InvalidCaseInputException("promisedReplyDate", "承诺答复日期“" + value + "”无法识别");
    }
    Date promisedReplyAt = workingDays.closingTime(day);
    Date limit = (Date) task.getVariable("catalogueDueAt");
    if (promisedReplyAt.before(ClockUtil.getCurrentTime())) {
      throw new InvalidCaseInputException("promisedReplyDate", "承诺答复日期不能早于今天");
    }
    if (limit != null && promisedReplyAt.after(limit)) {
      throw new InvalidCaseInputException("promisedReplyDate",
          "承诺答复日期不能晚于服务目录规定的时限：" + workingDays.text(limit));
    }
    task.setVariable("promisedReplyAt", promisedReplyAt);
    task.setVariable("promisedReplyText", workingDays.text(promisedReplyAt));
  }

  private static void require(DelegateExecution task, String variable, String message) {
    if (CaseInput.text(task.getVariable(variable)).isEmpty()) {
      throw new InvalidCaseInputException(variable, message);
    }
  }
}
