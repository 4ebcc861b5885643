package cn.shequflow.escalation;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.organisation.Organisation;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * Keeps "who holds the case now" visible (R-4.1-2): the currentHolder variable of the case and of the case that
 * called it, e.g. "街道办事处：街道办理并答复（期限 2026年12月10日 17:00）".
 */
@Component("caseHolderListener")
class CaseHolderListener implements TaskListener {

  private final IdentityService identityService;
  private final Organisation organisation;
  private final WorkingDayCalendar workingDays;

  CaseHolderListener(IdentityService identityService, Organisation organisation, WorkingDayCalendar workingDays) {
    this.identityService = identityService;
    this.organisation = organisation;
    this.workingDays = workingDays;
  }

  @Override
  public void notify(DelegateTask task) {
    String holder = task.getAssignee() != null ? organisation.displayName(task.getAssignee())
        : task.getCandidates().stream()
            .filter(link -> link.getGroupId() != null)
            .map(link -> groupName(link.getGroupId()))
            .collect(Collectors.joining("、"));
    String text = holder + "：" + task.getName()
        + (task.getDueDate() == null ? "" : "（期限 " + workingDays.text(task.getDueDate()) + "）");
    DelegateExecution instance = task.getExecution().getProcessInstance();
    instance.setVariable("currentHolder", text);
    DelegateExecution caller = instance.getSuperExecution();
    if (caller != null) {
      caller.setVariable("currentHolder", text);
    }
  }

  private String groupName(String groupId) {
    Group group = identityService.createGroupQuery().groupId(groupId).singleResult();
    return group == null || group.getName() == null ? groupId : group.getName();
  }
}
