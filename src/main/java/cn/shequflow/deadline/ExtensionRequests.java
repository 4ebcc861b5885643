package cn.shequflow.deadline;

import cn.shequflow.casefile.CaseVariables;
import cn.shequflow.organisation.Organisation;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A worker's request for more working days on a case (延期, issue 15 item 4, R-4.2-1): checked (the case is open and
 * of the worker's grid, its process allows extensions in deadline-extension, N is a whole number from 1 to the rule's
 * maximum, a reason is given, no request is already waiting), then handed to the case's process, whose manager task
 * decides. Every refusal is a Chinese message with its HTTP status.
 */
@Component
class ExtensionRequests {

  static final String MESSAGE = "Message_ExtensionRequested";

  /** The outcome: the HTTP status and the Chinese message. */
  record Answer(HttpStatus status, String message) {}

  private final RuntimeService runtimeService;
  private final Organisation organisation;
  private final DeadlineRules rules;
  private final DeadlineChanges changes;

  ExtensionRequests(RuntimeService runtimeService, Organisation organisation, DeadlineRules rules,
      DeadlineChanges changes) {
    this.runtimeService = runtimeService;
    this.organisation = organisation;
    this.rules = rules;
    this.changes = changes;
  }

  /** What the task form's 申请延期 needs to know: may this user ask, up to how many days, is one waiting. */
  record Info(HttpStatus status, String message, boolean allowed, int maxWorkingDays, boolean pending) {}

  Info info(String user, String caseNumber) {
    Optional<ProcessInstance> found = openCase(caseNumber);
    if (found.isEmpty()) {
      return new Info(HttpStatus.NOT_FOUND, "没有正在办理的事项 " + caseNumber, false, 0, false);
    }
    if (!mayAccess(user, found.get())) {
      return new Info(HttpStatus.FORBIDDEN, "只能为本网格的事项申请延期", false, 0, false);
    }
    Optional<DeadlineRules.Extension> rule = rules.extension(processKey(found.get()));
    return new Info(HttpStatus.OK, rule.isPresent() ? "可以申请延期" : "此类事项不能申请延期", rule.isPresent(),
        rule.map(DeadlineRules.Extension::maxWorkingDays).orElse(0), changes.extensionPending(caseNumber));
  }

  private Optional<ProcessInstance> openCase(String caseNumber) {
    return caseNumber == null || caseNumber.length() > 32 ? Optional.empty()
        : runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).rootProcessInstances()
            .active().list().stream().findFirst();
  }

  private boolean mayAccess(String user, ProcessInstance instance) {
    Object grid = runtimeService.getVariable(instance.getId(), CaseVariables.GRID);
    return organisation.mayAccessGrid(user, grid == null ? null : grid.toString());
  }

  private static String processKey(ProcessInstance instance) {
    return instance.getProcessDefinitionId().split(":")[0];
  }

  @Transactional
  Answer request(String user, String caseNumber, Object workingDaysAsked, Object reasonGiven) {
    Optional<ProcessInstance> found = openCase(caseNumber);
    if (found.isEmpty()) {
      return new Answer(HttpStatus.NOT_FOUND, "没有正在办理的事项 " + caseNumber + "（已办结的事项不能申请延期）");
    }
    ProcessInstance instance = found.get();
    if (!mayAccess(user, instance)) {
      return new Answer(HttpStatus.FORBIDDEN, "只能为本网格的事项申请延期");
    }
    Optional<DeadlineRules.Extension> rule = rules.extension(processKey(instance));
    if (rule.isEmpty()) {
      return new Answer(HttpStatus.BAD_REQUEST, "此类事项不能申请延期");
    }
    int max = rule.get().maxWorkingDays();
    Integer days = wholeNumber(workingDaysAsked);
    if (days == null || days < 1 || days > max) {
      return new Answer(HttpStatus.BAD_REQUEST, "延长的工作日数须为 1 到 " + max + " 之间的整数");
    }
    String reason = reasonGiven instanceof String text ? text.strip() : "";
    if (reason.isEmpty()) {
      return new Answer(HttpStatus.BAD_REQUEST, "请说明延期理由");
    }
    if (reason.length() > DeadlineChanges.REASON_MAX) {
      return new Answer(HttpStatus.BAD_REQUEST, "延期理由过长：最多" + DeadlineChanges.REASON_MAX + "个字");
    }
    if (changes.extensionPending(caseNumber)) {
      return new Answer(HttpStatus.CONFLICT, "该事项已有一份延期申请在等待审批");
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put("extensionWorkingDays", days);
    variables.put("extensionReason", reason);
    variables.put("extensionRequestedBy", user);
    variables.put("extensionRequestedByName", organisation.displayName(user));
    runtimeService.createMessageCorrelation(MESSAGE).processInstanceId(instance.getId()).setVariablesLocal(variables)
        .correlateWithResult();
    changes.extensionRequested(caseNumber, instance.getId(), rule.get().deadlines(), days, reason, user,
        ClockUtil.getCurrentTime());
    return new Answer(HttpStatus.ACCEPTED, "延期申请已提交，等待社区书记/主任审批");
  }

  /** A whole number from JSON (3, 3.0 or "3"), else null: 2.5, "三", true are not. */
  private static Integer wholeNumber(Object value) {
    try {
      BigDecimal number = value instanceof Number n ? new BigDecimal(n.toString())
          : value instanceof String s ? new BigDecimal(s.strip()) : null;
      return number == null ? null : number.intValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }
}
