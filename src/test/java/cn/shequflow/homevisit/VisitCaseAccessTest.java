package cn.shequflow.homevisit;

import static cn.shequflow.DemoRest.read;
import static cn.shequflow.DemoRest.variables;
import static cn.shequflow.EngineTestSupport.setClock;
import static cn.shequflow.EngineTestSupport.shanghai;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.DemoRest;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.filter.Filter;
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
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 10 item 7 (findings 2 and 7): a visit case is readable only by its grid and the managers — over
 * /engine-rest/process-instance/{id}/variables, variable-instance and the history — and Tasklist still shows the
 * grid its visits' numbers; the visit's delegates never touch a household of another grid.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class VisitCaseAccessTest {

  private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

  @Autowired TestRestTemplate template;
  @Autowired VisitPlanner planner;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired FilterService filterService;
  @Autowired JdbcTemplate jdbc;

  DemoRest rest;

  @BeforeEach
  void init() {
    rest = new DemoRest(template);
    setClock(shanghai(2026, 11, 2, 9, 0));
  }

  @AfterEach
  void reset() {
    ClockUtil.reset();
  }

  @Test
  @DisplayName("issue 10 item 7 / finding 7：第一网格的走访事项变量，第二网格网格员读不到（三种 REST 路径），本网格和书记能读")
  void aGridOneVisitIsReadableByGridOneAndManagersOnly() {
    String visit = plannedVisit(household("T-ACL-1", "grid-1", "disabled"), "2026-11").getId();
    runtimeService.setVariable(visit, "visitNote", "户主反映的私事"); // free text a visit form may leave behind

    String variables = "/engine-rest/process-instance/" + visit + "/variables";
    String instances = "/engine-rest/variable-instance?processInstanceIdIn=" + visit;
    String history = "/engine-rest/history/variable-instance?processInstanceId=" + visit;

    ResponseEntity<String> linaVariables = rest.get("lina", variables);
    assertThat(linaVariables.getStatusCode().value()).isIn(403, 404);
    assertThat(linaVariables.getBody()).doesNotContain("户主反映的私事");
    assertThat(read(rest.get("lina", instances))).isEmpty();
    assertThat(read(rest.get("lina", history))).isEmpty();

    for (String allowed : new String[] {"zhangwei", "liuyang"}) {
      assertThat(rest.get(allowed, variables).getBody()).contains("户主反映的私事").contains("ZF-T-ACL-1-2026-11");
      assertThat(read(rest.get(allowed, instances))).isNotEmpty();
      assertThat(read(rest.get(allowed, history))).isNotEmpty();
    }
  }

  @Test
  @DisplayName("issue 10 item 7：任务列表“本网格走访”仍显示本网格走访的编号；其他网格看不到这项走访")
  void tasklistShowsTheGridItsVisitNumbers() {
    Task task = taskService.createTaskQuery()
        .processInstanceId(plannedVisit(household("T-ACL-2", "grid-1", "lowIncome"), "2026-11").getId()).singleResult();

    JsonNode zhangwei = filterList("zhangwei", "visits/grid-1");
    JsonNode lina = filterList("lina", "visits/grid-2");

    assertThat(zhangwei.at("/_embedded/task").findValuesAsText("id")).contains(task.getId());
    assertThat(zhangwei.at("/_embedded/task").toString()).contains("ZF-T-ACL-2-2026-11");
    assertThat(lina.at("/_embedded/task").findValuesAsText("id")).doesNotContain(task.getId());
    assertThat(lina.toString()).doesNotContain("ZF-T-ACL-2-2026-11");
  }

  @Test
  @DisplayName("issue 10 item 7 / finding 2：走访步骤中改用第一网格住户（householdId）转办诉求、建档被拒绝，不泄露户主姓名电话，不改档案")
  void aVisitStepCannotReachAnotherGridsHousehold() {
    long grid1 = household("T-ACL-VICTIM", "grid-1", "");
    jdbc.update("insert into household_profile (household_id, health, recorded_by, recorded_at) values (?, ?, ?, ?)",
        grid1, "原有档案", "zhangwei", new Timestamp(ClockUtil.getCurrentTime().getTime()));
    long grid2 = household("T-ACL-OWN", "grid-2", "disabled");
    jdbc.update("insert into household_profile (household_id, recorded_by, recorded_at) values (?, 'lina', ?)", grid2,
        new Timestamp(ClockUtil.getCurrentTime().getTime()));
    ProcessInstance visit = plannedVisit(grid2, "2026-11");
    complete("lina", visit, Map.of("appointmentMethod", "phone", "appointmentAt", "2026-11-05T10:00+08:00",
        "preparedChecklist", true));
    complete("lina", visit, Map.of("identityShown", true, "purposeStated", true, "consent", "granted"));

    ResponseEntity<String> demand = complete("lina", visit, Map.of("householdId", grid1, "private_demands", "想要电话",
        "raiseCase", true, "demandCategory", "general-inquiry", "demandSummary", "转办"));

    assertThat(demand.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(demand.getBody()).doesNotContain("测试户主").doesNotContain("13941400");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("reception")
        .variableValueEquals("householdId", grid1).count()).isZero();
    assertThat(jdbc.queryForObject("select count(*) from visit_note where household_id = ?", Integer.class, grid1))
        .isZero();
    assertThat(jdbc.queryForObject("select health from household_profile where household_id = ?", String.class,
        grid1)).isEqualTo("原有档案");
    assertThat(taskService.createTaskQuery().processInstanceId(visit.getId()).singleResult().getTaskDefinitionKey())
        .isEqualTo("Task_KeyFamilyVisit");
  }

  private ProcessInstance plannedVisit(long householdId, String period) {
    planner.plan(NOVEMBER);
    String number = jdbc.queryForObject("select household_no from household where id = ?", String.class, householdId);
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("home-visit")
        .processInstanceBusinessKey("ZF-" + number + "-" + period).singleResult();
  }

  private ResponseEntity<String> complete(String user, ProcessInstance visit, Map<String, ?> values) {
    Task task = taskService.createTaskQuery().processInstanceId(visit.getId()).singleResult();
    rest.post(user, "/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", user));
    return rest.post(user, "/engine-rest/task/" + task.getId() + "/complete", variables(values));
  }

  /** What Tasklist asks for a filter: its tasks with the list's variables, as HAL. */
  private JsonNode filterList(String user, String filterKey) {
    Filter filter = filterService.createFilterQuery().list().stream()
        .filter(f -> filterKey.equals(f.getProperties().get("shequKey"))).findFirst().orElseThrow();
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, "demo");
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(java.util.List.of(MediaType.parseMediaType("application/hal+json")));
    ResponseEntity<String> list = template.exchange("/engine-rest/filter/" + filter.getId() + "/list?maxResults=1000",
        HttpMethod.POST, new HttpEntity<>("{}", headers), String.class);
    assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
    return read(list);
  }

  private long household(String number, String grid, String specialTypes) {
    jdbc.update("insert into household (household_no, grid, address, head_name, phone, special_types, content_hash, "
        + "imported_at) values (?, ?, ?, ?, ?, ?, ?, ?)", number, grid, "崔东街道测试楼" + number, "测试户主",
        "13941400098", specialTypes, "test", new Timestamp(ClockUtil.getCurrentTime().getTime()));
    return jdbc.queryForObject("select id from household where household_no = ?", Long.class, number);
  }
}
