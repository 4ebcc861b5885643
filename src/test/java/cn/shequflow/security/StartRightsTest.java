package cn.shequflow.security;

import static cn.shequflow.DemoRest.read;
import static cn.shequflow.DemoRest.variables;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.DemoRest;
import cn.shequflow.homevisit.VisitPlanner;
import cn.shequflow.organisation.Organisation;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 10 item 3 (findings 2 and 3): escalation, home-visit and duty-shift start only where the app starts them —
 * never by a worker, a manager or even an admin over REST or Tasklist — while reception, proxy service and complaint
 * stay startable, a call activity still starts escalation inside a worker's completion, and the visit plan and the
 * roster still start theirs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class StartRightsTest {

  @Autowired TestRestTemplate template;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired AuthorizationService authorizationService;
  @Autowired Organisation organisation;
  @Autowired VisitPlanner planner;
  @Autowired JdbcTemplate jdbc;

  DemoRest rest;

  @BeforeEach
  void init() {
    rest = new DemoRest(template);
  }

  @Test
  @DisplayName("issue 10 item 3 / finding 3：网格员通过 REST 直接启动上报（任意邮箱、timeLimitDays=2000000000）被拒绝，立即返回，不发信")
  void aWorkerCannotStartEscalationOverRest() {
    Map<String, Object> attack = variables(Map.of("escalationTarget", "department", "department", "某单位",
        "departmentEmail", "anyone@attacker.example", "timeLimitDays", 2_000_000_000, "categoryName", "伪造",
        "residentEmail", "victim@resident.example"), "businessKey", "ATTACK-ESC-1");

    ResponseEntity<String> start = rest.post("lina", "/engine-rest/process-definition/key/escalation/start", attack);
    ResponseEntity<String> form = rest.post("zhangwei", "/engine-rest/process-definition/key/escalation/submit-form",
        attack);

    assertRefused(start);
    assertRefused(form);
    assertThat(startedWithKey("ATTACK-ESC-1")).isZero();
  }

  @Test
  @DisplayName("issue 10 item 3 / finding 2：第二网格网格员不能为第一网格住户启动走访（REST），也不能启动值班")
  void aWorkerCannotStartAVisitOrADutyShift() {
    long grid1Household = household("T-START-V1", "grid-1");

    ResponseEntity<String> visit = rest.post("lina", "/engine-rest/process-definition/key/home-visit/start",
        variables(Map.of("householdId", grid1Household, "grid", "grid-2", "firstVisit", false,
            "dueAt", "2026-12-31T17:00:00"), "businessKey", "ATTACK-HV-1"));
    ResponseEntity<String> duty = rest.post("liuyang", "/engine-rest/process-definition/key/duty-shift/start",
        variables(Map.of("dutyWorker", "liuyang"), "businessKey", "ATTACK-DS-1"));

    assertRefused(visit);
    assertRefused(duty);
    assertThat(startedWithKey("ATTACK-HV-1") + startedWithKey("ATTACK-DS-1")).isZero();
  }

  @Test
  @DisplayName("issue 10 item 3：任务列表（/camunda/api）里的 submit-form 同样被拒绝；可发起列表只有居民接待、代办服务、投诉与建议")
  void tasklistCannotStartThemEither() {
    HttpHeaders lina = rest.tasklistSession("lina");

    ResponseEntity<String> submitted = rest.webapp(lina, HttpMethod.POST,
        "/camunda/api/engine/engine/default/process-definition/key/escalation/submit-form",
        variables(Map.of("timeLimitDays", 2_000_000_000), "businessKey", "ATTACK-ESC-TL"));
    ResponseEntity<String> startable = rest.webapp(lina, HttpMethod.GET,
        "/camunda/api/engine/engine/default/process-definition?latest=true&active=true&startableInTasklist=true"
            + "&startablePermissionCheck=true", null);

    assertRefused(submitted);
    assertThat(startedWithKey("ATTACK-ESC-TL")).isZero();
    assertThat(keys(read(startable))).containsExactlyInAnyOrder("reception", "proxy-service", "complaint");
    assertThat(keys(read(rest.get("liuyang", "/engine-rest/process-definition?latest=true"
        + "&startablePermissionCheck=true")))).containsExactlyInAnyOrder("reception", "proxy-service", "complaint");
  }

  @Test
  @DisplayName("issue 10 item 3 纵深防御：即使误授 CREATE_INSTANCE、即使是管理员并跳过监听器，直接启动也被引擎以中文拒绝")
  void theEngineRefusesEvenWhenAGrantIsWrongOrTheCallerIsAdmin() {
    Authorization mistake = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    mistake.setGroupId("grid-2");
    mistake.setResource(Resources.PROCESS_DEFINITION);
    mistake.setResourceId("escalation");
    mistake.addPermission(ProcessDefinitionPermissions.CREATE_INSTANCE);
    authorizationService.saveAuthorization(mistake);
    try {
      ResponseEntity<String> lina = rest.post("lina", "/engine-rest/process-definition/key/escalation/start",
          variables(Map.of("timeLimitDays", 3), "businessKey", "ATTACK-ESC-2"));
      assertRefused(lina);
      assertThat(read(lina).get("message").asText()).contains("只能由居民接待或应急值班中的“上报”步骤发起");
    } finally {
      authorizationService.deleteAuthorization(mistake.getId());
    }
    // demo is camunda-admin: every permission; built-in listener, so skipCustomListeners and start instructions too
    ResponseEntity<String> admin = rest.post("demo", "/engine-rest/process-definition/key/home-visit/start",
        variables(Map.of("householdId", 1L, "grid", "grid-1"), "businessKey", "ATTACK-HV-2",
            "skipCustomListeners", true, "startInstructions",
            List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_Arrival"))));
    assertRefused(admin);
    assertThat(read(admin).get("message").asText()).contains("只能由每月的走访计划发起");
    assertThat(startedWithKey("ATTACK-ESC-2") + startedWithKey("ATTACK-HV-2")).isZero();
  }

  @Test
  @DisplayName("issue 10 item 3：可以发起的流程也只能从开始事件发起：从中间环节启动（跳过登记和校验）被拒绝")
  void aUserStartCannotSkipTheRegistrationStep() {
    ResponseEntity<String> skipped = rest.post("zhangwei", "/engine-rest/process-definition/key/reception/start",
        variables(Map.of("grid", "grid-2", "residentName", "x".repeat(300), "replyDueAt", "2099-12-31T17:00:00"),
            "businessKey", "ATTACK-REC-SKIP", "skipCustomListeners", true, "skipIoMappings", true,
            "startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_HandleMatter"))));

    assertRefused(skipped);
    assertThat(read(skipped).get("message").asText()).contains("只能从开始事件发起");
    assertThat(startedWithKey("ATTACK-REC-SKIP")).isZero();
  }

  @Test
  @DisplayName("issue 10 item 3：网格员办理任务时的“上报”（调用活动）照常启动上报流程，网格员无需 CREATE_INSTANCE")
  void aCallActivityInsideAWorkersCompletionStillStartsEscalation() {
    assertThat(authorizationService.isUserAuthorized("zhangwei", organisation.groupsOf("zhangwei"),
        ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION, "escalation")).isFalse();
    ResponseEntity<String> started = rest.post("zhangwei", "/engine-rest/process-definition/key/reception/start",
        variables(Map.of("channel", "phone", "residentName", "孙桂兰", "residentPhone", "13941400001",
            "category", "subsistence-allowance", "summary", "申请低保", "priorityGroup", "none")));
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    String reception = read(started).get("id").asText();
    String task = read(rest.get("zhangwei", "/engine-rest/task?processInstanceId=" + reception)).get(0).get("id")
        .asText();

    ResponseEntity<String> completed = rest.post("zhangwei", "/engine-rest/task/" + task + "/complete",
        variables(Map.of("outcome", "reportUpward", "reportReason", "需街道审核", "escalationTarget", "street-office")));

    assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    ProcessInstance escalation = runtimeService.createProcessInstanceQuery().superProcessInstanceId(reception)
        .singleResult();
    assertThat(escalation).isNotNull();
    assertThat(runtimeService.getVariable(escalation.getId(), "timeLimitDays")).isEqualTo(
        runtimeService.getVariable(reception, "timeLimitDays"));
  }

  @Test
  @DisplayName("issue 10 item 3：走访计划即使在已登录用户的线程里运行，也以系统身份发起走访")
  void theVisitPlanStartsVisitsAsTheAppEvenOnALoggedInThread() {
    long id = household("T-START-PLAN", "grid-3");
    ClockUtil.setCurrentTime(cn.shequflow.EngineTestSupport.shanghai(2026, 11, 2, 9, 0));
    try {
      organisation.runAs("liuyang", () -> planner.plan(YearMonth.of(2026, 11)));
    } finally {
      ClockUtil.reset();
    }
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("home-visit")
        .processInstanceBusinessKey("ZF-T-START-PLAN-2026").count()).isEqualTo(1);
    assertThat(id).isPositive();
  }

  /** 403 from the engine's authorization (not, say, a missing CSRF token), so the start itself was refused. */
  private static void assertRefused(ResponseEntity<String> response) {
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(read(response).get("type").asText()).isEqualTo("AuthorizationException");
  }

  private long startedWithKey(String businessKey) {
    return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey).count();
  }

  private long household(String number, String grid) {
    jdbc.update("insert into household (household_no, grid, address, head_name, phone, special_types, content_hash, "
        + "imported_at) values (?, ?, ?, ?, ?, ?, ?, ?)", number, grid, "崔东街道测试楼" + number, "测试户主",
        "13941400099", "", "test", new Timestamp(System.currentTimeMillis()));
    return jdbc.queryForObject("select id from household where household_no = ?", Long.class, number);
  }

  private static List<String> keys(JsonNode definitions) {
    List<String> keys = new ArrayList<>();
    definitions.forEach(d -> keys.add(d.get("key").asText()));
    return keys.stream().distinct().toList();
  }
}
