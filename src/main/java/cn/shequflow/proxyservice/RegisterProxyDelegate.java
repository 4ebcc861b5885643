package cn.shequflow.proxyservice;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.casefile.CaseInput;
import cn.shequflow.casefile.CaseFile;
import cn.shequflow.casefile.InvalidCaseInputException;
import cn.shequflow.organisation.Organisation;
import java.util.Date;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Registers a proxy request (R-3.1.3-1, R-3.1.3-3): the resident's details when started from Tasklist (a case
 * number of its own), or the reception case's when called from there (its number and first responder stay), and the
 * requested item's code. The item's knowledge (proxy-items.dmn, whether it can be proxied at all) steers the case and
 * is looked up by the model's business rule task Task_LookUpProxyItem that follows; ProxySteps refuses an unknown item.
 */
@Component("registerProxyDelegate")
class RegisterProxyDelegate implements JavaDelegate {

  /**
   * What a caller may give when starting a proxy request directly (proxy-start.form, plus grid for a manager), and the
   * engine's initiator variable firstResponder, which is replaced by whoever is logged in.
   */
  static final Set<String> START_VARIABLES = Set.of("residentName", "residentPhone", "residentEmail",
      "residentAddress", "proxyItem", "summary", "grid", "firstResponder");

  private final Organisation organisation;
  private final CaseFile caseFile;
  private final WorkingDayCalendar workingDays;
  private final String communityName;

  RegisterProxyDelegate(Organisation organisation, CaseFile caseFile, WorkingDayCalendar workingDays,
      @Value("${shequ.community-name}") String communityName) {
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
    if (item.isEmpty()) {
      throw new InvalidCaseInputException("proxyItem", "请选择代办事项");
    }
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

    // read by Task_LookUpProxyItem (proxy-items.dmn), which writes the item's knowledge, categoryName and proxiableText
    execution.setVariable("proxyItem", item);
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
}
