package cn.shequflow.register;

import static cn.shequflow.EngineTestSupport.drainLeftovers;
import static cn.shequflow.EngineTestSupport.fireDueTimers;
import static cn.shequflow.EngineTestSupport.runAsyncSteps;
import static cn.shequflow.EngineTestSupport.setClock;
import static cn.shequflow.EngineTestSupport.shanghai;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.DemoRest;
import cn.shequflow.feedback.FeedbackCards;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.reception.ReceptionInput;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The case register (issue 14 item 1, issue 13 item 6): rows kept up to date as cases move, found by number, name
 * and phone, and seen by each role only as far as it may.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CaseRegisterTest {

  private static final AtomicInteger RESIDENTS = new AtomicInteger();

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired Organisation organisation;
  @Autowired FeedbackCards cards;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;

  @BeforeEach
  void init() {
    drainLeftovers(managementService);
    setClock(shanghai(2026, 12, 2, 10, 0)); // a Wednesday
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  @DisplayName("R-3.1.1-1 / R-4.1-2 当场答复的事项：受理即入台账（办理中、经办人张伟、首次响应期限），办结后记下结果；按居民姓名找到已办结的事项")
  void answeredOnSpot_isRegisteredOpen_thenClosed_andFoundByName() throws Exception {
    String name = uniqueName();
    ProcessInstance pi = start("zhangwei", name, "13941400123");
    Task first = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();

    Map<String, Object> open = row(pi.getBusinessKey());
    assertThat(open).containsEntry("STATUS", "open").containsEntry("KIND", "reception")
        .containsEntry("RESIDENT_NAME", name).containsEntry("GRID", "grid-1").containsEntry("HOLDER", "zhangwei")
        .containsEntry("HOLDER_NAME", "张伟").containsEntry("FIRST_RESPONDER", "zhangwei")
        .containsEntry("CHANNEL", "visit").containsEntry("CATEGORY", "general-inquiry");
    assertThat(((Date) open.get("FIRST_RESPONSE_DUE_AT")).getTime()).isEqualTo(first.getDueDate().getTime());
    assertThat(((Date) open.get("DUE_AT")).getTime())
        .isEqualTo(((Date) runtimeService.getVariable(pi.getId(), "catalogueDueAt")).getTime());
    assertThat(open.get("FIRST_RESPONSE_AT")).isNull();

    setClock(shanghai(2026, 12, 2, 10, 20));
    taskService.complete(first.getId(), Map.of("outcome", "answered", "answer", "活动室每天8:30-17:00开放"));

    Map<String, Object> closed = row(pi.getBusinessKey());
    assertThat(closed).containsEntry("STATUS", "closed").containsEntry("OUTCOME", "End_AnsweredOnSpot")
        .containsEntry("OUTCOME_LABEL", "当场答复，办结");
    assertThat(((Date) closed.get("CLOSED_AT")).getTime()).isEqualTo(shanghai(2026, 12, 2, 10, 20).getTime());
    assertThat(((Date) closed.get("FIRST_RESPONSE_AT")).getTime()).isEqualTo(shanghai(2026, 12, 2, 10, 20).getTime());

    JsonNode found = search("zhangwei", "q=" + encode(name));
    assertThat(found.get("total").asLong()).isEqualTo(1);
    JsonNode hit = found.get("rows").get(0);
    assertThat(hit.get("caseNumber").asText()).isEqualTo(pi.getBusinessKey());
    assertThat(hit.get("status").asText()).isEqualTo("closed");
    assertThat(hit.get("statusName").asText()).isEqualTo("已办结");
    assertThat(hit.get("residentPhone").asText()).isEqualTo("139****0123");
    assertThat(hit.get("receivedAt").asText()).isEqualTo("2026-12-02T10:00:00+08:00");
    assertThat(hit.get("closedAt").asText()).isEqualTo("2026-12-02T10:20:00+08:00");
    assertThat(hit.get("outcomeLabel").asText()).isEqualTo("当场答复，办结");
    assertThat(search("zhangwei", "q=0123&status=closed").get("rows").findValuesAsText("caseNumber"))
        .as("by the phone's last digits").contains(pi.getBusinessKey());
    assertThat(search("zhangwei", "q=" + pi.getBusinessKey().toLowerCase()).get("total").asLong())
        .as("by number, whatever the case of the letters").isEqualTo(1);
    assertThat(search("liuyang", "q=" + encode(name)).get("total").asLong()).as("the manager").isEqualTo(1);
  }

  @Test
  @DisplayName("R-4.1-1 台账的可见范围：网格员只看本网格（指定别的网格也一样），书记/主任看全社区，街道只看上报给它的，其他人 403，未登录 401")
  void eachRoleSeesOnlyItsPart() throws Exception {
    String name = uniqueName();
    ProcessInstance grid1 = start("zhangwei", name, "13941400124");
    ProcessInstance grid2 = start("lina", name, "13941400125");

    assertThat(numbers(search("zhangwei", "q=" + encode(name)))).containsExactly(grid1.getBusinessKey());
    assertThat(numbers(search("lina", "q=" + encode(name)))).containsExactly(grid2.getBusinessKey());
    assertThat(numbers(search("lina", "q=" + encode(name) + "&grid=grid-1")))
        .as("another grid asked for: still only the worker's own").containsExactly(grid2.getBusinessKey());
    assertThat(numbers(search("liuyang", "q=" + encode(name))))
        .containsExactlyInAnyOrder(grid1.getBusinessKey(), grid2.getBusinessKey());
    assertThat(numbers(search("liuyang", "q=" + encode(name) + "&grid=grid-2")))
        .containsExactly(grid2.getBusinessKey());
    assertThat(numbers(search("chenjing", "q=" + encode(name)))).as("nothing escalated yet").isEmpty();

    ResponseEntity<String> analyst = get("zhaolei", "/api/cases");
    assertThat(analyst.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(analyst.getBody()).contains("无权查看事项台账");
    assertThat(rest.getForEntity("/api/cases", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  @DisplayName("R-4.2-4 上报街道：台账显示街道办理（街道可见），答复后回到首问责任人；承诺日期成为办结期限")
  void escalatedCase_isHeldByTheStreetOffice_andComesBack() throws Exception {
    Map<String, Object> input = ReceptionInput.of("letter");
    input.put("category", "subsistence-allowance");
    input.put("residentName", uniqueName());
    ProcessInstance pi = organisation.runAs("zhangwei", () -> runtimeService.startProcessInstanceByKey("reception",
        input));
    taskService.complete(task(pi.getId()).getId(), Map.of("outcome", "reportUpward", "reportReason",
        "低保申请需街道审核", "escalationTarget", "street-office"));
    ProcessInstance escalation = runtimeService.createProcessInstanceQuery().superProcessInstanceId(pi.getId())
        .singleResult();

    Map<String, Object> atStreet = row(pi.getBusinessKey());
    assertThat(atStreet).containsEntry("HOLDER", "street-office").containsEntry("HOLDER_NAME", "街道办事处")
        .containsEntry("KIND", "reception").containsEntry("STATUS", "open");
    assertThat(atStreet.get("FIRST_RESPONSE_AT")).as("the first task is done").isNotNull();
    assertThat(numbers(search("chenjing", "q=" + pi.getBusinessKey()))).containsExactly(pi.getBusinessKey());

    taskService.complete(taskByKey(escalation.getId(), "Task_TellResidentRules").getId(), Map.of("tellMethod", "phone"));
    assertThat(row(pi.getBusinessKey())).as("the worker's side step leaves the street office holding it")
        .containsEntry("HOLDER", "street-office");
    taskService.complete(taskByKey(escalation.getId(), "Task_StreetOfficeAnswer").getId(),
        Map.of("escalationAnswer", "已受理，进入审核", "streetOfficeHandler", "陈静"));
    runAsyncSteps(managementService);
    assertThat(row(pi.getBusinessKey())).containsEntry("HOLDER", "zhangwei").containsEntry("HOLDER_NAME", "张伟");
    assertThat(numbers(search("chenjing", "q=" + pi.getBusinessKey()))).as("once escalated, the street office keeps it")
        .containsExactly(pi.getBusinessKey());
  }

  @Test
  @DisplayName("R-4.1-3 承诺期限答复：承诺日期成为办结期限；逾期后的督办任务不改变经办人，台账标出逾期")
  void promisedReply_becomesTheDueDate_andSupervisionLeavesTheHolder() throws Exception {
    ProcessInstance pi = start("zhangwei", uniqueName(), "13941400126");
    taskService.complete(task(pi.getId()).getId(), Map.of("outcome", "replyLater", "promisedReplyDate", "2026-12-03"));
    Map<String, Object> promised = row(pi.getBusinessKey());
    assertThat(((Date) promised.get("DUE_AT")).getTime())
        .isEqualTo(((Date) runtimeService.getVariable(pi.getId(), "promisedReplyAt")).getTime());

    setClock(shanghai(2026, 12, 4, 9, 0));
    fireDueTimers(managementService, pi.getId());
    runAsyncSteps(managementService);
    assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_SuperviseOverdue")
        .count()).isEqualTo(1);
    assertThat(row(pi.getBusinessKey())).containsEntry("HOLDER", "zhangwei");
    JsonNode hit = search("liuyang", "q=" + pi.getBusinessKey()).get("rows").get(0);
    assertThat(hit.get("overdue").asBoolean()).isTrue();
    assertThat(hit.get("holderName").asText()).isEqualTo("张伟");
  }

  @Test
  @DisplayName("R-1.2-4 / R-4.3-1 评价记入台账；不满意转成的投诉自成一行，关联原事项")
  void ratings_andTheComplaintTheyStart_areRegistered() throws Exception {
    ProcessInstance pi = start("zhangwei", uniqueName(), "13941400127");
    taskService.complete(task(pi.getId()).getId(), Map.of("outcome", "answered", "answer", "已答复"));
    String token = cards.latestForCase(pi.getBusinessKey()).orElseThrow().token();

    assertThat(cards.rate(token, "dissatisfied", "态度不好", "resident")).isEqualTo(FeedbackCards.Result.RECORDED);

    Map<String, Object> rated = row(pi.getBusinessKey());
    assertThat(rated).containsEntry("RATING", "dissatisfied");
    String complaint = (String) rated.get("RATING_COMPLAINT");
    assertThat(complaint).startsWith("TS");
    assertThat(row(complaint)).containsEntry("KIND", "complaint").containsEntry("RELATED_CASE", pi.getBusinessKey())
        .containsEntry("CHANNEL", "card").containsEntry("STATUS", "open");
    JsonNode hit = search("liuyang", "q=" + pi.getBusinessKey()).get("rows").get(0);
    assertThat(hit.get("ratingName").asText()).isEqualTo("不满意");
  }

  @Test
  @DisplayName("R-3.1.3-5 在窗口直接受理的代办（没有渠道）也在台账中，类型为代办服务，查找和指标不出错")
  void aProxyErrandStartedAtTheDesk_isRegistered() throws Exception {
    Map<String, Object> input = new java.util.HashMap<>(Map.of("residentName", uniqueName(),
        "residentPhone", "13941400128", "residentEmail", "", "residentAddress", "平山区崔东街道12号楼",
        "proxyItem", "senior-allowance", "summary", "请社区代办高龄津贴"));
    ProcessInstance pi = organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("proxy-service", input));
    JsonNode hit = search("zhangwei", "q=" + pi.getBusinessKey()).get("rows").get(0);
    assertThat(hit.get("kindName").asText()).isEqualTo("代办服务");
    assertThat(hit.get("channel").isNull()).isTrue();
    assertThat(hit.get("holderName").asText()).isEqualTo("张伟");
    assertThat(get("liuyang", "/api/kpi").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("liuyang", "/staff/dashboard").getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  @DisplayName("issue 14 错误的查询条件得到 400 和中文说明，不是 500")
  void badFilters_areRefusedInChinese() {
    for (String[] bad : List.of(new String[] {"from=2026-13-01", "yyyy-MM-dd"},
        new String[] {"from=2026-12-10&to=2026-12-01", "截止日期不能早于起始日期"},
        new String[] {"status=pending", "状态应为"}, new String[] {"channel=fax", "渠道应为"},
        new String[] {"size=1000", "size 应为"}, new String[] {"page=abc", "page 应为"},
        new String[] {"q=" + "张".repeat(51), "最多 50 个字"}, new String[] {"q=%00", "空字符"},
        new String[] {"q=a%01b", "控制字符"})) {
      ResponseEntity<String> answer = get("liuyang", "/api/cases?" + bad[0]);
      assertThat(answer.getStatusCode()).as(bad[0]).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getBody()).as(bad[0]).contains(bad[1]);
    }
    assertThat(get("liuyang", "/api/cases?q=" + encode("%_\\")).getStatusCode())
        .as("LIKE wildcards are searched for, not expanded").isEqualTo(HttpStatus.OK);
  }

  private ProcessInstance start(String worker, String name, String phone) {
    Map<String, Object> input = ReceptionInput.of("visit");
    input.put("residentName", name);
    input.put("residentPhone", phone);
    return organisation.runAs(worker, () -> runtimeService.startProcessInstanceByKey("reception", input));
  }

  private Task task(String processInstanceId) {
    return taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult();
  }

  private Task taskByKey(String processInstanceId, String key) {
    return taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key).singleResult();
  }

  private Map<String, Object> row(String caseNumber) {
    Map<String, Object> row = new java.util.HashMap<>();
    jdbc.queryForMap("select * from case_register where case_number = ?", caseNumber)
        .forEach((k, v) -> row.put(k.toUpperCase(), v));
    return row;
  }

  private JsonNode search(String user, String query) throws Exception {
    ResponseEntity<String> answer = get(user, "/api/cases?" + query);
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
    return DemoRest.JSON.readTree(answer.getBody());
  }

  /** The query exactly as written (already encoded): a String URL would be encoded a second time. */
  private ResponseEntity<String> get(String user, String pathAndQuery) {
    return rest.withBasicAuth(user, "demo").getForEntity(URI.create(rest.getRootUri() + pathAndQuery), String.class);
  }

  private static List<String> numbers(JsonNode page) {
    return page.get("rows").findValuesAsText("caseNumber");
  }

  /** A resident no other test uses, so the shared database's other rows do not match. */
  static String uniqueName() {
    String digits = String.valueOf(System.nanoTime() % 100000 * 100 + RESIDENTS.incrementAndGet() % 100);
    StringBuilder name = new StringBuilder("台账");
    for (char c : digits.toCharArray()) {
      name.append("零一二三四五六七八九".charAt(c - '0'));
    }
    return name.toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
