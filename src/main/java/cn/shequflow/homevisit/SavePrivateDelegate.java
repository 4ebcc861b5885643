package cn.shequflow.homevisit;

import cn.shequflow.casefile.CaseInput;
import cn.shequflow.security.PrivateVariables;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Moves what a visit form gathered about a family — the household profile (R-3.1.2-6) or a key family's demands,
 * problems and opinions (R-3.1.2-7) — from the private_* variables into the app's tables, then removes the
 * variables from the case (they were never written to history, R-1.2-7).
 */
@Component("savePrivateDelegate")
class SavePrivateDelegate implements JavaDelegate {

  static final int COLUMN_MAX = 2000;

  private final JdbcTemplate jdbc;
  private final VisitHousehold visitHousehold;

  SavePrivateDelegate(JdbcTemplate jdbc, VisitHousehold visitHousehold) {
    this.jdbc = jdbc;
    this.visitHousehold = visitHousehold;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // a profile is written only for a household of the visit's grid (issue 10 finding 2: a grid-1 profile overwritten)
    long householdId = visitHousehold.of(execution).id();
    String worker = VisitRecordDelegate.worker(execution);
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    if (execution.hasVariable("private_livingConditions")) {
      Object[] profile = {text(execution, "members"), text(execution, "livingConditions"),
          text(execution, "stateOfMind"), text(execution, "employment"), text(execution, "health"),
          text(execution, "education"), text(execution, "socialSecurity"), worker, now, householdId};
      int updated = jdbc.update("update household_profile set members = ?, living_conditions = ?, state_of_mind = ?, "
          + "employment = ?, health = ?, education = ?, social_security = ?, recorded_by = ?, recorded_at = ? "
          + "where household_id = ?", profile);
      if (updated == 0) {
        jdbc.update("insert into household_profile (members, living_conditions, state_of_mind, employment, health, "
            + "education, social_security, recorded_by, recorded_at, household_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            profile);
      }
    }
    if (execution.hasVariable("private_demands")) {
      jdbc.update("insert into visit_note (household_id, process_instance_id, demands, problems, opinions, recorded_by, "
          + "recorded_at) values (?, ?, ?, ?, ?, ?, ?)", householdId, execution.getProcessInstanceId(),
          text(execution, "demands"), text(execution, "problems"), text(execution, "opinions"), worker, now);
    }
    List<String> privateNames = new ArrayList<>();
    for (Map.Entry<String, Object> variable : execution.getVariables().entrySet()) {
      if (PrivateVariables.isPrivate(variable.getKey())) {
        privateNames.add(variable.getKey());
      }
    }
    execution.removeVariables(privateNames);
  }

  /** A form's text for a varchar(2000) column of household_profile or visit_note; null when not given. */
  private static String text(DelegateExecution execution, String field) {
    Object value = execution.getVariable(PrivateVariables.PREFIX + field);
    return value == null ? null
        : CaseInput.text(value, PrivateVariables.PREFIX + field, "填写的内容", COLUMN_MAX);
  }
}
