package cn.shequflow.handover;

import cn.shequflow.organisation.Organisation;
import cn.shequflow.notification.InternalNotice;
import cn.shequflow.notification.InternalNotices;
import cn.shequflow.security.StaffPages;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * of each case stays recorded (R-4.1-2), every task gets a comment, and the new holder is told by mail (and on their grid's WeCom robot when configured). Both sides
 * must be people who work on the community's cases — grid workers or managers; not the street office, an analyst
 * or an administrator, not an unknown user, not the same person. The rule is here, so POST /api/tasks/handover and
 * the staff page /staff/handover refuse the same handovers with the same Chinese reasons.
 */
@Service
public class TaskHandover {

  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final Organisation organisation;
  private final InternalNotices notices;
  private final StaffPages pages;
  private final String communityName;

  /** The side handing over, as the reasons name it. */
  public static final String GIVER = "交出任务的工作人员";
  /** The side taking over, as the reasons name it. */
  public static final String TAKER = "接手的工作人员";
  /** The longest reason recorded in each task's comment. */
  public static final int REASON_MAX = 200;

  TaskHandover(TaskService taskService, RuntimeService runtimeService, IdentityService identityService, Organisation organisation,
      InternalNotices notices, StaffPages pages, @Value("${shequ.community-name}") String communityName) {
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.organisation = organisation;
    this.notices = notices;
    this.pages = pages;
    this.communityName = communityName;
  }

  /**
   * The ids of the tasks handed over; a worker with no open task hands over none.
   *
   * @throws IllegalArgumentException with the Chinese reason of {@link #refusal} when the handover breaks the rule
   */
  @Transactional
  public List<String> handOver(String fromUser, String toUser, String reason, String manager) {
    Optional<String> refusal = refusal(fromUser, toUser, reason);
    if (refusal.isPresent()) {
      throw new IllegalArgumentException(refusal.get());
    }
    User to = identityService.createUserQuery().userId(toUser).singleResult();
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
    if (!tasks.isEmpty()) {
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
      List<String> mailTo = to.getEmail() == null || to.getEmail().isBlank() ? List.of() : List.of(to.getEmail());
      // the taker's grid robot too, when configured (a manager taking over has no grid: mail only)
      notices.send(new InternalNotice(eventKey, organisation.gridOf(toUser).orElse(null), mailTo, "handover",
          variables));
    }
    return tasks.stream().map(Task::getId).toList();
  }

  private String caseNumber(Task task) {
    Object number = taskService.getVariable(task.getId(), "caseNumber");
    return number == null ? "—" : number.toString();
  }

  /** Why this handover may not happen (in Chinese, for the manager), or empty when it may. */
  public Optional<String> refusal(String fromUser, String toUser, String reason) {
    Optional<String> problem = blank(fromUser) ? Optional.of("请选择" + GIVER + "。")
        : blank(toUser) ? Optional.of("请选择" + TAKER + "。")
        : ineligibility(fromUser, GIVER).or(() -> ineligibility(toUser, TAKER));
    if (problem.isPresent()) {
      return problem;
    }
    if (fromUser.equals(toUser)) {
      return Optional.of("交出和接手的不能是同一人，请选择另一位同事接手。");
    }
    if (reason != null && reason.trim().codePointCount(0, reason.trim().length()) > REASON_MAX) {
      return Optional.of("移交原因不能超过 " + REASON_MAX + " 字。");
    }
    return Optional.empty();
  }

  /**
   * Why this user may not be on the given side ({@link #GIVER} or {@link #TAKER}) of a handover, or empty when they
   * may: only grid workers and managers hold the community's cases.
   */
  public Optional<String> ineligibility(String userId, String side) {
    if (!organisation.exists(userId)) {
      return Optional.of(side + "“" + userId + "”不存在，请从工作人员中选择。");
    }
    if (organisation.isMember(userId, Organisation.MANAGERS) || organisation.gridOf(userId).isPresent()) {
      return Optional.empty();
    }
    String role = pages.role(userId);
    return Optional.of(side + "须是网格员或社区书记/主任：" + pages.name(userId) + (role.isBlank() ? "" : "（" + role + "）")
        + "不办理社区的事项，不能交出或接手这些任务。");
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
