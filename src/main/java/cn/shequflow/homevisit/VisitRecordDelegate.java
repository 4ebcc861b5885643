package cn.shequflow.homevisit;

import cn.shequflow.casefile.CaseInput;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Records a visit attempt in visit_record ({@link VisitRecords}) for the archive and for coverage (R-3.1.2-5,
 * R-3.1.2-9): visited, refused or nobody home, by whom and when, with the policies promoted (R-3.1.2-8).
 */
@Component("visitRecordDelegate")
class VisitRecordDelegate implements JavaDelegate {

  static final Set<String> OUTCOMES = Set.of("visited", "refused", "nobodyHome");

  private final VisitRecords records;
  private final VisitHousehold visitHousehold;

  VisitRecordDelegate(VisitRecords records, VisitHousehold visitHousehold) {
    this.records = records;
    this.visitHousehold = visitHousehold;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String outcome = (String) execution.getVariable("visitOutcome");
    if (!OUTCOMES.contains(outcome)) {
      throw new IllegalStateException("走访结果应为 visited、refused 或 nobodyHome，实际为：" + outcome);
    }
    long householdId = visitHousehold.of(execution).id();
    records.record(new VisitRecords.Attempt(householdId, string(execution.getVariable("grid")),
        string(execution.getVariable("period")), string(execution.getVariable("visitKind")), outcome,
        worker(execution), ClockUtil.getCurrentTime(),
        // visit_record.policies is varchar(2000)
        "visited".equals(outcome)
            ? CaseInput.text(execution.getVariable("policiesPromoted"), "policiesPromoted", "宣传的政策", 2000)
            : CaseInput.text(execution.getVariable("arrivalNote"), "arrivalNote", "情况说明", 2000),
        execution.getProcessInstanceId()));
    execution.setVariable("lastVisitOutcome", outcome);
  }

  /** The worker completing the step (the REST or Tasklist user); "system" when run without one. */
  static String worker(DelegateExecution execution) {
    Authentication authentication = execution.getProcessEngineServices().getIdentityService()
        .getCurrentAuthentication();
    return authentication == null ? "system" : authentication.getUserId();
  }

  /** A variable's value as text for a varchar column; null stays null. */
  static String string(Object value) {
    return value == null ? null : value.toString();
  }
}
