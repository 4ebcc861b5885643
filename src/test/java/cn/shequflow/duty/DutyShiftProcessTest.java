package cn.shequflow.duty;

import static cn.shequflow.EngineTestSupport.fireDueTimers;
import static cn.shequflow.EngineTestSupport.runAsyncSteps;
import static cn.shequflow.EngineTestSupport.setClock;
import static cn.shequflow.EngineTestSupport.shanghai;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.shequflow.casefile.InvalidCaseInputException;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Date;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every path of processes/duty-shift.bpmn, started the real way (DutyShiftStarter with config/duty-roster.csv),
 * timers fired by moving the engine clock. The database lives as long as the test context, so every test uses
 * shifts of its own (see the roster: 2026-11-16 day lina, night wangfang; 11-17 day zhangwei, …).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DutyShiftProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired DutyShiftStarter starter;
  @Autowired JdbcTemplate jdbc;
  @Autowired GreenMail greenMail;
  @Autowired org.springframework.boot.test.web.client.TestRestTemplate rest;

  @BeforeEach
  void init() throws Exception {
    BpmnAwareTests.init(engine);
    greenMail.purgeEmailFromAllMailboxes();
  }

  @AfterEach
  void reset() {
    ClockUtil.reset();
  }

  @Test
  @DisplayName("R-1.3-4 / R-4.3-2 验收：夜班02:00燃气泄漏立即到达街道，并出现在早班接班确认中")
  void nightShiftGasLeak_reachesTheStreetOfficeAtOnce_andTheMorningHandover() throws Exception {
    // given: wangfang's night shift, Monday 2026-11-16 18:00
    ProcessInstance night = startShift(shanghai(2026, 11, 16, 18, 0));
    assertThat(night.getBusinessKey()).isEqualTo("ZB-2026-11-16-夜班");
    assertThat(night).isWaitingAt("Task_DutyWatch");
    Task watch = task(night, "Task_DutyWatch");
    assertThat(watch.getAssignee()).isEqualTo("wangfang");
    assertThat(watch.getDueDate()).isEqualTo(shanghai(2026, 11, 17, 8, 0));

    // when: at 02:00 she reports a gas leak
    setClock(shanghai(2026, 11, 17, 2, 0));
    taskService.complete(watch.getId(), emergency("gasLeak", "崔东小区3号楼2单元",
        "已关闭单元燃气总阀，疏散本单元居民12人，已报燃气公司抢修", "无人员受伤"));

    // then: the street office has its task at once, in the escalation case of this event
    ProcessInstance report = runtimeService.createProcessInstanceQuery().superProcessInstanceId(night.getId())
        .singleResult();
    assertThat(report.getBusinessKey()).isEqualTo("ZB-2026-11-16-夜班-E1");
    assertThat(report).isWaitingAt("Task_StreetOfficeAnswer");
    Task streetOffice = task(report, "Task_StreetOfficeAnswer");
    assertThat(streetOffice).hasCandidateGroup("street-office");
    assertThat(runtimeService.getVariable(report.getId(), "caseNumber")).isEqualTo("ZB-2026-11-16-夜班-E1");
    assertThat(runtimeService.getVariable(report.getId(), "categoryName")).isEqualTo("突发事件：燃气泄漏");
    assertThat(runtimeService.getVariable(report.getId(), "firstResponder")).isEqualTo("wangfang");
    assertThat(runtimeService.getVariable(report.getId(), "grid")).isEqualTo("grid-3");
    assertThat((String) runtimeService.getVariable(report.getId(), "reportReason"))
        .contains("燃气泄漏").contains("崔东小区3号楼2单元").contains("已关闭单元燃气总阀");
    // … while the duty goes on
    assertThat(night).isWaitingAt("Task_DutyWatch", "CallActivity_ReportEmergency")
        .hasPassed("Task_RecordEmergency", "Gateway_ReportFork").hasNotPassed("Task_RecordNote");
    Task watchAgain = task(night, "Task_DutyWatch");
    assertThat(watchAgain.getAssignee()).isEqualTo("wangfang");
    assertThat(taskService.getVariable(watchAgain.getId(), "eventPlace")).isNull();
    Map<String, Object> event = jdbc.queryForMap("select * from duty_event where event_case_number = ?",
        "ZB-2026-11-16-夜班-E1");
    assertThat(event.get("KIND")).isEqualTo("gasLeak");
    assertThat(event.get("WORKER")).isEqualTo("wangfang");
    assertThat(event.get("SHIFT_KEY")).isEqualTo("ZB-2026-11-16-夜班");
    runAsyncSteps(managementService);
    assertThat(messagesTo("wangfang@shequ.example")).extracting(MimeMessage::getSubject)
        .anySatisfy(s -> assertThat(s).contains("ZB-2026-11-16-夜班-E1"));

    // when: the shift ends at 08:00
    setClock(shanghai(2026, 11, 17, 8, 0));
    assertThat(fireDueTimers(managementService, night.getId())).isEqualTo(1);

    // then: the morning worker's handover shows the gas leak
    assertThat(night).isWaitingAt("Task_Handover", "CallActivity_ReportEmergency").hasPassed("BoundaryEvent_ShiftEnded");
    Task handover = task(night, "Task_Handover");
    assertThat(handover.getAssignee()).isEqualTo("zhangwei");
    assertThat(handover.getDueDate()).isEqualTo(shanghai(2026, 11, 17, 9, 0));
    assertThat((String) taskService.getVariable(handover.getId(), "shiftEvents"))
        .contains("燃气泄漏").contains("崔东小区3号楼2单元").contains("ZB-2026-11-16-夜班-E1");

    setClock(shanghai(2026, 11, 17, 8, 10));
    taskService.complete(handover.getId(), Map.of("acknowledged", true, "handoverNote", "继续跟进3号楼燃气抢修"));
    runAsyncSteps(managementService);
    assertThat(night).hasPassedInOrder("Task_Handover", "Task_ArchiveDutyLog", "End_HandedOver");
    Map<String, Object> log = dutyLog("ZB-2026-11-16-夜班");
    assertThat(log.get("DUTY_WORKER")).isEqualTo("wangfang");
    assertThat(log.get("ACKNOWLEDGED_BY")).isEqualTo("zhangwei");
    assertThat(log.get("ACKNOWLEDGED")).isEqualTo(true);
    assertThat(log.get("SUPERVISED")).isEqualTo(false);
    assertThat(log.get("EVENT_COUNT")).isEqualTo(1);
    assertThat((String) log.get("EVENTS")).contains("燃气泄漏");
    assertThat(log.get("ACKNOWLEDGED_AT").toString()).isEqualTo(new java.sql.Timestamp(
        shanghai(2026, 11, 17, 8, 10).getTime()).toString());
  }

  @Test
  @DisplayName("R-4.3-2 交接链：白班 → 夜班 → 白班，每次交接都由下一班值班人员确认")
  void handoverChainAcrossThreeShifts() {
    // given: Wednesday 2026-11-18 day (wangfang), night (zhangwei), Thursday 11-19 day (lina), then night (wangfang)
    String[][] shifts = {
        {"ZB-2026-11-18-白班", "wangfang", "zhangwei"},
        {"ZB-2026-11-18-夜班", "zhangwei", "lina"},
        {"ZB-2026-11-19-白班", "lina", "wangfang"}};
    Date[] starts = {shanghai(2026, 11, 18, 8, 0), shanghai(2026, 11, 18, 18, 0), shanghai(2026, 11, 19, 8, 0),
        shanghai(2026, 11, 19, 18, 0)};
    ProcessInstance current = startShift(starts[0]);
    for (int i = 0; i < 3; i++) {
      assertThat(current.getBusinessKey()).isEqualTo(shifts[i][0]);
      Task watch = task(current, "Task_DutyWatch");
      assertThat(watch.getAssignee()).isEqualTo(shifts[i][1]);
      setClock(new Date(starts[i].getTime() + 3_600_000L));
      taskService.complete(watch.getId(), note("第" + (i + 1) + "班巡查正常"));

      // when: the shift ends, the next shift starts and the old one hands over
      setClock(starts[i + 1]);
      ProcessInstance next = startShift(starts[i + 1]);
      assertThat(fireDueTimers(managementService, current.getId())).isEqualTo(1);

      // then: the next shift's worker acknowledges
      Task handover = task(current, "Task_Handover");
      assertThat(handover.getAssignee()).isEqualTo(shifts[i][2]);
      assertThat(task(next, "Task_DutyWatch").getAssignee()).isEqualTo(shifts[i][2]);
      assertThat((String) taskService.getVariable(handover.getId(), "shiftEvents")).contains("第" + (i + 1) + "班巡查正常");
      setClock(new Date(starts[i + 1].getTime() + 600_000L));
      taskService.complete(handover.getId(), Map.of("acknowledged", true));
      runAsyncSteps(managementService);
      assertThat(current).isEnded().hasPassed("End_HandedOver").hasNotPassed("Task_SuperviseHandover");
      assertThat(dutyLog(shifts[i][0]).get("ACKNOWLEDGED_BY")).isEqualTo(shifts[i][2]);
      current = next;
    }
    assertThat(current.getBusinessKey()).isEqualTo("ZB-2026-11-19-夜班");
    assertThat(task(current, "Task_DutyWatch").getAssignee()).isEqualTo("wangfang");
  }

  @Test
  @DisplayName("R-4.3-2 交班后1小时未确认接班：邮件通知书记/主任并生成督办任务，接班任务保留")
  void unacknowledgedHandover_escalatesToTheManagersAfterOneHour() throws Exception {
    // given: Friday 2026-11-20 day shift (zhangwei), ended at 18:00, handover to lina
    ProcessInstance day = startShift(shanghai(2026, 11, 20, 8, 0));
    setClock(shanghai(2026, 11, 20, 18, 0));
    fireDueTimers(managementService, day.getId());
    assertThat(task(day, "Task_Handover").getAssignee()).isEqualTo("lina");

    // when: nobody acknowledges by 18:59 — nothing yet
    setClock(shanghai(2026, 11, 20, 18, 59));
    assertThat(fireDueTimers(managementService, day.getId())).isZero();
    assertThat(task(day, "Task_SuperviseHandover")).isNull();

    // when: 19:00, one hour after the shift ended
    setClock(shanghai(2026, 11, 20, 19, 0));
    assertThat(fireDueTimers(managementService, day.getId())).isEqualTo(1);
    runAsyncSteps(managementService);

    // then: the managers are mailed and get a supervision task; the handover stays with lina
    MimeMessage[] mails = messagesTo("liuyang@shequ.example");
    assertThat(mails).hasSize(1);
    assertThat(mails[0].getSubject()).contains("接班未确认").contains("ZB-2026-11-20-白班");
    assertThat(mails[0].getContent().toString()).contains("李娜").contains("张伟").contains("2026年11月20日 19:00");
    Task supervise = task(day, "Task_SuperviseHandover");
    assertThat(supervise).hasCandidateGroup("managers");
    assertThat(day).isWaitingAt("Task_Handover", "Task_SuperviseHandover");

    taskService.complete(supervise.getId(), Map.of("superviseNote", "已电话联系李娜，19:30前到岗"));
    setClock(shanghai(2026, 11, 20, 19, 25));
    taskService.complete(task(day, "Task_Handover").getId(), Map.of("acknowledged", true));
    runAsyncSteps(managementService);
    assertThat(day).isEnded().hasPassed("Task_MailHandoverOverdue", "End_HandoverSupervised", "End_HandedOver");
    assertThat(dutyLog("ZB-2026-11-20-白班").get("SUPERVISED")).isEqualTo(true);
  }

  @Test
  @DisplayName("R-4.3-2 无事件：值班小结记入本班记录，任务重新打开，交班时交给下一班")
  void summaryOnly_isRecorded_andHandedOver_withoutReport() {
    // given: Saturday 2026-11-21 day shift (wangfang)
    ProcessInstance day = startShift(shanghai(2026, 11, 21, 8, 0));
    assertThat(runtimeService.getVariable(day.getId(), "shiftNote")).isEqualTo("周末值班");

    // when: two summaries
    setClock(shanghai(2026, 11, 21, 12, 0));
    taskService.complete(task(day, "Task_DutyWatch").getId(), note("上午巡查小区消防通道，无异常"));
    setClock(shanghai(2026, 11, 21, 17, 30));
    taskService.complete(task(day, "Task_DutyWatch").getId(), note("下午接居民来电2次，均已答复"));

    // then
    assertThat(day).isWaitingAt("Task_DutyWatch").hasPassed("Task_RecordNote").hasNotPassed("Task_RecordEmergency",
        "CallActivity_ReportEmergency");
    assertThat(runtimeService.getVariable(day.getId(), "eventType")).isNull();
    assertThat(runtimeService.getVariable(day.getId(), "dutyNote")).isNull();
    String events = (String) runtimeService.getVariable(day.getId(), "shiftEvents");
    assertThat(events.lines()).containsExactly("[11月21日 12:00] 值班小结：上午巡查小区消防通道，无异常",
        "[11月21日 17:30] 值班小结：下午接居民来电2次，均已答复");

    setClock(shanghai(2026, 11, 21, 18, 0));
    fireDueTimers(managementService, day.getId());
    Task handover = task(day, "Task_Handover");
    assertThat(handover.getAssignee()).isEqualTo("zhangwei");
    taskService.complete(handover.getId(), Map.of("acknowledged", true, "handoverNote", "无"));
    runAsyncSteps(managementService);
    assertThat(day).isEnded().hasPassedInOrder("StartEvent_ShiftStarted", "Task_DutyWatch", "Task_RecordNote",
        "Task_DutyWatch", "Task_RecordNote", "Task_DutyWatch", "BoundaryEvent_ShiftEnded", "Task_Handover",
        "Task_ArchiveDutyLog", "End_HandedOver");
    assertThat(jdbc.queryForObject("select count(*) from duty_event where shift_key = ?", Integer.class,
        "ZB-2026-11-21-白班")).isZero();
    assertThat(dutyLog("ZB-2026-11-21-白班").get("EVENT_COUNT")).isEqualTo(0);
  }

  @Test
  @DisplayName("R-1.3-4 一个班次两起突发事件：各自编号、各自上报街道")
  void twoEmergenciesInOneShift_eachIsReportedOnItsOwn() {
    ProcessInstance day = startShift(shanghai(2026, 11, 24, 8, 0));
    setClock(shanghai(2026, 11, 24, 10, 0));
    taskService.complete(task(day, "Task_DutyWatch").getId(), emergency("fire", "崔东小区5号楼楼道", "已拨打119，组织疏散", ""));
    setClock(shanghai(2026, 11, 24, 15, 0));
    taskService.complete(task(day, "Task_DutyWatch").getId(),
        emergency("missingPerson", "崔东小区东门", "已报警并组织志愿者寻找", "走失老人，身穿蓝色外套"));

    List<ProcessInstance> reports = runtimeService.createProcessInstanceQuery().superProcessInstanceId(day.getId())
        .orderByBusinessKey().asc().list();
    assertThat(reports).extracting(ProcessInstance::getBusinessKey)
        .containsExactly("ZB-2026-11-24-白班-E1", "ZB-2026-11-24-白班-E2");
    assertThat(runtimeService.getVariable(reports.get(1).getId(), "categoryName")).isEqualTo("突发事件：人员走失");
    reports.forEach(r -> assertThat(task(r, "Task_StreetOfficeAnswer")).hasCandidateGroup("street-office"));
    String events = (String) runtimeService.getVariable(day.getId(), "shiftEvents");
    assertThat(events.lines()).hasSize(2);
    assertThat(events).contains("火灾").contains("人员走失").contains("E2");
    assertThat(jdbc.queryForObject("select count(*) from duty_event where shift_key = ?", Integer.class,
        "ZB-2026-11-24-白班")).isEqualTo(2);
  }

  @Test
  @DisplayName("突发事件缺少处置措施或未选择值班情况：拒绝提交，值班记录任务保留")
  void incompleteEmergency_isRefused_andTheTaskStays() {
    ProcessInstance day = startShift(shanghai(2026, 11, 23, 8, 0));
    Task watch = task(day, "Task_DutyWatch");
    Map<String, Object> noAction = emergency("flood", "崔东路地下通道", "", "");
    assertThatThrownBy(() -> taskService.complete(watch.getId(), noAction))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageContaining("处置措施");
    assertThatThrownBy(() -> taskService.complete(watch.getId(), Map.of("dutyNote", "巡查正常")))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageContaining("值班情况");
    assertThat(task(day, "Task_DutyWatch").getId()).isEqualTo(watch.getId());
    assertThat(runtimeService.createProcessInstanceQuery().superProcessInstanceId(day.getId()).count()).isZero();
  }

  @Test
  @DisplayName("R-4.3-2 突发事件记录发生时间：存入值班事件表，写进本班记录（接班和督办可见）和上报街道的事由")
  void emergency_recordsWhenItHappened_forTheHandoverTheSupervisorAndTheReport() throws Exception {
    // given: lina's day shift of Wednesday 2026-11-25; at 10:30 she records a flood noticed at 09:40
    ProcessInstance day = startShift(shanghai(2026, 11, 25, 8, 0));
    setClock(shanghai(2026, 11, 25, 10, 30));
    Map<String, Object> flood = emergency("flood", "崔东路地下通道", "已设置警示，通知市政排水", "");
    flood.put("eventOccurredAt", "2026-11-25T09:40+08:00");

    // when
    taskService.complete(task(day, "Task_DutyWatch").getId(), flood);

    // then: the table keeps when it happened, not when it was typed in
    Map<String, Object> event = jdbc.queryForMap("select * from duty_event where event_case_number = ?",
        "ZB-2026-11-25-白班-E1");
    assertThat(((java.sql.Timestamp) event.get("OCCURRED_AT")).getTime())
        .isEqualTo(shanghai(2026, 11, 25, 9, 40).getTime());
    // the shift's record (read by the handover and the managers' supervision) says both
    assertThat((String) runtimeService.getVariable(day.getId(), "shiftEvents"))
        .startsWith("[11月25日 10:30] 突发事件 汛情内涝｜发生时间：11月25日 09:40｜地点：崔东路地下通道");
    // the street office reads it in the report
    ProcessInstance report = runtimeService.createProcessInstanceQuery().superProcessInstanceId(day.getId())
        .singleResult();
    assertThat((String) runtimeService.getVariable(report.getId(), "reportReason"))
        .contains("2026年11月25日 09:40发生汛情内涝").contains("2026年11月25日 10:30登记");
    // and the next 值班记录 starts without it
    assertThat(taskService.getVariable(task(day, "Task_DutyWatch").getId(), "eventOccurredAt")).isNull();

    // when the shift ends without an acknowledgement, the managers' supervision task shows the same record
    setClock(shanghai(2026, 11, 25, 18, 0));
    fireDueTimers(managementService, day.getId());
    setClock(shanghai(2026, 11, 25, 19, 0));
    fireDueTimers(managementService, day.getId());
    runAsyncSteps(managementService);
    Task supervise = task(day, "Task_SuperviseHandover");
    assertThat((String) taskService.getVariable(supervise.getId(), "shiftEvents")).contains("发生时间：11月25日 09:40");
    assertThat(formKeys("forms/duty-supervise.form")).contains("shiftEvents");
    assertThat(formKeys("forms/escalation-street-office.form")).contains("reportReason");
  }

  @Test
  @DisplayName("R-4.3-2 突发事件缺少发生时间或时间晚于现在：拒绝并说明原因，不登记、不上报")
  void emergency_withoutATimeOrInTheFuture_isRefused() {
    ProcessInstance day = startShift(shanghai(2026, 11, 26, 8, 0));
    setClock(shanghai(2026, 11, 26, 9, 0));
    Task watch = task(day, "Task_DutyWatch");
    Map<String, Object> noTime = emergency("fire", "崔东小区7号楼", "已拨打119", "");
    noTime.remove("eventOccurredAt");
    assertThatThrownBy(() -> taskService.complete(watch.getId(), noTime))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageContaining("请填写事件发生时间");
    Map<String, Object> later = emergency("fire", "崔东小区7号楼", "已拨打119", "");
    later.put("eventOccurredAt", "2026-11-26T10:00+08:00");
    assertThatThrownBy(() -> taskService.complete(watch.getId(), later))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageContaining("事件发生时间不能晚于现在");
    Map<String, Object> garbled = emergency("fire", "崔东小区7号楼", "已拨打119", "");
    garbled.put("eventOccurredAt", "昨天上午");
    assertThatThrownBy(() -> taskService.complete(watch.getId(), garbled))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageContaining("无法识别");

    assertThat(task(day, "Task_DutyWatch").getId()).isEqualTo(watch.getId());
    assertThat(runtimeService.createProcessInstanceQuery().superProcessInstanceId(day.getId()).count()).isZero();
    assertThat(jdbc.queryForObject("select count(*) from duty_event where shift_key = ?", Integer.class,
        "ZB-2026-11-26-白班")).isZero();
  }

  @Test
  @DisplayName("R-4.3-2 值班记录表单：突发事件的发生时间（日期和时间）必填；经 REST 提交晚于现在的时间回答 400 和中文原因")
  void eventTime_isARequiredDateTimeField_andAFutureTimeIsA400() throws Exception {
    com.fasterxml.jackson.databind.JsonNode field = formField("forms/duty-watch.form", "eventOccurredAt");
    assertThat(field.path("type").asText()).isEqualTo("datetime");
    assertThat(field.path("subtype").asText()).isEqualTo("datetime");
    assertThat(field.path("validate").path("required").asBoolean()).isTrue();
    assertThat(field.path("conditional").path("hide").asText()).isEqualTo("=eventType != \"emergency\"");

    ProcessInstance night = startShift(shanghai(2026, 11, 26, 18, 0));
    setClock(shanghai(2026, 11, 26, 20, 0));
    Task watch = task(night, "Task_DutyWatch");
    Map<String, Object> later = emergency("gasLeak", "崔东小区2号楼", "已关闭燃气阀门", "");
    later.put("eventOccurredAt", "2026-11-26T21:00+08:00");
    org.springframework.http.ResponseEntity<String> answer = new cn.shequflow.DemoRest(rest).post("lina",
        "/engine-rest/task/" + watch.getId() + "/submit-form", cn.shequflow.DemoRest.variables(later));

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(cn.shequflow.DemoRest.read(answer).path("message").asText()).contains("事件发生时间不能晚于现在")
        .doesNotContain("ENGINE-");
    assertThat(task(night, "Task_DutyWatch").getId()).isEqualTo(watch.getId());
  }

  @Test
  @DisplayName("班次由排班表发起：业务键、开始变量；同一班次只发起一次；排班表未覆盖的时间不发起")
  void starter_usesTheRoster_once_perShift() {
    ProcessInstance day = startShift(shanghai(2026, 11, 22, 8, 0));
    Map<String, Object> v = runtimeService.getVariables(day.getId());
    assertThat(v).containsEntry("shiftDate", "2026-11-22").containsEntry("shift", "day").containsEntry("shiftName", "白班")
        .containsEntry("dutyWorker", "lina").containsEntry("dutyWorkerName", "李娜")
        .containsEntry("nextWorker", "wangfang").containsEntry("nextWorkerName", "王芳")
        .containsEntry("shiftEvents", "").containsEntry("caseNumber", "ZB-2026-11-22-白班")
        .containsEntry("shiftEndAt", shanghai(2026, 11, 22, 18, 0))
        .containsEntry("handoverDueAt", shanghai(2026, 11, 22, 19, 0));
    assertThat(v.get("shiftPeriodText")).isEqualTo("2026年11月22日 08:00 至 2026年11月22日 18:00");

    // a restart or a second node at 12:00 finds the running shift
    assertThat(starter.startShiftAt(shanghai(2026, 11, 22, 12, 0).toInstant())).contains(day.getId());
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("ZB-2026-11-22-白班").count())
        .isEqualTo(1);

    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("duty-shift").count();
    assertThat(starter.startShiftAt(shanghai(2027, 1, 5, 8, 0).toInstant())).isEmpty();
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("duty-shift").count()).isEqualTo(before);
  }

  @Test
  @DisplayName("班次编号用中文“白班/夜班”；升级前按旧编号（…-night）开始的班次不会再开始一次")
  void aShiftStartedUnderItsOldNumber_isNotStartedAgain() {
    // a night shift started before the upgrade, under the number of that time
    ProcessInstance old = startShift(shanghai(2026, 11, 23, 20, 0));
    assertThat(old.getBusinessKey()).isEqualTo("ZB-2026-11-23-夜班");
    for (String table : new String[] {"ACT_RU_EXECUTION", "ACT_HI_PROCINST"}) {
      jdbc.update("update " + table + " set BUSINESS_KEY_ = ? where PROC_INST_ID_ = ?", "ZB-2026-11-23-night", old.getId());
    }

    // the restarted app at 23:00 finds it, and starts no second night shift
    assertThat(starter.startShiftAt(shanghai(2026, 11, 23, 23, 0).toInstant())).contains(old.getId());
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("duty-shift")
        .processInstanceBusinessKey("ZB-2026-11-23-夜班").count()).isZero();
    runtimeService.deleteProcessInstance(old.getId(), "测试结束");
  }

  @Test
  @DisplayName("排班表没有下一班：接班确认不指派，交给书记/主任安排")
  void noNextShiftInTheRoster_handoverGoesToTheManagers() {
    ProcessInstance lastNight = startShift(shanghai(2026, 12, 31, 18, 0));
    assertThat(runtimeService.getVariable(lastNight.getId(), "nextWorker")).isNull();
    setClock(shanghai(2027, 1, 1, 8, 0));
    fireDueTimers(managementService, lastNight.getId());
    Task handover = task(lastNight, "Task_Handover");
    assertThat(handover.getAssignee()).isNull();
    assertThat(handover).hasCandidateGroup("managers");
    assertThat((String) taskService.getVariable(handover.getId(), "nextWorkerName")).contains("排班表未排下一班");
  }

  private ProcessInstance startShift(Date at) {
    setClock(at);
    String id = starter.startShiftAt(at.toInstant()).orElseThrow();
    return runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  /** An emergency as the form sends it, happened at the engine's current time (the form's ISO text with offset). */
  private static Map<String, Object> emergency(String kind, String place, String action, String note) {
    Map<String, Object> v = new HashMap<>();
    v.put("eventType", "emergency");
    v.put("emergencyKind", kind);
    v.put("eventOccurredAt", formTime(ClockUtil.getCurrentTime()));
    v.put("eventPlace", place);
    v.put("actionTaken", action);
    v.put("eventNote", note);
    return v;
  }

  /** A time as the duty-watch form's datetime field sends it (timeSerializingFormat utc_offset). */
  private static String formTime(Date at) {
    return java.time.OffsetDateTime.ofInstant(at.toInstant(), java.time.ZoneId.of("Asia/Shanghai"))
        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmxxx"));
  }

  private static Map<String, Object> note(String text) {
    return Map.of("eventType", "none", "dutyNote", text);
  }

  private static java.util.List<String> formKeys(String form) throws java.io.IOException {
    java.util.List<String> keys = new java.util.ArrayList<>();
    new com.fasterxml.jackson.databind.ObjectMapper().readTree(new java.io.File(form)).findValues("key")
        .forEach(key -> keys.add(key.asText()));
    return keys;
  }

  private static com.fasterxml.jackson.databind.JsonNode formField(String form, String key) throws java.io.IOException {
    for (com.fasterxml.jackson.databind.JsonNode component : new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(new java.io.File(form)).path("components")) {
      if (key.equals(component.path("key").asText())) {
        return component;
      }
    }
    throw new IllegalStateException(form + " has no field " + key);
  }

  private Map<String, Object> dutyLog(String shiftKey) {
    return jdbc.queryForMap("select * from duty_log where shift_key = ?", shiftKey);
  }

  private Task task(ProcessInstance instance, String key) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
  }

  private MimeMessage[] messagesTo(String address) {
    return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
      try {
        return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toArray(MimeMessage[]::new);
  }
}
