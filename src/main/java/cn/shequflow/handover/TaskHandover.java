package cn.shequflow.handover;

import cn.shequflow.organisation.Organisation;
import cn.shequflow.notification.MailService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import cn.shequflow.casefile.CaseVariables;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A manager hands all of a worker's open tasks to a colleague in one action (absence, leave): the first responder
 * of each case stays recorded (R-4.1-2), every task gets a comment, and the new holder is told by mail.
 */
@Service
public class TaskHandover {

  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final Organisation organisation;
  private final MailService mailService;
  private final String communityName;

  TaskHandover(TaskService taskService, RuntimeService runtimeService, IdentityService identityService, Organisation organisation,
      MailService mailService, @Value("${shequ.community-name}") String communityName) {
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.organisation = organisation;
    this.mailService = mailService;
    this.communityName = communityName;
  }

  /** The ids of the tasks handed over; an unknown worker is an error, a worker with no open task hands over none. */
  @Transactional
  public List<String> handOver(String fromUser, String toUser, String reason, String manager) {
    requireUser(fromUser, "交出任务的工作人员");
    User to = requireUser(toUser, "接手的工作人员");
    if (fromUser.equals(toUser)) {
      throw new IllegalArgumentException("交出和接手的不能是同一人");
    }
    String why = reason == null || reason.isBlank() ? "工作交接" : reason.trim();
    List<Task> tasks = taskService.createTaskQuery().taskAssignee(fromUser).active().list();
    // the cases follow: their later steps go to the new holder too, not back to the one who left
    for (ProcessInstance held : runtimeService.createProcessInstanceQuery()
        .variableValueEquals(CaseVariables.CASE_HOLDER, fromUser).list()) {
      runtimeService.setVariable(held.getId(), CaseVariables.CASE_HOLDER, toUser);
    }
    for (Task task : tasks) {
      taskService.setAssignee(task.getId(), toUser);
      taskService.createComment(task.getId(), task.getProcessInstanceId(), "【交接】因" + why + "，由"
          + organisation.displayName(fromUser) + "交给" + organisation.displayName(toUser) + "办理（" + organisation
          .displayName(manager) + "安排）；首问责任人不变。");
    }
    if (!tasks.isEmpty() && to.getEmail() != null && !to.getEmail().isBlank()) {
      Map<String, Object> variables = new HashMap<>();
      variables.put("toName", organisation.displayName(toUser));
      variables.put("fromName", organisation.displayName(fromUser));
      variables.put("reason", why);
      variables.put("taskCount", tasks.size());
      variables.put("taskList", tasks.stream()
          .map(t -> "· " + t.getName() + "（事项 " + caseNumber(t) + "）").collect(Collectors.joining("\n")));
      variables.putAll(organisation.signer(manager));
      variables.put("communityName", communityName);
      String eventKey = "handover:" + fromUser + ":" + toUser + ":" + ClockUtil.getCurrentTime().getTime();
      mailService.send(eventKey, List.of(to.getEmail()), "handover", variables);
    }
    return tasks.stream().map(Task::getId).toList();
  }

  private String caseNumber(Task task) {
    Object number = taskService.getVariable(task.getId(), "caseNumber");
    return number == null ? "—" : number.toString();
  }

  private User requireUser(String userId, String role) {
    User user = userId == null ? null : identityService.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      throw new IllegalArgumentException(role + "“" + userId + "”不存在");
    }
    return user;
  }
}
