package cn.shequflow.escalation;

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
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.organisation.Organisation;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
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
 * Every path of processes/escalation.bpmn, started the real way (from a reception case), with mail delivered to
 * the GreenMail server the app runs in this profile; timers fired by moving the engine clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EscalationProcessTest {

  private static final String RESIDENT = "sun.guilan@resident.example";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired Organisation organisation;
  @Autowired WorkingDayCalendar workingDays;
  @Autowired JdbcTemplate jdbc;
  @Autowired GreenMail greenMail;

  @BeforeEach
  void init() throws Exception {
    BpmnAwareTests.init(engine);
    drainLeftovers(managementService);
    greenMail.purgeEmailFromAllMailboxes();
    // Monday 2026-11-16, 10:00 Shanghai
    setClock(shanghai(2026, 11, 16, 10, 0));
  }

  @AfterEach
  void reset() {
    ClockUtil.reset();
    if (!greenMail.isRunning()) {
      greenMail.start();
    }
  }

  @Test
  @DisplayName("R-4.2-4 上报街道并按期答复：居民和首问责任人收到邮件，答复邮件送达居民，结果归档")
  void streetOfficeAnswersInTime_residentAndFirstResponderAreMailed_answerReachesResident() throws Exception {
    ProcessInstance reception = reportUpward("subsistence-allowance", RESIDENT, "street-office");
    ProcessInstance escalation = escalationOf(reception);

    assertThat(escalation).isWaitingAt("Task_StreetOfficeAnswer");
    Task streetTask = task(escalation, "Task_StreetOfficeAnswer");
    // what the street office needs to act (issue 13 item 8): its form shows the resident, the contact and the matter,
    // and the street office may read them
    String form = java.nio.file.Files.readString(java.nio.file.Path.of("forms/escalation-street-office.form"));
    assertThat(form).contains("\"key\": \"summary\"", "\"key\": \"residentPhone\"", "\"key\": \"residentName\"");
    assertThat(organisation.runAs("chenjing", () -> taskService.getVariables(streetTask.getId(),
        java.util.List.of("summary", "residentPhone", "residentName"))))
        .containsEntry("residentName", "孙桂兰").containsEntry("residentPhone", "13941400001")
        .containsKey("summary");
    int limit = (Integer) runtimeService.getVariable(escalation.getId(), "timeLimitDays");
    assertThat(streetTask.getDueDate()).isEqualTo(workingDays.deadline(shanghai(2026, 11, 16, 10, 0), limit));
    assertThat(runAsyncSteps(managementService)).isEqualTo(2);

    MimeMessage rules = single(RESIDENT);
    assertThat(rules.getSubject()).contains("已上报").contains(reception.getBusinessKey());
    String rulesBody = GreenMailUtil.getBody(rules);
    assertThat(decoded(rules)).contains("孙桂兰").contains("街道办事处").contains(workingDays.text(streetTask.getDueDate()))
        // R-1.1-2: signed with the worker's name, post and community
        .contains("张伟（网格员（第一网格））").contains("本溪市平山区崔东社区")
        // R-1.2-7: no phone number, no summary of the matter
        .doesNotContain("13941400001").doesNotContain("家中困难");
    assertThat(rulesBody).isNotBlank();
    assertThat(single("zhangwei@shequ.example").getSubject()).contains("【已上报】");
    assertThat((String) runtimeService.getVariable(reception.getId(), "currentHolder")).startsWith("街道办事处：");

    complete(streetTask, withVariables("escalationAnswer", "已受理，正在入户调查，预计月底前审批", "streetOfficeHandler", "陈静"));
    assertThat(runAsyncSteps(managementService)).isEqualTo(1);
    assertThat(messagesTo("zhangwei@shequ.example")).hasSize(2);
    assertThat(messagesTo("zhangwei@shequ.example")[1].getSubject()).contains("【已答复】");

    Task feedback = task(escalation, "Task_FeedbackToResident");
    assertThat(feedback).isAssignedTo("zhangwei"); // issue 13: the case follows its holder
    assertThat(EngineTestSupport.candidateGroups(taskService, feedback)).contains("grid-1");
    taskService.claim(feedback.getId(), "zhangwei");
    complete(feedback, withVariables("residentFeedback", "街道已受理您的低保申请，正在入户调查，预计月底前审批。",
        "feedbackMethod", "email"));
    assertThat(runAsyncSteps(managementService)).isEqualTo(2); // answer mail, archive

    MimeMessage[] toResident = messagesTo(RESIDENT);
    assertThat(toResident).hasSize(2);
    assertThat(toResident[1].getSubject()).contains("办理结果");
    assertThat(decoded(toResident[1])).contains("正在入户调查").contains("张伟");
    assertThat(escalation).isEnded().hasPassed("Task_ArchiveEscalation", "End_Answered");
    assertThat(reception).isEnded().hasPassed("End_ReportedAndAnswered");
    Map<String, Object> record = jdbc.queryForMap("select * from escalation_record where process_instance_id = ?",
        escalation.getId());
    assertThat(record.get("UNIT_NAME")).isEqualTo("街道办事处");
    assertThat(record.get("ANSWER")).isEqualTo("已受理，正在入户调查，预计月底前审批");
    assertThat(record.get("RESIDENT_TOLD_BY")).isEqualTo("zhangwei");
    assertThat(record.get("ANSWERED_AT")).isNotNull();
  }

  @Test
  @DisplayName("R-4.2-4 居民没有邮箱：由网格工作人员告知办理规则并记录")
  void residentWithoutEmail_isToldByTheGridWorker() {
    ProcessInstance escalation = escalationOf(reportUpward("subsistence-allowance", "", "street-office"));

    assertThat(escalation).isWaitingAt("Task_TellResidentRules", "Task_StreetOfficeAnswer");
    Task tell = task(escalation, "Task_TellResidentRules");
    assertThat(tell).isAssignedTo("zhangwei");
    assertThat(EngineTestSupport.candidateGroups(taskService, tell)).contains("grid-1");
    assertThat((String) runtimeService.getVariable(escalation.getId(), "residentToldRules")).contains("街道办事处");
    complete(tell, withVariables("tellMethod", "phone"));
    assertThat(escalation).hasPassed("End_ResidentToldInPerson").hasNotPassed("Task_MailResidentRules");
  }

  @Test
  @DisplayName("R-1.3-4 内部报告（如值班突发事件）：不产生告知居民和向居民反馈的任务")
  void internalReport_asksNoResidentTasks() {
    Map<String, Object> input = new HashMap<>(Map.of("caseNumber", "ZB-TEST-E1", "firstResponder", "wangfang",
        "grid", "grid-3", "residentName", "值班报告", "residentEmail", "", "categoryName", "突发事件：燃气泄漏",
        "reportReason", "3号楼燃气泄漏，已疏散并报119", "timeLimitDays", 1, "escalationTarget", "street-office"));
    input.put("internalReport", true);
    ProcessInstance escalation = runtimeService.startProcessInstanceByKey("escalation", "ZB-TEST-E1", input);

    assertThat(escalation).isWaitingAt("Task_StreetOfficeAnswer").hasPassed("End_NoResidentToTell");
    complete(task(escalation, "Task_StreetOfficeAnswer"), withVariables("escalationAnswer", "燃气公司已抢修完毕",
        "streetOfficeHandler", "陈静"));
    runAsyncSteps(managementService);

    assertThat(escalation).isEnded().hasNotPassed("Task_TellResidentRules", "Task_FeedbackToResident");
  }

  @Test
  @DisplayName("R-1.3-4 内部报告只需报告本身：没有居民姓名和邮箱也能上报、答复、办结")
  void internalReport_needsNoResidentFields() {
    Map<String, Object> input = new HashMap<>(Map.of("caseNumber", "ZB-TEST-E2", "firstResponder", "wangfang",
        "grid", "grid-3", "categoryName", "突发事件：停水", "reportReason", "5号楼停水，已通知物业",
        "timeLimitDays", 1, "escalationTarget", "street-office", "internalReport", true));
    ProcessInstance escalation = runtimeService.startProcessInstanceByKey("escalation", "ZB-TEST-E2", input);

    assertThat(escalation).isWaitingAt("Task_StreetOfficeAnswer").hasPassed("End_NoResidentToTell");
    assertThat(runtimeService.getVariables(escalation.getId())).doesNotContainKeys("residentName", "residentEmail");
    complete(task(escalation, "Task_StreetOfficeAnswer"), withVariables("escalationAnswer", "已协调自来水公司抢修",
        "streetOfficeHandler", "陈静"));
    runAsyncSteps(managementService);

    assertThat(escalation).isEnded().hasPassed("End_Answered")
        .hasNotPassed("Task_TellResidentRules", "Task_FeedbackToResident");
  }

  @Test
  @DisplayName("R-4.2-4 上报责任单位：发送上报函，答复由网格工作人员登记")
  void department_getsAReportMail_andTheWorkerRecordsTheReply() throws Exception {
    ProcessInstance escalation = escalationOf(reportUpward("labour-dispute", RESIDENT, "department"));
    String department = (String) runtimeService.getVariable(escalation.getId(), "departmentEmail");

    assertThat(runAsyncSteps(managementService)).isEqualTo(3); // resident, first responder, report letter
    MimeMessage letter = single(department);
    assertThat(letter.getSubject()).contains("【上报函】");
    assertThat(decoded(letter)).contains("拖欠工资需仲裁").doesNotContain("孙桂兰").doesNotContain("13941400001");

    Task record = task(escalation, "Task_RecordDepartmentReply");
    assertThat(record).isAssignedTo("zhangwei");
    assertThat(EngineTestSupport.candidateGroups(taskService, record)).contains("grid-1");
    complete(record, withVariables("escalationAnswer", "已立案，请居民携带劳动合同到仲裁院", "replyChannel", "phone"));
    assertThat(escalation).hasPassed("Task_MailReportToDepartment", "Task_RecordDepartmentReply")
        .isWaitingAt("Task_MailFirstResponderAnswered");
  }

  @Test
  @DisplayName("R-4.2-4 催办：按模型设定的间隔（每2个工作日）邮件催办街道")
  void unansweredReport_isChasedAtTheModelledInterval() throws Exception {
    ProcessInstance escalation = escalationOf(reportUpward("subsistence-allowance", RESIDENT, "street-office"));
    runAsyncSteps(managementService);

    setClock(shanghai(2026, 11, 18, 10, 0));
    assertThat(fireDueTimers(managementService, escalation.getId())).isEqualTo(1);
    assertThat(runAsyncSteps(managementService)).isEqualTo(1);

    MimeMessage chase = single("chenjing@shequ.example");
    assertThat(chase.getSubject()).contains("【催办】");
    assertThat(escalation).isWaitingAt("Task_StreetOfficeAnswer");
  }

  @Test
  @DisplayName("R-4.2-4 催办按工作日计：周四上报，第1次催办不在周六而在周一同一时间；每2个工作日一次，3次后停止")
  void chaseDueOnSaturday_firesOnMonday_andStopsAfterThree_R_4_2_4() throws Exception {
    // given: reported on Thursday 2026-12-03 10:00
    setClock(shanghai(2026, 12, 3, 10, 0));
    ProcessInstance escalation = escalationOf(reportUpward("subsistence-allowance", RESIDENT, "street-office"));
    runAsyncSteps(managementService);

    // then: the first chase is due Monday 12-07 10:00, not Saturday 12-05 (R3/P2D in calendar days)
    assertThat(chaseDue(escalation)).isEqualTo(shanghai(2026, 12, 7, 10, 0));
    setClock(shanghai(2026, 12, 5, 10, 0));
    assertThat(fireChase(escalation)).isZero();

    // when / then: chases on Mon 12-07, Wed 12-09, Fri 12-11, each at 10:00, then none
    for (java.util.Date at : List.of(shanghai(2026, 12, 7, 10, 0), shanghai(2026, 12, 9, 10, 0),
        shanghai(2026, 12, 11, 10, 0))) {
      assertThat(chaseDue(escalation)).isEqualTo(at);
      setClock(at);
      assertThat(fireChase(escalation)).isEqualTo(1);
      runAsyncSteps(managementService);
    }
    assertThat(managementService.createJobQuery().processInstanceId(escalation.getId()).timers()
        .activityId("BoundaryEvent_ChaseStreetOffice").count()).isZero();
    assertThat(Arrays.stream(messagesTo("chenjing@shequ.example")).map(this::subject).filter(s -> s.contains("【催办】")))
        .hasSize(3);
    assertThat(escalation).isWaitingAt("Task_StreetOfficeAnswer");
  }

  private java.util.Date chaseDue(ProcessInstance escalation) {
    return managementService.createJobQuery().processInstanceId(escalation.getId()).timers()
        .activityId("BoundaryEvent_ChaseStreetOffice").singleResult().getDuedate();
  }

  private int fireChase(ProcessInstance escalation) {
    List<Job> due = managementService.createJobQuery().processInstanceId(escalation.getId()).timers()
        .activityId("BoundaryEvent_ChaseStreetOffice")
        .duedateLowerThan(new java.util.Date(ClockUtil.getCurrentTime().getTime() + 1)).list();
    due.forEach(job -> managementService.executeJob(job.getId()));
    return due.size();
  }

  @Test
  @DisplayName("R-4.2-4 答复逾期：邮件通知书记/主任并生成督办任务，街道任务保留")
  void overdueReply_escalatesToTheManagers() throws Exception {
    ProcessInstance escalation = escalationOf(reportUpward("subsistence-allowance", RESIDENT, "street-office"));
    runAsyncSteps(managementService);
    java.util.Date due = (java.util.Date) runtimeService.getVariable(escalation.getId(), "unitReplyDueAt");

    setClock(due);
    fireDueTimers(managementService, escalation.getId());
    runAsyncSteps(managementService);

    assertThat(escalation).isWaitingAt("Task_StreetOfficeAnswer", "Task_SuperviseEscalation");
    assertThat(task(escalation, "Task_SuperviseEscalation")).hasCandidateGroup("managers");
    assertThat(Arrays.stream(messagesTo("liuyang@shequ.example")).map(this::subject))
        .anyMatch(s -> s.contains("【上报逾期】"));
  }

  @Test
  @DisplayName("邮件服务器中断：重试后形成异常（Cockpit 可见），恢复后每封邮件只发送一次")
  void smtpOutage_retriesThenIncident_andEachMailGoesOutExactlyOnceAfterRestart() throws Exception {
    greenMail.stop();
    ProcessInstance escalation = escalationOf(reportUpward("subsistence-allowance", RESIDENT, "street-office"));
    List<Job> queued = managementService.createJobQuery().processInstanceId(escalation.getId()).messages().list();
    assertThat(queued).hasSize(2);

    for (Job job : queued) {
      for (int attempt = 0; attempt < 5; attempt++) {
        assertThatThrownBy(() -> managementService.executeJob(job.getId()));
      }
    }
    assertThat(runtimeService.createIncidentQuery().processInstanceId(escalation.getId()).count()).isEqualTo(2);
    assertThat(managementService.createJobQuery().processInstanceId(escalation.getId()).noRetriesLeft().count())
        .isEqualTo(2);

    greenMail.start();
    for (Job job : queued) {
      managementService.setJobRetries(job.getId(), 1);
      managementService.executeJob(job.getId());
    }
    assertThat(runtimeService.createIncidentQuery().processInstanceId(escalation.getId()).count()).isZero();
    assertThat(messagesTo(RESIDENT)).hasSize(1);
    assertThat(messagesTo("zhangwei@shequ.example")).hasSize(1);
    assertThat(jdbc.queryForObject("select count(*) from mail_log where event_key like ?", Integer.class,
        "%Task_Mail%")).isGreaterThanOrEqualTo(2);
  }

  private ProcessInstance reportUpward(String category, String residentEmail, String target) {
    Map<String, Object> input = new HashMap<>();
    input.put("channel", "email");
    input.put("residentName", "孙桂兰");
    input.put("residentPhone", "13941400001");
    input.put("residentEmail", residentEmail);
    input.put("category", category);
    input.put("summary", "家中困难，申请帮助");
    input.put("priorityGroup", "elderly");
    ProcessInstance reception = organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("reception", input));
    Task handle = taskService.createTaskQuery().processInstanceId(reception.getId()).singleResult();
    taskService.complete(handle.getId(), Map.of("outcome", "reportUpward",
        "reportReason", "labour-dispute".equals(category) ? "拖欠工资需仲裁" : "需街道审核", "escalationTarget", target));
    return reception;
  }

  private ProcessInstance escalationOf(ProcessInstance reception) {
    return runtimeService.createProcessInstanceQuery().superProcessInstanceId(reception.getId()).singleResult();
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

  private MimeMessage single(String address) {
    MimeMessage[] messages = messagesTo(address);
    assertThat(messages).as("mails to " + address).hasSize(1);
    return messages[0];
  }

  private String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String decoded(MimeMessage message) throws Exception {
    return message.getContent().toString();
  }
}
