package cn.shequflow.notification;

import cn.shequflow.casefile.CaseVariables;
import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.organisation.TaskFilterProvisioner;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Run by a reminder or overdue timer (R-4.2-1): marks the case's open tasks that are due soon or overdue with the
 * deadlineState task variable (what the 即将到期 / 已逾期 filters show), raises a due-soon task's priority and leaves
 * a comment on it. The task stays with its worker.
 */
@Component("deadlineMarkerDelegate")
class DeadlineMarkerDelegate implements JavaDelegate {

  static final String DUE_SOON = "dueSoon";
  static final String OVERDUE = "overdue";

  private final TaskService taskService;
  private final WorkingDayCalendar workingDays;
  private final Organisation organisation;

  DeadlineMarkerDelegate(TaskService taskService, WorkingDayCalendar workingDays, Organisation organisation) {
    this.taskService = taskService;
    this.workingDays = workingDays;
    this.organisation = organisation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String state = (String) execution.getVariable(TaskFilterProvisioner.DEADLINE_STATE);
    if (!DUE_SOON.equals(state) && !OVERDUE.equals(state)) {
      throw new IllegalStateException("deadlineState 应为 dueSoon 或 overdue，模型中写的是：" + state);
    }
    Date now = ClockUtil.getCurrentTime();
    List<String> marked = new ArrayList<>();
    Set<String> recipients = new LinkedHashSet<>();
    for (Task task : taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list()) {
      Date due = task.getDueDate();
      if (due == null || !applies(state, due, now)
          || OVERDUE.equals(taskService.getVariableLocal(task.getId(), TaskFilterProvisioner.DEADLINE_STATE))) {
        continue;
      }
      taskService.setVariableLocal(task.getId(), TaskFilterProvisioner.DEADLINE_STATE, state);
      String who = task.getAssignee() == null ? "未认领" : "经办人 " + task.getAssignee();
      if (DUE_SOON.equals(state)) {
        taskService.setPriority(task.getId(), Math.min(100, task.getPriority() + 10));
        taskService.createComment(task.getId(), execution.getProcessInstanceId(),
            "【即将到期】请在 " + workingDays.text(due) + " 前办结。");
      } else {
        taskService.createComment(task.getId(), execution.getProcessInstanceId(),
            "【已逾期】期限 " + workingDays.text(due) + " 已过，已升级社区书记/主任督办。");
      }
      marked.add(task.getName() + "（期限 " + workingDays.text(due) + "，" + who + "）");
      if (task.getAssignee() != null) {
        recipients.add(task.getAssignee());
      } else {
        // an online message nobody has claimed yet (group intake has no members) is every grid's to take
        taskService.getIdentityLinksForTask(task.getId()).stream()
            .filter(link -> link.getGroupId() != null)
            .flatMap(link -> Organisation.INTAKE.equals(link.getGroupId())
                ? organisation.grids().stream().map(Group::getId) : Stream.of(link.getGroupId()))
            .forEach(group -> recipients.add("group:" + group));
      }
    }
    // read by the mail step that follows: who is reminded (assignee, or the grid while unclaimed) and about what
    execution.setVariable("deadlineTasks", String.join("；", marked));
    execution.setVariable("deadlineRecipients", String.join(",", recipients));
    if (OVERDUE.equals(state)) {
      execution.setVariable(CaseVariables.OVERDUE_TASKS, String.join("；", marked));
    }
  }

  private boolean applies(String state, Date due, Date now) {
    if (OVERDUE.equals(state)) {
      return !due.after(now);
    }
    return due.after(now) && !workingDays.dueSoonFrom(due).after(now);
  }
}
