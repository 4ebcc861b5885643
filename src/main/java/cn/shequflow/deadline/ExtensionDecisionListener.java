package cn.shequflow.deadline;

import cn.shequflow.casefile.InvalidCaseInputException;
import cn.shequflow.organisation.Organisation;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * End of the manager's 审批延期申请 (issue 15 item 4): only a manager (社区书记/主任) decides, by name, never the app
 * or a worker who got hold of the task; the decision is 批准 or 不批准, and 不批准 says why. Refused input is a
 * Chinese 400 from the task form; the decision is recorded on the case.
 */
@Component("extensionDecisionListener")
class ExtensionDecisionListener implements ExecutionListener {

  static final String DECISION = "extensionDecision";
  static final String NOTE = "extensionDecisionNote";

  private final Organisation organisation;
  private final DeadlineChanges changes;

  ExtensionDecisionListener(Organisation organisation, DeadlineChanges changes) {
    this.organisation = organisation;
    this.changes = changes;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String user = Context.getCommandContext().getAuthenticatedUserId();
    if (user == null || !organisation.isMember(user, Organisation.MANAGERS)) {
      throw new InvalidCaseInputException(DECISION, "只有社区书记/主任可以审批延期申请");
    }
    if (user.equals(execution.getVariable("extensionRequestedBy"))) {
      throw new InvalidCaseInputException(DECISION, "不能审批自己提出的延期申请，请由另一位社区书记/主任审批");
    }
    Object decision = execution.getVariable(DECISION);
    if (!"approved".equals(decision) && !"refused".equals(decision)) {
      throw new InvalidCaseInputException(DECISION, "请选择批准或不批准");
    }
    boolean approved = "approved".equals(decision);
    Object note = execution.getVariable(NOTE);
    if (!approved && (!(note instanceof String text) || text.isBlank())) {
      throw new InvalidCaseInputException(NOTE, "不批准时请说明原因");
    }
    execution.setVariable("extensionDecidedBy", user);
    changes.extensionDecided(execution.getProcessBusinessKey(), approved, user, ClockUtil.getCurrentTime());
  }
}
