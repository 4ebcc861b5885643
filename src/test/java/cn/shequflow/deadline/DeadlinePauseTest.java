package cn.shequflow.deadline;

import static cn.shequflow.EngineTestSupport.drainLeftovers;
import static cn.shequflow.EngineTestSupport.fireDueTimers;
import static cn.shequflow.EngineTestSupport.setClock;
import static cn.shequflow.EngineTestSupport.shanghai;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.casefile.CaseHistory;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.reception.ReceptionInput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
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
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 15 item 4: the finishing deadline stops while the resident holds the case after a 一次性告知 (R-4.2-3) and
 * restarts with the working days it had left; the wait that runs out closes the case as before. Item 7: the task
 * shows 已暂停（等待居民补正材料） meanwhile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DeadlinePauseTest {

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired Organisation organisation;
  @Autowired CaseHistory caseHistory;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void clock() {
    drainLeftovers(managementService);
    // Wednesday before the Mid-Autumn holiday of 2026 (Fri 09-25 to Sun 09-27 off)
    setClock(shanghai(2026, 9, 23, 10, 0));
  }

  @AfterEach
  void reset() {
    ClockUtil.reset();
  }

  @Test
  @DisplayName("R-4.2-3 一次性告知后暂停计时：居民3个工作日后（跨中秋假期和周末）补齐材料，办结期限恰好后移3个工作日；期间任务显示“已暂停（等待居民补正材料）”")
  void pausedAtOneTimeNotice_materialsThreeWorkingDaysLater_dueMovesByExactlyThePausedWorkingDays() throws Exception {
    ProcessInstance pi = missingMaterials();
    // general-inquiry: 1 working day in the catalogue, from Wednesday → Thursday 09-24 17:00
    assertThat(catalogueDue(pi)).isEqualTo(shanghai(2026, 9, 24, 17, 0));
    Task waiting = task(pi);
    assertThat(waiting.getTaskDefinitionKey()).isEqualTo("Task_AwaitMaterials");
    assertThat(register(pi, "paused_since")).as("the register knows the clock stands still").isNotNull();

    // item 7: the card and the form read the case's pause, not the wait's own date
    JsonNode standing = json.readTree(standing(waiting.getId(), "zhangwei")).get(0);
    assertThat(standing.path("standing").asText()).isEqualTo("已暂停（等待居民补正材料）");
    assertThat(standing.path("paused").asBoolean()).isTrue();
    assertThat(standing.path("overdue").asBoolean()).isFalse();

    // Thursday 09-24, (Fri–Sun off), Monday 09-28, Tuesday 09-29: three working days later the resident comes back;
    // the old deadline has passed meanwhile, but a paused case is not overdue in the register
    setClock(shanghai(2026, 9, 29, 10, 0));
    JsonNode listed = json.readTree(registerRow(pi.getBusinessKey(), "zhangwei"));
    assertThat(listed.toString()).contains(pi.getBusinessKey());
    assertThat(listed.findValues("overdue")).extracting(JsonNode::asBoolean).containsOnly(false);
    organisation.runAs("zhangwei", () -> {
      taskService.complete(waiting.getId(), Map.of("materialsReceived", true, "answer", "材料已补齐，已办结"));
      return null;
    });

    // one working day was left at the pause (Thursday), counted from Tuesday: Wednesday 09-30 17:00 = old due + 3
    Date moved = shanghai(2026, 9, 30, 17, 0);
    assertThat(historicVariable(pi, "catalogueDueAt")).isEqualTo(moved);
    assertThat(historicVariable(pi, "catalogueDueText")).isEqualTo("2026年9月30日 17:00");
    assertThat(millis(register(pi, "due_at"))).as("the register shows the moved deadline").isEqualTo(moved.getTime());
    assertThat(register(pi, "paused_since")).isNull();
    assertThat(((Number) register(pi, "paused_working_days")).intValue()).isEqualTo(3);
    Map<String, Object> row = jdbc.queryForMap("select * from case_deadline_change where case_number = ?",
        pi.getBusinessKey());
    assertThat(row.get("status")).isEqualTo("resumed");
    assertThat(((Number) row.get("working_days")).intValue()).isEqualTo(3);
    assertThat(millis(row.get("old_due_at"))).isEqualTo(shanghai(2026, 9, 24, 17, 0).getTime());
    assertThat(millis(row.get("new_due_at"))).isEqualTo(moved.getTime());
    assertThat(historicVariable(pi, DeadlinePauseListener.PAUSE_LABEL)).as("no pause left on the case").isNull();

    CaseHistory.Case history = caseHistory.of(caseHistory.root(pi.getBusinessKey()).orElseThrow());
    CaseHistory.Step pause = history.steps().stream().filter(s -> s.name().startsWith("暂停计时")).findFirst()
        .orElseThrow();
    assertThat(pause.state()).isEqualTo("材料已补齐，恢复计时");
    assertThat(pause.entered()).containsEntry("暂停工作日", "3 个").containsEntry("新期限", "2026年9月30日 17:00");
    // in time order: after 一次性告知, before the wait's own step
    assertThat(history.steps().stream().map(CaseHistory.Step::name).toList())
        .containsSubsequence("一次性告知所缺材料", "暂停计时：等待居民补正材料");
  }

  @Test
  @DisplayName("R-4.2-3 居民逾期未补齐材料：原有的超时办结不变，暂停结束，期限不移动")
  void materialsNeverArrive_theWaitClosesTheCaseAsBefore_andNothingMoves() {
    ProcessInstance pi = missingMaterials();
    Date due = catalogueDue(pi);
    // the wait is 10 working days (reception-time-limits.dmn): 09-24, 28, 29, 30, (Oct 1–7 off), 10-08, 09, 10 (make-up), 12, 13, 14
    Date waitEnds = task(pi).getDueDate();
    assertThat(waitEnds).isEqualTo(shanghai(2026, 10, 14, 17, 0));

    setClock(new Date(waitEnds.getTime() - 60_000));
    assertThat(fireDueTimers(managementService, pi.getId())).isZero();
    setClock(waitEnds);
    assertThat(fireDueTimers(managementService, pi.getId())).isEqualTo(1);

    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
        .activityId("End_ClosedNoMaterials").count()).isEqualTo(1);
    assertThat(historicVariable(pi, "catalogueDueAt")).isEqualTo(due);
    assertThat(register(pi, "status")).isEqualTo("closed");
    assertThat(register(pi, "paused_since")).isNull();
    assertThat(jdbc.queryForObject("select status from case_deadline_change where case_number = ?", String.class,
        pi.getBusinessKey())).isEqualTo("ended");
  }

  private ProcessInstance missingMaterials() {
    ProcessInstance pi = organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("reception", ReceptionInput.of("visit")));
    organisation.runAs("zhangwei", () -> {
      taskService.complete(task(pi).getId(), Map.of("outcome", "missingMaterials"));
      setClock(shanghai(2026, 9, 23, 11, 0));
      taskService.complete(task(pi).getId(), Map.of("missingMaterials", "户口簿原件", "noticeReason", "材料不全",
          "noticeProcedure", "补齐后到社区服务站办理", "noticeChannel", "inPerson", "noticeGiven", true));
      return null;
    });
    return pi;
  }

  private Task task(ProcessInstance pi) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
  }

  private Date catalogueDue(ProcessInstance pi) {
    return (Date) runtimeService.getVariable(pi.getId(), "catalogueDueAt");
  }

  private Object historicVariable(ProcessInstance pi, String name) {
    var variable = historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName(name).singleResult();
    return variable == null ? null : variable.getValue();
  }

  private Object register(ProcessInstance pi, String column) {
    return jdbc.queryForMap("select * from case_register where case_number = ?", pi.getBusinessKey()).get(column);
  }

  static long millis(Object timestamp) {
    return ((Date) timestamp).getTime();
  }

  private String registerRow(String caseNumber, String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, "demo", StandardCharsets.UTF_8);
    return rest.exchange("/api/cases?q={q}", HttpMethod.GET, new HttpEntity<>(headers), String.class, caseNumber)
        .getBody();
  }

  private String standing(String taskId, String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, "demo", StandardCharsets.UTF_8);
    return rest.exchange("/api/tasks/deadlines?ids={ids}", HttpMethod.GET, new HttpEntity<>(headers), String.class,
        taskId).getBody();
  }
}
