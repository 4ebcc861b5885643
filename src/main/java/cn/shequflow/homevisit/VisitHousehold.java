package cn.shequflow.homevisit;

import cn.shequflow.casefile.CaseInput;
import cn.shequflow.casefile.InvalidCaseInputException;
import cn.shequflow.household.Household;
import cn.shequflow.household.HouseholdRepository;
import cn.shequflow.organisation.Organisation;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The household of a visit case, checked before a delegate reads or writes anything about it (issue 10 item 7,
 * finding 2): it exists, it belongs to the case's grid, and the worker completing the step is of that grid or a
 * manager — so no variable a visit was started or completed with reaches another grid's family.
 */
@Component
class VisitHousehold {

  private final HouseholdRepository households;
  private final Organisation organisation;

  VisitHousehold(HouseholdRepository households, Organisation organisation) {
    this.households = households;
    this.organisation = organisation;
  }

  Household of(DelegateExecution execution) {
    Object id = execution.getVariable("householdId");
    if (!(id instanceof Number number)) {
      throw new InvalidCaseInputException("householdId", "走访事项没有有效的住户编号（householdId）");
    }
    Household household = households.find(number.longValue())
        .orElseThrow(() -> new InvalidCaseInputException("householdId", "住户 " + id + " 不存在"));
    String grid = CaseInput.text(execution.getVariable("grid"));
    if (!household.grid().equals(grid)) {
      throw new AuthorizationException("住户 " + household.householdNo() + " 不属于本走访事项的网格，不能记录或转办");
    }
    Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (user != null && user.getUserId() != null && !organisation.mayAccessGrid(user.getUserId(), grid)) {
      throw new AuthorizationException("只有本网格工作人员和社区书记/主任可以记录该住户的走访");
    }
    return household;
  }
}
