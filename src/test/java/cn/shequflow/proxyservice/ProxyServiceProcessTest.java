package cn.shequflow.proxyservice;

import cn.shequflow.DemoRest;
import cn.shequflow.EngineTestSupport;
import static cn.shequflow.EngineTestSupport.drainLeftovers;
import static cn.shequflow.EngineTestSupport.fireDueTimers;
import static cn.shequflow.EngineTestSupport.runAsyncSteps;
import static cn.shequflow.EngineTestSupport.setClock;
import static cn.shequflow.EngineTestSupport.shanghai;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.casefile.InvalidCaseInputException;
import cn.shequflow.organisation.Organisation;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import org.camunda.bpm.engine.runtime.Job;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
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

/** Every path of processes/proxy-service.bpmn (R-3.1.3-1..7), timers fired by moving the engine clock. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProxyServiceProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired Organisation organisation;
  @Autowired WorkingDayCalendar workingDays;
  @Autowired JdbcTemplate jdbc;
  @Autowired GreenMail greenMail;
  @Autowired TestRestTemplate rest;

  @BeforeEach
  void init() throws Exception {
    BpmnAwareTests.init(engine);
    drainLeftovers(managementService);
    greenMail.purgeEmailFromAllMailboxes();
    setClock(shanghai(2026, 11, 16, 10, 0)); // Monday
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  @DisplayName("R-3.1.3-1 不可代办的事项（身份证）：说明原因、引导到窗口，办结")
  void notProxiableItem_isExplainedAndTheResidentGuided() {
    ProcessInstance pi = request("id-card", "");
    assess(pi, "none", true);

    assertThat(pi).isWaitingAt("Task_ExplainNotProxiable");
    assertThat((String) runtimeService.getVariable(pi.getId(), "notProxiableReason")).isNotBlank();
    complete(task(pi), withVariables("guidanceGiven", "需本人到派出所采集指纹，已告知地址和时间"));
    assertThat(pi).isEnded().hasPassed("End_NotProxiable");
  }

  @Test
  @DisplayName("R-3.1.3-1 居民本人办理没有困难：引导自行办理")
  void noRealDifficulty_residentIsGuidedToDoItThemselves() {
    ProcessInstance pi = request("senior-allowance", "");
    assess(pi, "none", false);

    assertThat(pi).isWaitingAt("Task_GuideSelfService");
    complete(task(pi), withVariables("guidanceGiven", "已告知材料和窗口"));
    assertThat(pi).isEnded().hasPassed("End_GuidedSelfService").hasNotPassed("Task_Entrustment");
  }

  @Test
  @DisplayName("R-3.1.3-2 孤寡老人：上门代办，先预约")
  void lonelyElderly_getsDoorToDoorServiceWithAnAppointment() {
    ProcessInstance pi = request("senior-allowance", "");
    assess(pi, "lonelyElderly", false);

    assertThat(pi).isWaitingAt("Task_AppointVisit");
    complete(task(pi), withVariables("appointmentAt", "2026-11-18T09:30+08:00", "appointmentMethod", "phone"));
    assertThat(pi).isWaitingAt("Task_PrepareApplication");
  }

  @Test
  @DisplayName("R-4.2-3 材料不全：一次性告知所缺材料，补齐后再核对")
  void missingMaterials_areNoticedOnce_thenCheckedAgain() {
    ProcessInstance pi = request("senior-allowance", "");
    assess(pi, "none", true);
    List<String> materials = materials(pi);

    complete(task(pi), withVariables("materialsReceived", List.of(materials.get(0))));
    assertThat(pi).isWaitingAt("Task_NoticeMissing");
    assertThat((String) runtimeService.getVariable(pi.getId(), "missingMaterials"))
        .contains(materials.get(1)).doesNotContain(materials.get(0));
    complete(task(pi), withVariables("noticeChannel", "phone", "noticeGiven", true));

    assertThat(pi).isWaitingAt("Task_PrepareApplication");
    complete(task(pi), withVariables("materialsReceived", materials));
    assertThat(pi).isWaitingAt("Task_Entrustment");
  }

  @Test
  @DisplayName("R-3.1.3-2..7 为独居老人上门代办高龄津贴全程：预约、委托书打印、提交、进度邮件、按时办结、居民签收、免费、归档")
  void seniorAllowanceForALonelyElderlyResident_isProxiedDoorToDoorEndToEnd() throws Exception {
    ProcessInstance pi = request("senior-allowance", "sun.guilan@resident.example");
    assess(pi, "lonelyElderly", true);
    assertThat(pi).isWaitingAt("Task_AppointVisit");
    complete(task(pi), withVariables("appointmentAt", "2026-11-17T09:30+08:00", "appointmentMethod", "phone"));
    complete(task(pi), withVariables("materialsReceived", materials(pi)));

    assertThat(pi).isWaitingAt("Task_Entrustment");
    int promisedDays = ((Number) runtimeService.getVariable(pi.getId(), "promisedDays")).intValue();
    Date promised = workingDays.deadline(shanghai(2026, 11, 16, 10, 0), promisedDays);
    assertThat(runtimeService.getVariable(pi.getId(), "promisedDueAt")).isEqualTo(promised);
    assertThatThrownBy(() -> taskService.complete(task(pi).getId(), Map.of("entrustedBy", "孙桂兰")))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageContaining("委托书已签字");

    String entrustment = print(pi, "entrustment", "zhangwei");
    assertThat(entrustment).contains("代办委托书及材料接收单").contains("本服务免费").contains("孙桂兰")
        .contains("高龄津贴").contains(workingDays.text(promised)).contains("委托人签字").contains("张伟");

    complete(task(pi), withVariables("entrustedBy", "孙桂兰", "entrustmentSigned", true));
    // the application goes to the department the next afternoon: a submission date is never in the future (issue 13)
    setClock(shanghai(2026, 11, 17, 14, 0));
    complete(task(pi), withVariables("submittedDate", "2026-11-17", "departmentReceiptNo", "MZ-2026-1117-08"));
    assertThat(pi).isWaitingAt("Task_TrackProgress");
    assertThat(task(pi).getDueDate()).isEqualTo(promised);

    complete(task(pi), withVariables("departmentStatus", "inReview", "progressNote", "民政局已受理，正在审核"));
    assertThat(runAsyncSteps(managementService)).isEqualTo(1);
    MimeMessage progress = greenMail.getReceivedMessagesForDomain("sun.guilan@resident.example")[0];
    assertThat(progress.getSubject()).contains("代办进度").contains(pi.getBusinessKey());
    assertThat(progress.getContent().toString()).contains("正在审核").contains("本服务免费").contains("张伟")
        .doesNotContain("13941400001");

    assertThat(pi).isWaitingAt("Task_TrackProgress");
    complete(task(pi), withVariables("departmentStatus", "approved", "progressNote", "审批通过，津贴次月发放"));
    assertThat(pi).isWaitingAt("Task_HandOver");
    assertThatThrownBy(() -> taskService.complete(task(pi).getId(), Map.of("handedOverItems", "审批通知书",
        "signerName", "孙桂兰", "residentSigned", true, "noFeeCharged", false, "noGiftAccepted", true)))
        .hasMessageContaining("免费");
    complete(task(pi), withVariables("handedOverItems", "高龄津贴审批通知书", "signerName", "孙桂兰",
        "residentSigned", true, "noFeeCharged", true, "noGiftAccepted", true));

    assertThat(pi).isEnded().hasPassedInOrder("Task_AppointVisit", "Task_Entrustment", "Task_SubmitToDepartment",
        "Task_HandOver", "End_ProxyCompleted");
    assertThat(jdbc.queryForObject("select outcome from case_record where process_instance_id = ?", String.class,
        pi.getId())).isEqualTo("End_ProxyCompleted");
    String handover = print(pi, "handover", "liuyang");
    assertThat(handover).contains("代办结果交接单").contains("高龄津贴审批通知书").contains("未收取任何费用")
        .contains("签收人");
  }

  @Test
  @DisplayName("R-3.1.3-5 部门不予办理：告知居民原因，办结")
  void departmentRejects_residentIsTold() {
    ProcessInstance pi = accepted("senior-allowance");

    complete(task(pi), withVariables("departmentStatus", "rejected", "progressNote", "年龄未满80周岁，不符合条件"));
    assertThat(pi).isWaitingAt("Task_TellRejection");
    complete(task(pi), withVariables("rejectionTold", "已电话说明，满80周岁后可再申请"));
    assertThat(pi).isEnded().hasPassed("End_ProxyRejected").hasNotPassed("Task_HandOver");
  }

  @Test
  @DisplayName("R-3.1.3-5 每5个工作日定期告知进度：居民没有邮箱时由网格工作人员告知")
  void progressIsReportedAtTheModelledInterval() {
    ProcessInstance pi = accepted("senior-allowance");

    // Monday 11-16 10:00 + 5 working days = Monday 11-23 10:00 (no longer Saturday 11-21)
    setClock(shanghai(2026, 11, 21, 10, 1));
    assertThat(fireDueTimers(managementService, pi.getId())).isZero();
    setClock(shanghai(2026, 11, 23, 10, 0));
    assertThat(fireDueTimers(managementService, pi.getId())).isEqualTo(1);
    Task tell = taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_TellProgress")
        .singleResult();
    assertThat(tell).isNotNull();
    assertThat(tell).isAssignedTo("zhangwei"); // issue 13: the case follows its holder
    assertThat(EngineTestSupport.candidateGroups(taskService, tell)).contains("grid-1");
  }

  @Test
  @DisplayName("R-3.1.3-5 每5个工作日告知进度跳过国庆假期（2026年10月1日–7日），此后每5个工作日重复")
  void progressReminderSkipsTheNationalDayWeek_andRepeats_R_3_1_3_5() {
    // given: tracking starts Wednesday 2026-09-30 10:00
    setClock(shanghai(2026, 9, 30, 10, 0));
    ProcessInstance pi = accepted("senior-allowance", "2026-09-30");

    // then: Oct 8, 9, 10 (make-up Saturday), 12, 13 → Tuesday 10-13 10:00, not Oct 5 in calendar days
    assertThat(progressDue(pi)).isEqualTo(shanghai(2026, 10, 13, 10, 0));

    // when it fires, the next one is 5 working days on again: Oct 14, 15, 16, 19, 20
    setClock(shanghai(2026, 10, 13, 10, 0));
    Job progress = managementService.createJobQuery().processInstanceId(pi.getId()).timers()
        .activityId("BoundaryEvent_ProgressInterval").singleResult();
    managementService.executeJob(progress.getId());
    assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_TellProgress")
        .count()).isEqualTo(1);
    assertThat(progressDue(pi)).isEqualTo(shanghai(2026, 10, 20, 10, 0));
  }

  private Date progressDue(ProcessInstance pi) {
    return managementService.createJobQuery().processInstanceId(pi.getId()).timers()
        .activityId("BoundaryEvent_ProgressInterval").singleResult().getDuedate();
  }

  @Test
  @DisplayName("R-3.1.3-5 超过承诺时限：提醒经办人，逾期升级书记/主任督办")
  void pastThePromisedDate_escalatesToTheManagers() throws Exception {
    ProcessInstance pi = accepted("senior-allowance");
    Date promised = (Date) runtimeService.getVariable(pi.getId(), "promisedDueAt");

    setClock(promised);
    fireDueTimers(managementService, pi.getId());
    runAsyncSteps(managementService);

    Task supervise = taskService.createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey("Task_SuperviseProxy").singleResult();
    assertThat(supervise).hasCandidateGroup("managers");
    assertThat(greenMail.getReceivedMessagesForDomain("liuyang@shequ.example")).isNotEmpty();
    assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_TrackProgress")
        .count()).isEqualTo(1);
  }

  @Test
  @DisplayName("R-3.1.3 从居民接待转代办：事项编号和首问责任人不变")
  void receptionRoutesAProxyMatterToProxyService() {
    Map<String, Object> input = new HashMap<>(Map.of("channel", "visit", "residentName", "孙桂兰",
        "residentPhone", "13941400001", "category", "senior-allowance", "summary", "申请高龄津贴",
        "priorityGroup", "elderly"));
    ProcessInstance reception = organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("reception", input));
    complete(task(reception), withVariables("outcome", "proxyService"));

    assertThat(reception).isWaitingAt("CallActivity_Proxy");
    ProcessInstance proxy = runtimeService.createProcessInstanceQuery().superProcessInstanceId(reception.getId())
        .singleResult();
    assertThat(proxy.getBusinessKey()).isEqualTo(reception.getBusinessKey());
    assertThat(proxy).isWaitingAt("Task_AssessResident");
    assertThat(runtimeService.getVariable(proxy.getId(), "itemName")).asString().contains("高龄");
    assertThat(runtimeService.getVariable(proxy.getId(), "firstResponder")).isEqualTo("zhangwei");
  }

  @Test
  @DisplayName("R-1.2-7 代办文书只有本网格和书记/主任能打印")
  void documentsArePrintableOnlyByTheGridAndTheManagers() {
    ProcessInstance pi = request("senior-allowance", "");

    assertThat(printStatus(pi, "lina")).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.getForEntity("/print/proxy/" + pi.getBusinessKey() + "/entrustment", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(printStatus(pi, "zhangwei")).isEqualTo(HttpStatus.OK);
  }

  @Test
  @DisplayName("issue 12 代办文书由模板渲染：居民填写的姓名、住址和材料原样显示为文字，不能在打印页中执行；没有这种文书 404")
  void documentsEscapeWhatTheResidentTyped() {
    Map<String, Object> input = new HashMap<>();
    input.put("residentName", "孙<b>桂兰</b>");
    input.put("residentPhone", "13941400001");
    input.put("residentEmail", "");
    input.put("residentAddress", "<script>alert('addr')</script>12号楼\"><img src=x>");
    input.put("proxyItem", "senior-allowance");
    input.put("summary", "请社区代办");
    ProcessInstance pi = organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("proxy-service", input));

    String entrustment = print(pi, "entrustment", "zhangwei");
    assertThat(entrustment).doesNotContain("<b>桂兰</b>", "<script>alert", "<img src=x>")
        .contains("孙&lt;b&gt;桂兰&lt;/b&gt;", "&lt;script&gt;alert(&#39;addr&#39;)&lt;/script&gt;12号楼&quot;&gt;&lt;img src=x&gt;")
        .contains("<title>代办委托书及材料接收单 " + pi.getBusinessKey() + "</title>")
        .contains("事项编号：" + pi.getBusinessKey(), "<script src=\"/shequ-assets/print.js\"></script>");
    assertThat(rest.exchange("/print/proxy/" + pi.getBusinessKey() + "/nonsense", HttpMethod.GET,
        new HttpEntity<>(basic("zhangwei")), String.class).getBody()).contains("没有这种文书：nonsense");
    assertThat(printStatusOf(pi, "nonsense")).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(rest.exchange("/print/proxy/DB00000000-99999/entrustment", HttpMethod.GET,
        new HttpEntity<>(basic("zhangwei")), String.class).getStatusCode().value()).isEqualTo(404);
  }

  @Test
  @DisplayName("R-3.1.3-4 委托书不在材料清单中勾选：其余材料齐全即进入委托步骤，委托书先打印（已接收材料已填好），再签字、后勾选")
  void entrustmentIsPrintedBeforeItIsTicked() {
    ProcessInstance pi = request("senior-allowance", "");
    assess(pi, "none", true);
    List<String> checklist = ProxySteps.checklist((String) runtimeService.getVariable(pi.getId(), "materials"));
    assertThat(materials(pi)).contains("代办委托书（社区提供，居民签字）");
    assertThat(checklist).hasSize(materials(pi).size() - 1).noneMatch(m -> m.contains("委托书"));

    // the resident brought everything but the letter the community provides: nothing is missing
    complete(task(pi), withVariables("materialsReceived", checklist));
    assertThat(pi).isWaitingAt("Task_Entrustment");
    assertThat(runtimeService.getVariable(pi.getId(), "missingMaterials")).isEqualTo("");

    // first print: the letter already lists the received materials and the promised date, not yet ticked
    String entrustment = print(pi, "entrustment", "zhangwei");
    assertThat(entrustment).contains("代办委托书及材料接收单", "委托人签字",
        (String) runtimeService.getVariable(pi.getId(), "promisedDueText"));
    assertThat(entrustment).contains(String.join("；", checklist));
    assertThat(runtimeService.getVariable(pi.getId(), "entrustmentSigned")).isNull();
    // then the resident signs; without the tick the case does not move on
    assertThatThrownBy(() -> taskService.complete(task(pi).getId(), Map.of("entrustedBy", "孙桂兰")))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageContaining("委托书已签字");
    complete(task(pi), withVariables("entrustedBy", "孙桂兰", "entrustmentSigned", true));
    assertThat(pi).isWaitingAt("Task_SubmitToDepartment");
  }

  @Test
  @DisplayName("R-4.2-3 一次性告知后居民补齐材料回来：已勾选的材料仍然勾选（任务列表读到的是清单本身的 JSON），齐全后只留文字")
  void tickedMaterialsAreKeptAfterTheOneTimeNotice() throws Exception {
    ProcessInstance pi = request("senior-allowance", "");
    assess(pi, "none", true);
    List<String> checklist = ProxySteps.checklist((String) runtimeService.getVariable(pi.getId(), "materials"));
    List<String> brought = checklist.subList(0, 2);

    complete(task(pi), withVariables("materialsReceived", brought));
    assertThat(pi).isWaitingAt("Task_NoticeMissing");
    assertThat((String) runtimeService.getVariable(pi.getId(), "missingMaterials"))
        .isEqualTo(String.join("；", checklist.subList(2, checklist.size())));
    complete(task(pi), withVariables("noticeChannel", "phone", "noticeGiven", true));
    assertThat(pi).isWaitingAt("Task_PrepareApplication");

    // what Tasklist loads for the form (GET form-variables, as the worker zhangwei): the checklist, still ticked
    JsonNode formVariables = DemoRest.read(new DemoRest(rest).get("zhangwei",
        "/engine-rest/task/" + task(pi).getId() + "/form-variables?deserializeValues=false"));
    assertThat(formVariables.path("materialsReceived").path("type").asText()).isEqualTo("Json");
    assertThat(DemoRest.JSON.readTree(formVariables.path("materialsReceived").path("value").asText()))
        .extracting(JsonNode::asText).containsExactlyElementsOf(brought);

    // the resident brings the rest: the worker ticks only what is new
    List<String> all = new java.util.ArrayList<>(brought);
    all.addAll(checklist.subList(2, checklist.size()));
    complete(task(pi), withVariables("materialsReceived", all));
    assertThat(pi).isWaitingAt("Task_Entrustment");
    assertThat(runtimeService.getVariable(pi.getId(), "receivedMaterialsText")).isEqualTo(String.join("；", checklist));
    assertThat(runtimeService.getVariables(pi.getId())).doesNotContainKey("materialsReceived");
  }

  @Test
  @DisplayName("R-3.1.3-3 提交日期不能晚于今天、不能早于受理日期：提交时用中文说明原因（400），任务不动；今天可以")
  void submissionDateInTheFutureOrBeforeAcceptanceIsRefusedWithAReason() {
    ProcessInstance pi = request("senior-allowance", "");
    assess(pi, "none", true);
    complete(task(pi), withVariables("materialsReceived", materials(pi)));
    complete(task(pi), withVariables("entrustedBy", "孙桂兰", "entrustmentSigned", true));
    assertThat(pi).isWaitingAt("Task_SubmitToDepartment");
    String submit = task(pi).getId();
    DemoRest http = new DemoRest(rest);

    // issue 13: a date 18 days ahead was accepted
    ResponseEntity<String> future = http.post("zhangwei", "/engine-rest/task/" + submit + "/submit-form",
        DemoRest.variables(Map.of("submittedDate", "2026-12-04", "departmentReceiptNo", "MZ-1")));
    assertThat(future.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(DemoRest.read(future).get("message").asText()).contains("提交日期不能晚于今天")
        .doesNotContain("Cannot", "ENGINE");
    assertThatThrownBy(() -> taskService.complete(submit, Map.of("submittedDate", "2026-11-17",
        "departmentReceiptNo", "MZ-1"))).isInstanceOf(InvalidCaseInputException.class).hasMessageContaining("不能晚于今天");
    ResponseEntity<String> early = http.post("zhangwei", "/engine-rest/task/" + submit + "/submit-form",
        DemoRest.variables(Map.of("submittedDate", "2026-11-13", "departmentReceiptNo", "MZ-1")));
    assertThat(early.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(DemoRest.read(early).get("message").asText()).contains("提交日期不能早于受理日期", "2026");
    assertThatThrownBy(() -> taskService.complete(submit, Map.of("submittedDate", "下周一",
        "departmentReceiptNo", "MZ-1"))).hasMessageContaining("提交日期“下周一”无法识别");
    assertThat(pi).isWaitingAt("Task_SubmitToDepartment");

    ResponseEntity<String> today = http.post("zhangwei", "/engine-rest/task/" + submit + "/submit-form",
        DemoRest.variables(Map.of("submittedDate", "2026-11-16", "departmentReceiptNo", "MZ-1")));
    assertThat(today.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(pi).isWaitingAt("Task_TrackProgress");
  }

  @Test
  @DisplayName("R-3.1.3-2 预约上门的时间早于现在：提交时用中文说明原因（400），不再由日期选择器悄悄禁用过去的日期")
  void appointmentInThePastIsRefusedWithAReason() throws Exception {
    ProcessInstance pi = request("senior-allowance", "");
    assess(pi, "lonelyElderly", false);
    assertThat(pi).isWaitingAt("Task_AppointVisit");
    String appointment = task(pi).getId();

    ResponseEntity<String> past = new DemoRest(rest).post("zhangwei",
        "/engine-rest/task/" + appointment + "/submit-form",
        DemoRest.variables(Map.of("appointmentAt", "2026-11-13T09:30+08:00", "appointmentMethod", "phone")));
    assertThat(past.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(DemoRest.read(past).get("message").asText()).contains("上门时间不能早于现在")
        .doesNotContain("Cannot", "ENGINE");
    // earlier today (the clock says 10:00 in Shanghai), with or without the offset the form sends
    assertThatThrownBy(() -> taskService.complete(appointment, Map.of("appointmentAt", "2026-11-16T09:00+08:00",
        "appointmentMethod", "phone"))).hasMessageContaining("上门时间不能早于现在");
    assertThatThrownBy(() -> taskService.complete(appointment, Map.of("appointmentAt", "2026-11-16T09:00",
        "appointmentMethod", "phone"))).hasMessageContaining("上门时间不能早于现在");
    assertThatThrownBy(() -> taskService.complete(appointment, Map.of("appointmentAt", "明天上午",
        "appointmentMethod", "phone"))).hasMessageContaining("上门时间“明天上午”无法识别");
    assertThat(pi).isWaitingAt("Task_AppointVisit");

    complete(task(pi), withVariables("appointmentAt", "2026-11-16T15:00+08:00", "appointmentMethod", "phone"));
    assertThat(pi).isWaitingAt("Task_PrepareApplication");
    JsonNode field = ProxyFormsTest.field("proxy-appointment", "appointmentAt");
    assertThat(field.has("disallowPassedDates")).as("the picker no longer hides the rule").isFalse();
    assertThat(field.path("description").asText()).contains("不得早于现在");
  }

  @Test
  @DisplayName("R-3.1.3-6 交接单在居民签字前已按登记的办理结果填好；办结后仍可按事项编号打开（本网格和书记/主任，他网格 403、未登录 401、无此编号 404），内容转义，每次打印记入审计")
  void handoverSheetIsFilledBeforeSigningAndStaysReachable() {
    ProcessInstance pi = accepted("senior-allowance");
    complete(task(pi), withVariables("departmentStatus", "approved", "progressNote", "审批通过，津贴次月发放",
        "handedOverItems", "高龄津贴审批通知书<script>x()</script>"));
    assertThat(pi).isWaitingAt("Task_HandOver");

    // before signing: filled from what the form holds (the result recorded when the department finished)
    String before = print(pi, "handover", "zhangwei");
    assertThat(before).contains("代办结果交接单", "孙桂兰", "高龄津贴申请", "高龄津贴审批通知书&lt;script&gt;x()&lt;/script&gt;",
        (String) runtimeService.getVariable(pi.getId(), "promisedDueText"), "签收人签字").doesNotContain("<script>x()");

    setClock(shanghai(2026, 11, 20, 15, 0));
    complete(task(pi), withVariables("handedOverItems", "高龄津贴审批通知书", "signerName", "孙桂兰",
        "residentSigned", true, "noFeeCharged", true, "noGiftAccepted", true));
    assertThat(pi).isEnded();

    // afterwards: the same address, now with the signer and the time of handover
    String after = print(pi, "handover", "zhangwei");
    assertThat(after).contains("高龄津贴审批通知书", workingDays.text(shanghai(2026, 11, 20, 15, 0)))
        .doesNotContain("&lt;script&gt;");
    assertThat(print(pi, "handover", "liuyang")).contains("高龄津贴审批通知书");
    assertThat(HttpStatus.valueOf(rest.exchange("/print/proxy/" + pi.getBusinessKey() + "/handover", HttpMethod.GET,
        new HttpEntity<>(basic("lina")), String.class).getStatusCode().value())).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.getForEntity("/print/proxy/" + pi.getBusinessKey() + "/handover", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.exchange("/print/proxy/DB20261120-99999/handover", HttpMethod.GET,
        new HttpEntity<>(basic("zhangwei")), String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(jdbc.queryForList("select actor || ':' || outcome || ':' || operation from audit_log "
        + "where action = 'PRINT' and object_id = ?", String.class, pi.getBusinessKey()))
        .containsExactlyInAnyOrder("zhangwei:success:handover", "zhangwei:success:handover", "liuyang:success:handover",
            "lina:denied:handover");
  }

  @Test
  @DisplayName("R-3.1.3-6 办结的代办事项：事项经过列出委托书和交接单的地址（交付前没有交接单），本网格能打开交接单，他网格 403")
  void closedCaseHistoryLinksItsPapers_openForTheGrid_refusedToAnotherGrid() {
    ProcessInstance pi = accepted("senior-allowance");
    String number = pi.getBusinessKey();
    assertThat(documents(number)).as("no handover sheet before the handover step")
        .containsExactly("委托书及材料接收单 /print/proxy/" + number + "/entrustment");

    complete(task(pi), withVariables("departmentStatus", "approved", "progressNote", "审批通过",
        "handedOverItems", "高龄津贴审批通知书"));
    complete(task(pi), withVariables("handedOverItems", "高龄津贴审批通知书", "signerName", "孙桂兰",
        "residentSigned", true, "noFeeCharged", true, "noGiftAccepted", true));
    assertThat(pi).isEnded();

    assertThat(documents(number)).containsExactly("委托书及材料接收单 /print/proxy/" + number + "/entrustment",
        "代办结果交接单 /print/proxy/" + number + "/handover");
    String href = "/print/proxy/" + number + "/handover";
    ResponseEntity<String> sheet = rest.exchange(href, HttpMethod.GET, new HttpEntity<>(basic("zhangwei")), String.class);
    assertThat(sheet.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(sheet.getBody()).contains("代办结果交接单", "孙桂兰", "高龄津贴审批通知书");
    ResponseEntity<String> other = rest.exchange(href, HttpMethod.GET, new HttpEntity<>(basic("lina")), String.class);
    assertThat(other.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(other.getBody()).contains("无权查看").doesNotContain("孙桂兰");
  }

  /** The papers the closed or open case's history lists, as "title href". */
  private List<String> documents(String number) {
    ResponseEntity<String> answer = rest.exchange("/api/cases/" + number + "/history", HttpMethod.GET,
        new HttpEntity<>(basic("zhangwei")), String.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<String> documents = new java.util.ArrayList<>();
    for (JsonNode document : DemoRest.read(answer).path("documents")) {
      documents.add(document.path("title").asText() + " " + document.path("href").asText());
    }
    return documents;
  }

  private HttpStatus printStatusOf(ProcessInstance pi, String document) {
    return HttpStatus.valueOf(rest.exchange("/print/proxy/" + pi.getBusinessKey() + "/" + document, HttpMethod.GET,
        new HttpEntity<>(basic("zhangwei")), String.class).getStatusCode().value());
  }

  private ProcessInstance accepted(String item) {
    return accepted(item, "2026-11-16");
  }

  private ProcessInstance accepted(String item, String submittedDate) {
    ProcessInstance pi = request(item, "");
    assess(pi, "none", true);
    complete(task(pi), withVariables("materialsReceived", materials(pi)));
    complete(task(pi), withVariables("entrustedBy", "孙桂兰", "entrustmentSigned", true));
    complete(task(pi), withVariables("submittedDate", submittedDate, "departmentReceiptNo", "MZ-1"));
    assertThat(pi).isWaitingAt("Task_TrackProgress");
    return pi;
  }

  @Test
  @DisplayName("R-3.1.3-1 代办事项目录（proxy-items.dmn）中没有的事项：拒绝受理，不登记；事项知识由业务规则任务写入")
  void unknownItemIsRefusedAndAKnownOneGetsItsKnowledgeFromTheRuleTask() {
    Map<String, Object> input = new HashMap<>(Map.of("residentName", "孙桂兰", "residentPhone", "13941400001",
        "proxyItem", "no-such-item", "summary", "请社区代办"));
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("proxy-service").count();

    assertThatThrownBy(() -> organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("proxy-service", input)))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageContaining("未知的代办事项“no-such-item”");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("proxy-service").count())
        .isEqualTo(before);

    ProcessInstance pi = request("id-card", "");
    assertThat(pi).hasPassedInOrder("Task_RegisterProxy", "Task_LookUpProxyItem");
    assertThat(runtimeService.getVariables(pi.getId())).containsEntry("itemName", "居民身份证申领")
        .containsEntry("categoryName", "居民身份证申领").containsEntry("proxiable", false)
        .containsEntry("proxiableText", "不可代办").containsEntry("promisedDays", 0)
        .doesNotContainKeys("decisionResult");
  }

  private ProcessInstance request(String item, String email) {
    Map<String, Object> input = new HashMap<>();
    input.put("residentName", "孙桂兰");
    input.put("residentPhone", "13941400001");
    input.put("residentEmail", email);
    input.put("residentAddress", "平山区崔东街道12号楼3单元");
    input.put("proxyItem", item);
    input.put("summary", "请社区代办");
    ProcessInstance pi = organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("proxy-service", input));
    assertThat(pi.getBusinessKey()).startsWith("DB");
    assertThat(pi).isWaitingAt("Task_AssessResident");
    return pi;
  }

  private void assess(ProcessInstance pi, String condition, boolean difficulty) {
    complete(task(pi), withVariables("residentCondition", condition, "hasDifficulty", difficulty));
  }

  private List<String> materials(ProcessInstance pi) {
    List<String> materials = ProxySteps.split((String) runtimeService.getVariable(pi.getId(), "materials"));
    assertThat(materials).hasSizeGreaterThanOrEqualTo(2);
    return materials;
  }

  private String print(ProcessInstance pi, String document, String user) {
    ResponseEntity<String> response = rest.exchange("/print/proxy/" + pi.getBusinessKey() + "/" + document,
        HttpMethod.GET, new HttpEntity<>(basic(user)), String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  private HttpStatus printStatus(ProcessInstance pi, String user) {
    return HttpStatus.valueOf(rest.exchange("/print/proxy/" + pi.getBusinessKey() + "/entrustment", HttpMethod.GET,
        new HttpEntity<>(basic(user)), String.class).getStatusCode().value());
  }

  private static HttpHeaders basic(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, "demo");
    return headers;
  }
}
