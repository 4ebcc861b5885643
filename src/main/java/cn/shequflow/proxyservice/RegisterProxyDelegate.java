package cn.shequflow.proxyservice;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.casefile.CaseInput;
import cn.shequflow.casefile.CaseFile;
import cn.shequflow.casefile.InvalidCaseInputException;
import cn.shequflow.organisation.Organisation;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Registers a proxy request (R-3.1.3-1, R-3.1.3-3): the resident's details when started from Tasklist (a case
 * number of its own), or the reception case's when called from there (its number and first responder stay), and
 * the item's knowledge from proxy-items.dmn as plain variables for the forms and the printed documents.
 */
@Component("registerProxyDelegate")
class RegisterProxyDelegate implements JavaDelegate {

  /**
   * What a caller may give when starting a proxy request directly (proxy-start.form, plus grid for a manager), and the
   * engine's initiator variable firstResponder, which is replaced by whoever is logged in.
   */
  static final Set<String> START_VARIABLES = Set.of("residentName", "residentPhone", "residentEmail",
      "residentAddress", "proxyItem", "summary", "grid", "firstResponder");

  private final DecisionService decisionService;
  private final Organisation organisation;
  private final CaseFile caseFile;
  private final WorkingDayCalendar workingDays;
  private final String communityName;

  RegisterProxyDelegate(DecisionService decisionService, Organisation organisation, CaseFile caseFile,
      WorkingDayCalendar workingDays, @Value("${shequ.community-name}") String communityName) {
    this.decisionService = decisionService;
    this.organisation = organisation;
    this.caseFile = caseFile;
    this.workingDays = workingDays;
    this.communityName = communityName;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseInput.keepOnlyStartVariables(execution, START_VARIABLES);
    boolean called = CaseInput.calledByAnotherCase(execution);
    String user = CaseInput.loggedInUser(execution);
    // started directly, the first responder is whoever is logged in; called from reception, reception's stays
    String firstResponder = !called && user != null ? user : CaseInput.text(execution.getVariable("firstResponder"));
    String residentName = CaseInput.residentName(execution.getVariable("residentName"));
    String residentPhone = CaseInput.residentPhone(execution.getVariable("residentPhone"));
    String residentEmail = CaseInput.residentEmail(execution.getVariable("residentEmail"));
    String item = CaseInput.text(execution.getVariable("proxyItem"));
    if (item.isEmpty()) {
      item = CaseInput.text(execution.getVariable("category")); // called from reception: the catalogue's code
    }
    Map<String, Object> knowledge = lookUp(item);
    String address = CaseInput.text(execution.getVariable("residentAddress"), "residentAddress", "住址",
        CaseInput.ADDRESS_MAX);
    CaseInput.text(execution.getVariable("summary"), "summary", "代办需求", CaseInput.TEXT_MAX);

    String grid = caseFile.gridOf(firstResponder, execution.getVariable("grid"));
    Date now = ClockUtil.getCurrentTime();
    if (called) {
      caseFile.carryOn(execution);
    } else {
      caseFile.open(execution, CaseFile.Kind.PROXY_SERVICE, now);
    }
    caseFile.assign(execution, firstResponder, grid);

    execution.setVariable("proxyItem", item);
    execution.setVariables(knowledge);
    // reminders and overdue notices name the matter by its category, as for every case
    execution.setVariable("categoryName", knowledge.get("itemName"));
    execution.setVariable("proxiableText", Boolean.TRUE.equals(knowledge.get("proxiable")) ? "可以代办" : "不可代办");
    if (execution.getVariable("progressNote") == null) {
      execution.setVariable("progressNote", "已受理，正在办理");
    }
    execution.setVariable("residentName", residentName);
    execution.setVariable("residentPhone", residentPhone);
    execution.setVariable("residentEmail", residentEmail);
    execution.setVariable("residentAddress", address);
    execution.setVariable("firstResponderPost", organisation.post(firstResponder));
    execution.setVariable("communityName", communityName);
    execution.setVariable("proxyRequestedAt", now);
    execution.setVariable("proxyRequestedText", workingDays.text(now));
    if (execution.getVariable("taskPriority") == null) {
      execution.setVariable("taskPriority", 50);
    }
    // R-3.1.3-7: the community never charges; the department's own fee is shown separately
    execution.setVariable("communityFee", "本服务免费");
  }

  private Map<String, Object> lookUp(String item) {
    DmnDecisionResult result = decisionService.evaluateDecisionByKey("proxy-items")
        .variables(Map.of("proxyItem", item)).evaluate();
    if (result.isEmpty()) {
      throw new InvalidCaseInputException("proxyItem",
          item.isEmpty() ? "请选择代办事项" : "未知的代办事项“" + item + "”，请从代办事项目录中选择");
    }
    return result.getSingleResult().getEntryMap();
  }
}
