package cn.shequflow.homevisit;

import cn.shequflow.casefile.InvalidCaseInputException;
import cn.shequflow.household.Household;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Turns a demand heard on a visit into a reception case (R-3.1.2-7, R-4.1-1): the visiting worker, who is
 * completing the step, becomes its first responder; the resident's name and phone come from the registry.
 */
@Component("startCaseFromVisitDelegate")
class StartCaseFromVisitDelegate implements JavaDelegate {

  private final VisitHousehold visitHousehold;
  private final RuntimeService runtimeService;

  StartCaseFromVisitDelegate(VisitHousehold visitHousehold, RuntimeService runtimeService) {
    this.visitHousehold = visitHousehold;
    this.runtimeService = runtimeService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // the head's name and phone go into the new case: only for a household of the visit's grid (issue 10 finding 2)
    Household household = visitHousehold.of(execution);
    long householdId = household.id();
    if (household.phone() == null || household.phone().isBlank()) {
      throw new InvalidCaseInputException("residentPhone", "该户没有登记联系电话，请先在住户台账中补充后再转为接待事项");
    }
    Map<String, Object> input = new HashMap<>();
    input.put("channel", "visit");
    input.put("residentName", household.headName());
    input.put("residentPhone", household.phone());
    input.put("category", execution.getVariable("demandCategory"));
    input.put("summary", execution.getVariable("demandSummary"));
    input.put("priorityGroup", "none");
    input.put("grid", household.grid());
    input.put("householdId", householdId);
    ProcessInstance reception = runtimeService.startProcessInstanceByKey("reception", input);
    execution.setVariable("demandCaseNumber", reception.getBusinessKey());
  }
}
