package cn.shequflow.homevisit;

import cn.shequflow.casefile.InvalidCaseInputException;
import cn.shequflow.household.Household;
import cn.shequflow.household.HouseholdRepository;
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

  private final HouseholdRepository households;
  private final RuntimeService runtimeService;

  StartCaseFromVisitDelegate(HouseholdRepository households, RuntimeService runtimeService) {
    this.households = households;
    this.runtimeService = runtimeService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long householdId = ((Number) execution.getVariable("householdId")).longValue();
    Household household = households.find(householdId)
        .orElseThrow(() -> new InvalidCaseInputException("householdId", "住户 " + householdId + " 不存在"));
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
