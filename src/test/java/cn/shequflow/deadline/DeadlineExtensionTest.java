package cn.shequflow.deadline;

import static cn.shequflow.EngineTestSupport.drainLeftovers;
import static cn.shequflow.EngineTestSupport.setClock;
import static cn.shequflow.EngineTestSupport.shanghai;
import static cn.shequflow.deadline.DeadlinePauseTest.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shequflow.casefile.CaseHistory;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.reception.ReceptionInput;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 15 item 4, R-4.2-1: 延期 — a worker of the case's grid asks for N more working days with a reason, a manager
 * approves (the deadline, the task and the timers holding it move by N working days) or refuses; bad requests and
 * other grids' workers are refused in Chinese.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DeadlineExtensionTest {

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired Organisation organisation;
  @Autowired CaseHistory caseHistory;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;

  @BeforeEach
  void clock() {
    drainLeftovers(managementService);
    // Wednesday 2026-09-23: the Mid-Autumn days off (Fri 09-25 to Sun 09-27) lie ahead
    setClock(shanghai(2026, 9, 23, 10, 0));
  }

  @AfterEach
  void reset() {
    ClockUtil.reset();
  }

  @Test
  @DisplayName("R-4.2-1 延期获批：承诺答复日期、办结期限、答复任务和它的提醒、逾期定时器一起后移2个工作日（跨中秋假期）；记入事项经过和台账")
  void extensionApproved_deadlineTaskAndTimersMoveByTheApprovedWorkingDays() {
    ProcessInstance pi = promisedReply();
    Task reply = task(pi, "Task_ReplyToResident");
    assertThat(reply.getDueDate()).isEqualTo(shanghai(2026, 9, 24, 17, 0));

    ResponseEntity<String> asked = ask("zhangwei", pi, Map.of("workingDays", 2, "reason", "需等待房管部门出具证明"));
    assertThat(asked.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(asked.getBody()).contains("等待社区书记/主任审批");
    Task approval = task(pi, "Task_ApproveExtension");
    assertThat(taskService.getIdentityLinksForTask(approval.getId())).extracting(l -> l.getGroupId())
        .containsExactly("managers");
    assertThat(taskService.getVariable(approval.getId(), "extensionReason")).isEqualTo("需等待房管部门出具证明");

    decide("liuyang", approval, "approved", null);

    // Thursday 09-24 + 2 working days: (Fri–Sun off) Monday 09-28, Tuesday 09-29
    Date moved = shanghai(2026, 9, 29, 17, 0);
    assertThat(task(pi, "Task_ReplyToResident").getDueDate()).isEqualTo(moved);
    assertThat(runtimeService.getVariable(pi.getId(), "promisedReplyAt")).isEqualTo(moved);
    assertThat(runtimeService.getVariable(pi.getId(), "catalogueDueAt")).isEqualTo(moved);
    List<Job> timers = managementService.createJobQuery().processInstanceId(pi.getId()).timers().list();
    assertThat(timers).extracting(Job::getDuedate).as("the overdue timer at the new deadline, the reminder that morning")
        .containsExactlyInAnyOrder(moved, shanghai(2026, 9, 29, 9, 0));
    assertThat(millis(register(pi).get("due_at"))).isEqualTo(moved.getTime());
    assertThat(((Number) register(pi).get("extension_working_days")).intValue()).isEqualTo(2);
    CaseHistory.Step step = caseHistory.of(caseHistory.root(pi.getBusinessKey()).orElseThrow()).steps().stream()
        .filter(s -> s.name().equals("申请延期 2 个工作日")).findFirst().orElseThrow();
    assertThat(step.state()).isEqualTo("已批准");
    assertThat(step.entered()).containsEntry("延期理由", "需等待房管部门出具证明")
        .containsEntry("新期限", "2026年9月29日 17:00");
  }

  @Test
  @DisplayName("R-4.2-1 延期不批准：不说明原因的审批被表单拒绝；说明原因后期限不变，记为不批准")
  void extensionRefused_needsAReason_andNothingMoves() {
    ProcessInstance pi = promisedReply();
    Date due = task(pi, "Task_ReplyToResident").getDueDate();
    assertThat(ask("zhangwei", pi, Map.of("workingDays", 3, "reason", "居民要求推迟")).getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
    Task approval = task(pi, "Task_ApproveExtension");

    assertThatThrownBy(() -> decide("liuyang", approval, "refused", " ")).hasMessageContaining("不批准时请说明原因");
    assertThatThrownBy(() -> decide("liuyang", approval, "maybe", null)).hasMessageContaining("请选择批准或不批准");
    decide("liuyang", approval, "refused", "理由不充分，请按期答复");

    assertThat(task(pi, "Task_ReplyToResident").getDueDate()).isEqualTo(due);
    assertThat(runtimeService.getVariable(pi.getId(), "catalogueDueAt")).isEqualTo(due);
    assertThat(jdbc.queryForObject("select status from case_deadline_change where case_number = ?", String.class,
        pi.getBusinessKey())).isEqualTo("refused");
    assertThat(((Number) register(pi).get("extension_working_days")).intValue()).isZero();
  }

  @Test
  @DisplayName("R-4.2-1 延期申请的错误输入：没有理由、天数≤0、超过上限、不是整数、重复申请、未登录、事项不存在，均为中文4xx")
  void badRequests_areRefusedInChinese() {
    ProcessInstance pi = promisedReply();
    assertBad(ask("zhangwei", pi, Map.of("workingDays", 2)), HttpStatus.BAD_REQUEST, "请说明延期理由");
    assertBad(ask("zhangwei", pi, Map.of("workingDays", 2, "reason", "   ")), HttpStatus.BAD_REQUEST, "请说明延期理由");
    assertBad(ask("zhangwei", pi, Map.of("workingDays", 0, "reason", "理由")), HttpStatus.BAD_REQUEST,
        "延长的工作日数须为 1 到 30 之间的整数");
    assertBad(ask("zhangwei", pi, Map.of("workingDays", -5, "reason", "理由")), HttpStatus.BAD_REQUEST, "1 到 30");
    assertBad(ask("zhangwei", pi, Map.of("workingDays", 999999, "reason", "理由")), HttpStatus.BAD_REQUEST, "1 到 30");
    assertBad(ask("zhangwei", pi, Map.of("workingDays", 2.5, "reason", "理由")), HttpStatus.BAD_REQUEST, "整数");
    assertBad(ask("zhangwei", pi, Map.of("workingDays", "三天", "reason", "理由")), HttpStatus.BAD_REQUEST, "整数");
    assertBad(ask("zhangwei", pi, Map.of("workingDays", 2, "reason", "长".repeat(501))), HttpStatus.BAD_REQUEST,
        "延期理由过长");
    assertBad(ask(null, pi, Map.of("workingDays", 2, "reason", "理由")), HttpStatus.UNAUTHORIZED, "");
    assertBad(rest.exchange("/api/cases/JD00000000-00000/extension", HttpMethod.POST,
        new HttpEntity<>(Map.of("workingDays", 2, "reason", "理由"), headers("zhangwei")), String.class),
        HttpStatus.NOT_FOUND, "没有正在办理的事项");
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).count()).isEqualTo(2);
    assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_ApproveExtension")
        .count()).as("nothing reached a manager").isZero();

    assertThat(ask("zhangwei", pi, Map.of("workingDays", 2, "reason", "理由")).getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
    assertBad(ask("zhangwei", pi, Map.of("workingDays", 2, "reason", "再来一次")), HttpStatus.CONFLICT,
        "已有一份延期申请在等待审批");
  }

  @Test
  @DisplayName("攻击：他网格的网格员不能为本网格事项申请延期，网格员不能审批延期（包括从引擎接口直接完成审批任务），申请人不能自批")
  void anotherGridsWorker_cannotRequest_andWorkersCannotApprove() {
    ProcessInstance pi = promisedReply();
    Date due = task(pi, "Task_ReplyToResident").getDueDate();
    assertBad(ask("lina", pi, Map.of("workingDays", 2, "reason", "我来延期")), HttpStatus.FORBIDDEN,
        "只能为本网格的事项申请延期");
    assertBad(info("lina", pi), HttpStatus.FORBIDDEN, "只能为本网格的事项申请延期");
    assertBad(info("zhangwei", pi), HttpStatus.OK, "\"allowed\":true");

    assertThat(ask("zhangwei", pi, Map.of("workingDays", 2, "reason", "需等待证明")).getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
    Task approval = task(pi, "Task_ApproveExtension");
    assertThat(organisation.runAs("lina", () -> taskService.createTaskQuery().taskId(approval.getId()).count()))
        .as("a worker does not even see the approval").isZero();
    for (String worker : List.of("lina", "zhangwei")) {
      HttpHeaders headers = headers(worker);
      ResponseEntity<String> forced = rest.exchange("/engine-rest/task/" + approval.getId() + "/complete",
          HttpMethod.POST, new HttpEntity<>(Map.of("variables",
              Map.of("extensionDecision", Map.of("value", "approved", "type", "String"))), headers), String.class);
      assertThat(forced.getStatusCode().is4xxClientError()).as(worker + " through the engine's REST API").isTrue();
    }
    assertThatThrownBy(() -> decide("zhangwei", approval, "approved", null)).as("the engine's own authorization")
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    // even a worker to whom the task was handed (an assignee may work it) is refused by the step itself
    taskService.setAssignee(approval.getId(), "zhangwei");
    assertThatThrownBy(() -> decide("zhangwei", approval, "approved", null))
        .hasMessageContaining("只有社区书记/主任可以审批延期申请");
    assertThat(task(pi, "Task_ApproveExtension")).isNotNull();
    assertThat(task(pi, "Task_ReplyToResident").getDueDate()).isEqualTo(due);
  }

  private ProcessInstance promisedReply() {
    ProcessInstance pi = organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("reception", ReceptionInput.of("phone")));
    organisation.runAs("zhangwei", () -> {
      taskService.complete(task(pi, "Task_HandleMatter").getId(),
          Map.of("outcome", "replyLater", "promisedReplyDate", "2026-09-24"));
      return null;
    });
    return pi;
  }

  /** Completes the approval as the given user: the engine's own authorization applies, as in Tasklist. */
  private void decide(String user, Task approval, String decision, String note) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("extensionDecision", decision);
    if (note != null) {
      variables.put("extensionDecisionNote", note);
    }
    organisation.runAs(user, () -> {
      taskService.complete(approval.getId(), variables);
      return null;
    });
  }

  private ResponseEntity<String> ask(String user, ProcessInstance pi, Map<String, Object> body) {
    return rest.exchange("/api/cases/" + pi.getBusinessKey() + "/extension", HttpMethod.POST,
        new HttpEntity<>(body, headers(user)), String.class);
  }

  private ResponseEntity<String> info(String user, ProcessInstance pi) {
    return rest.exchange("/api/cases/" + pi.getBusinessKey() + "/extension", HttpMethod.GET,
        new HttpEntity<>(headers(user)), String.class);
  }

  private static void assertBad(ResponseEntity<String> answer, HttpStatus status, String message) {
    assertThat(answer.getStatusCode()).isEqualTo(status);
    assertThat(answer.getBody() == null ? "" : answer.getBody()).contains(message);
  }

  private static HttpHeaders headers(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (user != null) {
      headers.setBasicAuth(user, "demo", java.nio.charset.StandardCharsets.UTF_8);
    }
    return headers;
  }

  private Task task(ProcessInstance pi, String key) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
  }

  private Map<String, Object> register(ProcessInstance pi) {
    return jdbc.queryForMap("select * from case_register where case_number = ?", pi.getBusinessKey());
  }
}
