package cn.shequflow.homevisit;

import static cn.shequflow.EngineTestSupport.setClock;
import static cn.shequflow.EngineTestSupport.shanghai;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.shequflow.organisation.Organisation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
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
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * processes/home-visit.bpmn and the visit plan (R-3.1.2-1..9): planning, refusal, nobody home, first visit with
 * profile, periodic visit with a demand that becomes a case, the overdue sweep, profile access and coverage.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HomeVisitProcessTest {

  private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @Autowired Organisation organisation;
  @Autowired VisitPlanner planner;
  @Autowired VisitSchedule schedule;
  @Autowired Coverage coverage;
  @Autowired JdbcTemplate jdbc;
  @Autowired GreenMail greenMail;
  @Autowired TestRestTemplate rest;

  @BeforeEach
  void init() throws Exception {
    BpmnAwareTests.init(engine);
    greenMail.purgeEmailFromAllMailboxes();
    setClock(shanghai(2026, 11, 2, 9, 0));
  }

  @AfterEach
  void reset() {
    ClockUtil.reset();
  }

  @Test
  @DisplayName("R-3.1.2-1/2 走访计划：特殊家庭每月、普通住户每年，期限为月末/年末最后一个工作日；重复运行不重复创建")
  void planCreatesMonthlyAndYearlyVisits_once() {
    long special = household("T-PLAN-1", "grid-1", "disabled", "13941400011");
    long ordinary = household("T-PLAN-2", "grid-1", "", "13941400012");

    VisitPlanner.PlanReport first = planner.plan(NOVEMBER);
    VisitPlanner.PlanReport second = planner.plan(NOVEMBER);

    Task monthly = visitTask(special, "2026-11");
    assertThat(monthly.getDueDate()).isEqualTo(shanghai(2026, 11, 30, 17, 0));
    assertThat(monthly).hasCandidateGroup("grid-1");
    assertThat(visitTask(ordinary, "2026").getDueDate()).isEqualTo(shanghai(2026, 12, 31, 17, 0));
    assertThat(first.monthlyCreated() + first.annualCreated()).isGreaterThanOrEqualTo(2);
    assertThat(second.monthlyCreated() + second.annualCreated()).isZero();
    // only the household's id and number travel with the case (R-1.2-7)
    assertThat(runtimeService.getVariables(monthly.getProcessInstanceId()).keySet())
        .doesNotContain("headName", "address", "phone", "residentName");
  }

  @Test
  @DisplayName("R-3.1.2-5 居民拒绝入户：记录并重新预约")
  void refusal_isRecordedAndTheVisitReplanned() {
    long id = household("T-REFUSE", "grid-1", "", "13941400013");
    planner.plan(NOVEMBER);
    ProcessInstance visit = instance(id, "2026");

    work(visit, Map.of("appointmentMethod", "wechat", "appointmentAt", "2026-11-05T10:00+08:00", "preparedChecklist", true));
    work(visit, Map.of("identityShown", true, "purposeStated", true, "consent", "refused"));

    assertThat(visit).isWaitingAt("Task_Appointment").hasPassed("Task_RecordAttempt");
    assertThat(outcomes(id)).containsExactly("refused");
  }

  @Test
  @DisplayName("R-3.1.2-5 拒绝入户后重新预约：新一次走访的预约和入户表单只读显示上次拒绝的时间、记录人和说明，入户回答清空")
  void replannedVisitAfterARefusal_showsWhy() throws Exception {
    long id = household("T-REFUSE-WHY", "grid-1", "", "13941400031");
    planner.plan(NOVEMBER);
    ProcessInstance visit = instance(id, "2026");
    work(visit, Map.of("appointmentMethod", "wechat", "appointmentAt", "2026-11-05T10:00+08:00", "preparedChecklist", true));

    // when: on 5 November the resident refuses
    setClock(shanghai(2026, 11, 5, 10, 10));
    work(visit, Map.of("identityShown", true, "purposeStated", true, "consent", "refused",
        "arrivalNote", "居民身体不适，请下周再来"));

    // then: the re-planned appointment says why, read-only, and the arrival's answers start empty
    assertThat(visit).isWaitingAt("Task_Appointment");
    Task again = taskService.createTaskQuery().processInstanceId(visit.getId()).singleResult();
    assertThat((String) taskService.getVariable(again.getId(), "previousAttemptText"))
        .isEqualTo("2026年11月5日 10:10 张伟记录：居民拒绝入户。情况说明：居民身体不适，请下周再来");
    for (String form : java.util.List.of("homevisit-appointment", "homevisit-arrival")) {
      JsonNode shown = formField(form, "previousAttemptText");
      assertThat(shown).as(form).isNotNull();
      assertThat(shown.path("disabled").asBoolean()).as(form + " read-only").isTrue();
    }
    assertThat(taskService.getVariable(again.getId(), "consent")).isNull();
    assertThat(taskService.getVariable(again.getId(), "arrivalNote")).isNull();

    // and the next arrival still shows it; nobody home replaces it with the newer attempt
    work(visit, Map.of("appointmentMethod", "phone", "appointmentAt", "2026-11-12T10:00+08:00", "preparedChecklist", true));
    assertThat((String) taskService.getVariable(
        taskService.createTaskQuery().processInstanceId(visit.getId()).singleResult().getId(), "previousAttemptText"))
        .contains("居民拒绝入户");
    setClock(shanghai(2026, 11, 12, 10, 5));
    work(visit, Map.of("identityShown", true, "purposeStated", true, "consent", "nobodyHome"));
    assertThat((String) runtimeService.getVariable(visit.getId(), "previousAttemptText"))
        .isEqualTo("2026年11月12日 10:05 张伟记录：无人在家");
    assertThat(outcomes(id)).containsExactly("refused", "nobodyHome");
  }

  @Test
  @DisplayName("R-3.1.2-3 约定走访日期早于今天：服务器端拒绝并说明原因（表单不再禁用过去的日期），今天的时间可以")
  void appointmentBeforeToday_isRefusedWithAReason() throws Exception {
    long id = household("T-APPOINT-PAST", "grid-1", "", "13941400032");
    planner.plan(NOVEMBER);
    ProcessInstance visit = instance(id, "2026"); // the clock: Monday 2 November 09:00

    assertThat(formField("homevisit-appointment", "appointmentAt").has("disallowPassedDates")).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> work(visit, Map.of("appointmentMethod", "phone",
        "appointmentAt", "2026-11-01T10:00+08:00", "preparedChecklist", true)))
        .isInstanceOf(cn.shequflow.casefile.InvalidCaseInputException.class).hasMessageContaining("约定走访日期不能早于今天");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> work(visit, Map.of("appointmentMethod", "phone",
        "appointmentAt", "下周一", "preparedChecklist", true)))
        .hasMessageContaining("无法识别");
    assertThat(visit).isWaitingAt("Task_Appointment");

    work(visit, Map.of("appointmentMethod", "visit", "appointmentAt", "2026-11-02T08:30+08:00", "preparedChecklist", true));
    assertThat(visit).isWaitingAt("Task_Arrival");
  }

  @Test
  @DisplayName("R-3.1.2-3 约定日期早于今天经 REST 提交：回答 400 和中文原因，预约任务保留")
  void appointmentBeforeToday_overRest_isA400WithTheReason() {
    long id = household("T-APPOINT-REST", "grid-1", "", "13941400033");
    planner.plan(NOVEMBER);
    ProcessInstance visit = instance(id, "2026");
    Task task = taskService.createTaskQuery().processInstanceId(visit.getId()).singleResult();
    cn.shequflow.DemoRest demo = new cn.shequflow.DemoRest(rest);
    demo.post("zhangwei", "/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", "zhangwei"));

    ResponseEntity<String> answer = demo.post("zhangwei", "/engine-rest/task/" + task.getId() + "/submit-form",
        cn.shequflow.DemoRest.variables(Map.of("appointmentMethod", "phone", "appointmentAt", "2026-10-30T10:00+08:00",
            "preparedChecklist", true)));

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(cn.shequflow.DemoRest.read(answer).path("message").asText()).contains("约定走访日期不能早于今天")
        .doesNotContain("ENGINE-");
    assertThat(visit).isWaitingAt("Task_Appointment");
  }

  @Test
  @DisplayName("R-3.1.2-5 无人在家：记录并重新预约")
  void nobodyHome_isRecordedAndTheVisitReplanned() {
    long id = household("T-NOBODY", "grid-1", "", "13941400014");
    planner.plan(NOVEMBER);
    ProcessInstance visit = instance(id, "2026");

    work(visit, Map.of("appointmentMethod", "phone", "appointmentAt", "2026-11-05T10:00+08:00", "preparedChecklist", true));
    work(visit, Map.of("identityShown", true, "purposeStated", true, "consent", "nobodyHome"));

    assertThat(visit).isWaitingAt("Task_Appointment");
    assertThat(outcomes(id)).containsExactly("nobodyHome");
  }

  @Test
  @DisplayName("R-3.1.2-6 首次走访：同意入户、建立家庭档案（只存于档案表，不进流程和历史）、宣传政策、归档")
  void firstVisit_withConsent_recordsTheProfileOnlyInTheRegistry() {
    long id = household("T-FIRST", "grid-1", "livingAlone", "13941400015");
    planner.plan(NOVEMBER);
    ProcessInstance visit = instance(id, "2026-11");

    work(visit, Map.of("appointmentMethod", "phone", "appointmentAt", "2026-11-05T10:00+08:00", "preparedChecklist", true));
    work(visit, Map.of("identityShown", true, "purposeStated", true, "consent", "granted"));
    assertThat(visit).isWaitingAt("Task_HouseholdProfile");
    work(visit, Map.of("private_members", "户主本人，82岁", "private_livingConditions", "独居，一楼", "private_stateOfMind", "乐观",
        "private_employment", "退休", "private_health", "高血压，行动不便", "private_education", "初中",
        "private_socialSecurity", "养老金；医保"));
    work(visit, Map.of("policiesPromoted", "高龄津贴；防诈骗"));

    assertThat(visit).isEnded().hasPassed("Task_SaveProfile", "Task_ArchiveVisit", "End_Visited");
    assertThat(jdbc.queryForObject("select health from household_profile where household_id = ?", String.class, id))
        .isEqualTo("高血压，行动不便");
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(visit.getId())
        .variableNameLike("private_%").count()).isZero();
    assertThat(historyService.createHistoricDetailQuery().processInstanceId(visit.getId()).list())
        .noneMatch(d -> d.toString().contains("高血压"));
    assertThat(outcomes(id)).containsExactly("visited");
    assertThat(jdbc.queryForObject("select worker from visit_record where household_id = ?", String.class, id))
        .isEqualTo("zhangwei");
  }

  @Test
  @DisplayName("R-3.1.2-7 重点家庭定期走访：记录诉求，诉求转为居民接待事项，走访人员为首问责任人")
  void periodicVisit_demandStartsAReceptionCase_withTheVisitorAsFirstResponder() {
    long id = household("T-DEMAND", "grid-1", "lowIncome", "13941400016");
    jdbc.update("insert into household_profile (household_id, recorded_by, recorded_at) values (?, 'zhangwei', ?)", id,
        new Timestamp(ClockUtil.getCurrentTime().getTime()));
    planner.plan(NOVEMBER);
    ProcessInstance visit = instance(id, "2026-11");

    work(visit, Map.of("appointmentMethod", "phone", "appointmentAt", "2026-11-05T10:00+08:00", "preparedChecklist", true));
    work(visit, Map.of("identityShown", true, "purposeStated", true, "consent", "granted"));
    assertThat(visit).isWaitingAt("Task_KeyFamilyVisit");
    work(visit, Map.of("private_demands", "楼道照明损坏，希望维修", "raiseCase", true,
        "demandCategory", "facility-repair", "demandSummary", "走访中居民反映楼道照明损坏"));

    String caseNumber = (String) runtimeService.getVariable(visit.getId(), "demandCaseNumber");
    ProcessInstance reception = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
        .processDefinitionKey("reception").singleResult();
    assertThat(runtimeService.getVariable(reception.getId(), "firstResponder")).isEqualTo("zhangwei");
    assertThat(runtimeService.getVariable(reception.getId(), "channel")).isEqualTo("visit");
    assertThat(jdbc.queryForObject("select demands from visit_note where household_id = ?", String.class, id))
        .contains("楼道照明");
    assertThat(runtimeService.getVariables(visit.getId()).keySet()).noneMatch(name -> name.startsWith("private_"));
    assertThat(visit).isWaitingAt("Task_PoliciesAndClose");
  }

  @Test
  @DisplayName("R-3.1.2-2 逾期巡检：超过期限的走访标为已逾期，邮件通知书记/主任")
  void overdueSweep_marksLateVisitsAndTellsTheManagers() throws Exception {
    long id = household("T-LATE", "grid-2", "dvVictim", "13941400017");
    planner.plan(NOVEMBER);
    Task task = visitTask(id, "2026-11");

    setClock(shanghai(2026, 12, 1, 8, 0));
    assertThat(schedule.overdueSweep()).isGreaterThanOrEqualTo(1);

    assertThat(taskService.getVariableLocal(task.getId(), "deadlineState")).isEqualTo("overdue");
    assertThat(greenMail.getReceivedMessagesForDomain("liuyang@shequ.example")).isNotEmpty();
    assertThat(greenMail.getReceivedMessagesForDomain("liuyang@shequ.example")[0].getSubject()).contains("走访逾期");
  }

  @Test
  @DisplayName("R-3.1.2-3 提前预约：先约定方式（微信、QQ、社区应用，或电话、上门）和时间才入户，约定记入走访历史")
  void appointment_isAgreedBeforeArrival_andKeptInTheVisitHistory() throws Exception {
    long id = household("T-APPOINT", "grid-1", "", "13941400019");
    planner.plan(NOVEMBER);
    ProcessInstance visit = instance(id, "2026");
    JsonNode method = formField("homevisit-appointment", "appointmentMethod");
    JsonNode time = formField("homevisit-appointment", "appointmentAt");

    // given: the visit opens with the appointment, nothing recorded yet
    assertThat(visit).isWaitingAt("Task_Appointment");
    assertThat(outcomes(id)).isEmpty();
    assertThat(method.path("validate").path("required").asBoolean()).isTrue();
    assertThat(time.path("validate").path("required").asBoolean()).isTrue();
    assertThat(values(method)).contains("wechat", "qq", "app", "phone", "visit");
    // when: the worker agrees the visit over QQ
    work(visit, Map.of("appointmentMethod", "qq", "appointmentAt", "2026-11-06T15:00+08:00", "preparedChecklist", true));

    // then: only now the arrival, and the appointment stays in the visit's history
    assertThat(visit).hasPassed("Task_Appointment").isWaitingAt("Task_Arrival");
    assertThat(historic(visit, "appointmentMethod")).isEqualTo("qq");
    assertThat(historic(visit, "appointmentAt")).isEqualTo("2026-11-06T15:00+08:00");
  }

  @Test
  @DisplayName("R-3.1.2-4 走访准备：预约任务列出工作证、走访记录本、政策宣传资料、便民服务物品，确认已准备并记入历史")
  void preparation_checklistIsConfirmedBeforeTheVisit() throws Exception {
    long id = household("T-PREPARE", "grid-1", "", "13941400020");
    planner.plan(NOVEMBER);
    ProcessInstance visit = instance(id, "2026");
    JsonNode checklist = formField("homevisit-appointment", "preparedChecklist");

    assertThat(checklist.path("type").asText()).isEqualTo("checkbox");
    assertThat(checklist.path("validate").path("required").asBoolean()).isTrue();
    assertThat(checklist.path("label").asText()).contains("工作证", "走访记录本", "政策宣传资料", "便民服务物品");
    work(visit, Map.of("appointmentMethod", "wechat", "appointmentAt", "2026-11-05T10:00+08:00", "preparedChecklist", true));

    assertThat(visit).isWaitingAt("Task_Arrival");
    assertThat(historic(visit, "preparedChecklist")).isEqualTo(true);
  }

  @Test
  @DisplayName("R-3.1.2-8 宣传政策：完成走访时写明宣传了哪些政策（必填），随走访记录归档")
  void policiesPromoted_areRecordedWithTheArchivedVisit() throws Exception {
    long id = household("T-POLICY", "grid-1", "lowIncome", "13941400021");
    jdbc.update("insert into household_profile (household_id, recorded_by, recorded_at) values (?, 'zhangwei', ?)", id,
        new Timestamp(ClockUtil.getCurrentTime().getTime()));
    planner.plan(NOVEMBER);
    ProcessInstance visit = instance(id, "2026-11");
    work(visit, Map.of("appointmentMethod", "phone", "appointmentAt", "2026-11-05T10:00+08:00", "preparedChecklist", true));
    work(visit, Map.of("identityShown", true, "purposeStated", true, "consent", "granted"));
    work(visit, Map.of("private_demands", "暂无", "raiseCase", false));

    assertThat(visit).isWaitingAt("Task_PoliciesAndClose");
    assertThat(formField("homevisit-close", "policiesPromoted").path("validate").path("required").asBoolean()).isTrue();
    work(visit, Map.of("policiesPromoted", "低保年审；医保缴费；防范电信诈骗"));

    assertThat(visit).isEnded().hasPassedInOrder("Task_PoliciesAndClose", "Task_ArchiveVisit", "End_Visited");
    assertThat(jdbc.queryForObject("select policies from visit_record where household_id = ?", String.class, id))
        .isEqualTo("低保年审；医保缴费；防范电信诈骗");
  }

  @Test
  @DisplayName("R-3.1.2-9 如实、及时记录并归档：完成时写入住户、网格、期别、类型、结果、走访人员和时间，关联流程，计入覆盖率")
  void finishedVisit_isArchivedAtOnceWithWhoAndWhen_andCountsInTheReport() throws Exception {
    long id = household("T-ARCHIVE", "grid-1", "disabled", "13941400022");
    planner.plan(NOVEMBER);
    ProcessInstance visit = instance(id, "2026-11");
    assertThat(coverage.unreached("grid-1", NOVEMBER, true, 10_000)).extracting(Coverage.Unreached::householdId)
        .contains(id);
    work(visit, Map.of("appointmentMethod", "app", "appointmentAt", "2026-11-05T10:00+08:00", "preparedChecklist", true));
    work(visit, Map.of("identityShown", true, "purposeStated", true, "consent", "granted"));
    work(visit, Map.of("private_members", "户主本人", "private_livingConditions", "二楼", "private_stateOfMind", "平稳",
        "private_employment", "无", "private_health", "肢体残疾", "private_education", "小学",
        "private_socialSecurity", "残疾人两项补贴"));

    // when: the worker closes the visit on Thursday at 10:30
    setClock(shanghai(2026, 11, 5, 10, 30));
    work(visit, Map.of("policiesPromoted", "残疾人两项补贴"));

    // then: the archive row is written in the same step, with who, when and what, and the report counts the visit
    assertThat(visit).isEnded().hasPassed("Task_ArchiveVisit", "End_Visited");
    Map<String, Object> record = jdbc.queryForMap("select grid, period, visit_kind, outcome, worker, visited_at, "
        + "process_instance_id from visit_record where household_id = ?", id);
    assertThat(record).containsEntry("GRID", "grid-1").containsEntry("PERIOD", "2026-11")
        .containsEntry("VISIT_KIND", "monthly").containsEntry("OUTCOME", "visited").containsEntry("WORKER", "zhangwei")
        .containsEntry("PROCESS_INSTANCE_ID", visit.getId());
    assertThat(((Timestamp) record.get("VISITED_AT")).getTime()).isEqualTo(shanghai(2026, 11, 5, 10, 30).getTime());
    assertThat(coverage.unreached("grid-1", NOVEMBER, true, 10_000)).extracting(Coverage.Unreached::householdId)
        .doesNotContain(id);
  }

  @Test
  @DisplayName("R-1.2-7 第二网格的网格员不能通过 REST 读取第一网格的家庭档案；每次查阅都有记录")
  void aGridTwoWorkerCannotReadAGridOneProfile() {
    long id = household("T-PRIVATE", "grid-1", "", "13941400018");

    assertThat(get("/api/households/" + id + "/profile", "lina").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(get("/api/households/" + id + "/profile", "zhangwei").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("/api/households/" + id + "/profile", "liuyang").getStatusCode()).isEqualTo(HttpStatus.OK);
    // issue 10 item 11: the reads are in the one audit log
    assertThat(jdbc.queryForList("select actor || ':' || outcome from audit_log where action = 'PROFILE_VIEW' "
        + "and object_id = ?", String.class, String.valueOf(id)))
        .containsExactlyInAnyOrder("lina:denied", "zhangwei:success", "liuyang:success");
  }

  @Test
  @DisplayName("R-3.1.2-1/2 覆盖率：已知数据集上的年度和月度覆盖率、未走访名单")
  void coverageNumbersOnAKnownDataSet() {
    Group grid = identityService.newGroup("grid-9");
    grid.setName("第九网格（测试）");
    identityService.saveGroup(grid);
    long a = household("T-COV-A", "grid-9", "", null);
    long b = household("T-COV-B", "grid-9", "", null);
    long c = household("T-COV-C", "grid-9", "disabled", null);
    long d = household("T-COV-D", "grid-9", "lowIncome", null);
    visited(a, "grid-9", shanghai(2026, 3, 10, 10, 0));     // this year
    visited(c, "grid-9", shanghai(2026, 11, 3, 10, 0));     // this year and this month
    visited(d, "grid-9", shanghai(2026, 10, 20, 10, 0));    // this year, not this month
    refused(b, "grid-9", shanghai(2026, 11, 4, 10, 0));     // an attempt is not a visit

    Coverage.GridCoverage numbers = coverage.grids(NOVEMBER).stream().filter(g -> g.grid().equals("grid-9"))
        .findFirst().orElseThrow();

    assertThat(numbers.households()).isEqualTo(4);
    assertThat(numbers.visitedThisYear()).isEqualTo(3);
    assertThat(numbers.yearShare()).isEqualTo(75.0);
    assertThat(numbers.specialHouseholds()).isEqualTo(2);
    assertThat(numbers.specialReachedThisMonth()).isEqualTo(1);
    assertThat(numbers.monthShare()).isEqualTo(50.0);
    assertThat(coverage.unreached("grid-9", NOVEMBER, false, 10)).extracting(Coverage.Unreached::householdNo)
        .containsExactly("T-COV-B");
    assertThat(coverage.unreached("grid-9", NOVEMBER, true, 10)).extracting(Coverage.Unreached::householdNo)
        .containsExactly("T-COV-D");
    ResponseEntity<String> managerView = get("/api/coverage?month=2026-11", "liuyang");
    assertThat(managerView.getBody()).contains("grid-9").contains("75.0");
    assertThat(get("/api/coverage?month=2026-11", "lina").getBody()).doesNotContain("grid-9");
    assertThat(get("/coverage?month=2026-11", "liuyang").getBody()).contains("第九网格（测试）").contains("3（75.0%）")
        .contains("1（50.0%）");
    assertThat(get("/coverage?month=2026-11", "lina").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  private long household(String number, String grid, String specialTypes, String phone) {
    jdbc.update("insert into household (household_no, grid, address, head_name, phone, special_types, content_hash, "
        + "imported_at) values (?, ?, ?, ?, ?, ?, ?, ?)", number, grid, "崔东街道测试楼" + number, "测试户主",
        phone, specialTypes, "test", new Timestamp(ClockUtil.getCurrentTime().getTime()));
    return jdbc.queryForObject("select id from household where household_no = ?", Long.class, number);
  }

  private void visited(long id, String grid, java.util.Date at) {
    record(id, grid, "visited", at);
  }

  private void refused(long id, String grid, java.util.Date at) {
    record(id, grid, "refused", at);
  }

  private void record(long id, String grid, String outcome, java.util.Date at) {
    jdbc.update("insert into visit_record (household_id, grid, period, visit_kind, outcome, worker, visited_at) "
        + "values (?, ?, '2026', 'annual', ?, 'tester', ?)", id, grid, outcome, new Timestamp(at.getTime()));
  }

  private ProcessInstance instance(long householdId, String period) {
    String number = jdbc.queryForObject("select household_no from household where id = ?", String.class, householdId);
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("home-visit")
        .processInstanceBusinessKey("ZF-" + number + "-" + period).singleResult();
  }

  private Task visitTask(long householdId, String period) {
    return taskService.createTaskQuery().processInstanceId(instance(householdId, period).getId()).singleResult();
  }

  private void work(ProcessInstance visit, Map<String, Object> variables) {
    Task task = taskService.createTaskQuery().processInstanceId(visit.getId()).singleResult();
    organisation.runAs("zhangwei", () -> {
      taskService.claim(task.getId(), "zhangwei");
      taskService.complete(task.getId(), variables);
      return null;
    });
  }

  private java.util.List<String> outcomes(long householdId) {
    return jdbc.queryForList("select outcome from visit_record where household_id = ? order by id", String.class,
        householdId);
  }

  private Object historic(ProcessInstance visit, String name) {
    return historyService.createHistoricVariableInstanceQuery().processInstanceId(visit.getId()).variableName(name)
        .singleResult().getValue();
  }

  /** A field of a form in forms/, as Tasklist renders it. */
  private static JsonNode formField(String form, String key) throws IOException {
    return find(new ObjectMapper().readTree(Path.of("forms", form + ".form").toFile()), key);
  }

  private static JsonNode find(JsonNode node, String key) {
    if (key.equals(node.path("key").asText())) {
      return node;
    }
    for (JsonNode child : node.path("components")) {
      JsonNode found = find(child, key);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static java.util.List<String> values(JsonNode field) {
    java.util.List<String> values = new java.util.ArrayList<>();
    field.path("values").forEach(v -> values.add(v.path("value").asText()));
    return values;
  }

  private ResponseEntity<String> get(String url, String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, "demo");
    return rest.exchange(url, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }
}
