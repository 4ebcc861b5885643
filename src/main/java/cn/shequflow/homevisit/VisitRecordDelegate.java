package cn.shequflow.homevisit;

import cn.shequflow.casefile.CaseInput;
import java.sql.Timestamp;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records a visit attempt for the archive and for coverage (R-3.1.2-5, R-3.1.2-9): visited, refused or nobody home,
 * by whom and when, with the policies promoted (R-3.1.2-8).
 */
@Component("visitRecordDelegate")
class VisitRecordDelegate implements JavaDelegate {

  static final Set<String> OUTCOMES = Set.of("visited", "refused", "nobodyHome");

  private final JdbcTemplate jdbc;
  private final VisitHousehold visitHousehold;

  VisitRecordDelegate(JdbcTemplate jdbc, VisitHousehold visitHousehold) {
    this.jdbc = jdbc;
    this.visitHousehold = visitHousehold;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String outcome = (String) execution.getVariable("visitOutcome");
    if (!OUTCOMES.contains(outcome)) {
      throw new IllegalStateException("走访结果应为 visited、refused 或 nobodyHome，实际为：" + outcome);
    }
    long householdId = visitHousehold.of(execution).id();
    jdbc.update("insert into visit_record (household_id, grid, period, visit_kind, outcome, worker, visited_at, "
        + "policies, process_instance_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        householdId, execution.getVariable("grid"),
        execution.getVariable("period"), execution.getVariable("visitKind"), outcome, worker(execution),
        new Timestamp(ClockUtil.getCurrentTime().getTime()),
        // visit_record.policies is varchar(2000)
        "visited".equals(outcome)
            ? CaseInput.text(execution.getVariable("policiesPromoted"), "policiesPromoted", "宣传的政策", 2000)
            : CaseInput.text(execution.getVariable("arrivalNote"), "arrivalNote", "情况说明", 2000),
        execution.getProcessInstanceId());
    execution.setVariable("lastVisitOutcome", outcome);
  }

  /** The worker completing the step (the REST or Tasklist user); "system" when run without one. */
  static String worker(DelegateExecution execution) {
    Authentication authentication = execution.getProcessEngineServices().getIdentityService()
        .getCurrentAuthentication();
    return authentication == null ? "system" : authentication.getUserId();
  }
}
