package cn.shequflow.escalation;

import cn.shequflow.casefile.CaseVariables;
import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.casefile.CaseInput;
import cn.shequflow.casefile.InvalidCaseInputException;
import cn.shequflow.organisation.CaseAccess;
import cn.shequflow.organisation.Organisation;
import java.util.Date;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Starts a report upward (R-4.2-4): which unit (the street office, or the catalogue's department by mail), the reply
 * deadline from the catalogue's time limit in working days, and the rules the resident is told at once.
 */
@Component("prepareEscalationDelegate")
class PrepareEscalationDelegate implements JavaDelegate {

  static final String STREET_OFFICE = "street-office";
  static final String DEPARTMENT = "department";

  private final WorkingDayCalendar workingDays;
  private final IdentityService identityService;
  private final CaseAccess caseAccess;
  private final String communityName;

  PrepareEscalationDelegate(WorkingDayCalendar workingDays, IdentityService identityService, CaseAccess caseAccess,
      @Value("${shequ.community-name}") String communityName) {
    this.workingDays = workingDays;
    this.identityService = identityService;
    this.caseAccess = caseAccess;
    this.communityName = communityName;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String target = text(execution.getVariable("escalationTarget"));
    if (target.isEmpty()) {
      target = STREET_OFFICE;
    }
    String unitName;
    if (STREET_OFFICE.equals(target)) {
      Group streetOffice = identityService.createGroupQuery().groupId(Organisation.STREET_OFFICE).singleResult();
      unitName = streetOffice == null ? "街道办事处" : streetOffice.getName();
      caseAccess.grantToGroup(execution.getProcessInstanceId(), Organisation.STREET_OFFICE);
    } else if (DEPARTMENT.equals(target)) {
      unitName = text(execution.getVariable("department"));
      if (unitName.isEmpty() || text(execution.getVariable("departmentEmail")).isEmpty()) {
        throw new InvalidCaseInputException("escalationTarget", "服务目录未登记该事项责任单位的邮箱，无法发送上报函，请改为上报街道");
      }
    } else {
      throw new InvalidCaseInputException("escalationTarget", "上报对象“" + target + "”无效，应为 street-office 或 department");
    }
    // the deadline loop and the chase timers run on this number: 2,000,000,000 once kept a thread busy for minutes
    int days = CaseInput.workingDays(execution.getVariable("timeLimitDays"), "timeLimitDays",
        "上报的答复时限（timeLimitDays）");
    String grid = text(execution.getVariable("grid"));
    if (!grid.isEmpty()) {
      caseAccess.grantToGroup(execution.getProcessInstanceId(), grid);
    }
    Date now = ClockUtil.getCurrentTime();
    Date due = workingDays.deadline(now, days);
    execution.setVariable("escalationTarget", target);
    // the street office's form names the reporting community; a reception case no longer carries it (issue 11)
    if (text(execution.getVariable("communityName")).isEmpty()) {
      execution.setVariable("communityName", communityName);
    }
    // follow-up tasks go to whoever holds the case; a report started on its own is held by its first responder
    if (text(execution.getVariable(CaseVariables.CASE_HOLDER)).isEmpty()) {
      String firstResponder = text(execution.getVariable("firstResponder"));
      execution.setVariable(CaseVariables.CASE_HOLDER, firstResponder.isEmpty() ? null : firstResponder);
    }
    if (!(execution.getVariable("internalReport") instanceof Boolean)) {
      execution.setVariable("internalReport", false); // a resident's matter unless the caller says otherwise
    }
    execution.setVariable("unitName", unitName);
    execution.setVariable("reportedAt", now);
    execution.setVariable("reportedText", workingDays.text(now));
    execution.setVariable("unitReplyDueAt", due);
    execution.setVariable("unitReplyDueText", workingDays.text(due));
    // prefilled for the worker who tells a resident without e-mail; the resident mail says the same (R-4.2-4)
    execution.setVariable("residentToldRules", "您反映的“" + text(execution.getVariable("categoryName")) + "”事项需由"
        + unitName + "办理。社区已于" + workingDays.text(now) + "上报，" + unitName + "应在" + workingDays.text(due)
        + "前答复；社区收到答复后1个工作日内告知您。");
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().trim();
  }
}
