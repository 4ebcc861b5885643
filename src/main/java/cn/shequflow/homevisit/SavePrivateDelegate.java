package cn.shequflow.homevisit;

import cn.shequflow.casefile.CaseInput;
import cn.shequflow.household.HouseholdProfiles;
import cn.shequflow.security.PrivateVariables;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Moves what a visit form gathered about a family — the household profile (R-3.1.2-6) or a key family's demands,
 * problems and opinions (R-3.1.2-7) — from the private_* variables into the app's tables ({@link HouseholdProfiles},
 * {@link VisitRecords}), then removes the variables from the case (they were never written to history, R-1.2-7).
 */
@Component("savePrivateDelegate")
class SavePrivateDelegate implements JavaDelegate {

  static final int COLUMN_MAX = 2000;

  private final HouseholdProfiles profiles;
  private final VisitRecords records;
  private final VisitHousehold visitHousehold;

  SavePrivateDelegate(HouseholdProfiles profiles, VisitRecords records, VisitHousehold visitHousehold) {
    this.profiles = profiles;
    this.records = records;
    this.visitHousehold = visitHousehold;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // a profile is written only for a household of the visit's grid (issue 10 finding 2: a grid-1 profile overwritten)
    long householdId = visitHousehold.of(execution).id();
    String worker = VisitRecordDelegate.worker(execution);
    Date now = ClockUtil.getCurrentTime();
    if (execution.hasVariable("private_livingConditions")) {
      profiles.save(householdId, new HouseholdProfiles.Profile(text(execution, "members"),
          text(execution, "livingConditions"), text(execution, "stateOfMind"), text(execution, "employment"),
          text(execution, "health"), text(execution, "education"), text(execution, "socialSecurity")), worker, now);
    }
    if (execution.hasVariable("private_demands")) {
      records.note(householdId, execution.getProcessInstanceId(), text(execution, "demands"),
          text(execution, "problems"), text(execution, "opinions"), worker, now);
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
