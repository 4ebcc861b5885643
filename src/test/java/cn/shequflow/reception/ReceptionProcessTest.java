package cn.shequflow.reception;

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
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import cn.shequflow.casefile.InvalidCaseInputException;
import cn.shequflow.organisation.Organisation;
import java.util.Date;
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

/** Every path of processes/reception.bpmn, named for its outcome; timers fired by moving the engine clock. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ReceptionProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired Organisation organisation;
  @Autowired JdbcTemplate jdbc;
  @Autowired WorkingDayCalendar workingDays;
  @Autowired GreenMail greenMail;

  @BeforeEach
  void init() throws Exception {
    BpmnAwareTests.init(engine);
    drainLeftovers(managementService);
    greenMail.purgeEmailFromAllMailboxes();
    // Wednesday before National Day 2026
    setClock(shanghai(2026, 9, 30, 10, 0));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  @DisplayName("R-3.1.1-3 来信：立即生成答复任务，期限为3个工作日（国庆调休）")
  void letter_opensReplyTaskDueThreeWorkingDaysAfterReceipt() {
    ProcessInstance pi = start("zhangwei", input("letter"));

    assertThat(pi).isWaitingAt("Task_HandleMatter");
    Task task = task(pi);
    assertThat(task.getDueDate()).isEqualTo(shanghai(2026, 10, 10, 17, 0));
    assertThat(task).isAssignedTo("zhangwei"); // issue 13: the first responder holds the case
    assertThat(EngineTestSupport.candidateGroups(taskService, task)).contains("grid-1");
    assertThat(pi.getBusinessKey()).matches("JD20260930-\\d{5}");
    assertThat(runtimeService.getVariable(pi.getId(), "firstResponder")).isEqualTo("zhangwei");
    assertThat(runtimeService.getVariable(pi.getId(), "caseNumber")).isEqualTo(pi.getBusinessKey());
    assertThat(runtimeService.getVariable(pi.getId(), "replyDueText")).isEqualTo("2026年10月10日 17:00");
  }

  @Test
  @DisplayName("R-3.1.1-3 电子邮件、网上留言：1个工作日内答复")
  void emailAndOnline_replyDueNextWorkingDay() {
    assertThat(task(start("lina", input("email"))).getDueDate()).isEqualTo(shanghai(2026, 10, 8, 17, 0));
    assertThat(task(start("lina", input("online"))).getDueDate()).isEqualTo(shanghai(2026, 10, 8, 17, 0));
  }

  @Test
  @DisplayName("R-3.1.1-3 周六收到的来信：收件日不计，调休周日算第1天")
  void letterReceivedOnSaturday_countsMakeUpSundayAsDayOne() {
    Map<String, Object> input = input("letter");
    input.put("receivedAt", shanghai(2026, 9, 19, 11, 0));
    assertThat(task(start("zhangwei", input)).getDueDate()).isEqualTo(shanghai(2026, 9, 22, 17, 0));
  }

  @Test
  @DisplayName("R-3.1.1-1 来访当场答复：记录答复，办结归档")
  void visitAnsweredOnSpot_closesWithAnswerRecorded() {
    ProcessInstance pi = start("zhangwei", input("visit"));

    complete(task(pi), withVariables("outcome", "answered", "answer", "活动室每天8:30-17:00开放"));

    assertThat(pi).isEnded().hasPassed("End_AnsweredOnSpot").hasNotPassed("Task_ReplyToResident");
    assertThat(archivedOutcome(pi)).isEqualTo("End_AnsweredOnSpot");
  }

  @Test
  @DisplayName("R-4.2-1 当日答复的来访：提醒不在受理时立即到期，而在剩余时间过半时")
  void sameDayVisit_reminderIsNotDueWhenTheCaseOpens() {
    ProcessInstance pi = start("zhangwei", input("visit")); // 10:00, due 17:00 the same day

    assertThat(task(pi).getDueDate()).isEqualTo(shanghai(2026, 9, 30, 17, 0));
    assertThat(fireDueTimers(managementService, pi.getId())).isZero();
    setClock(shanghai(2026, 9, 30, 13, 29));
    assertThat(fireDueTimers(managementService, pi.getId())).isZero();
    setClock(shanghai(2026, 9, 30, 13, 30));
    assertThat(fireDueTimers(managementService, pi.getId())).isEqualTo(1);
    assertThat(taskService.getVariableLocal(task(pi).getId(), "deadlineState")).isEqualTo("dueSoon");
  }

  @Test
  @DisplayName("R-3.1.1-3 电子邮件来信当场答复：居民收到署名的答复邮件")
  void emailAnswered_residentGetsASignedReplyMail() throws Exception {
    Map<String, Object> input = input("email");
    input.put("residentEmail", "wuxiaoyan@resident.example");
    ProcessInstance pi = start("lina", input);

    complete(task(pi), withVariables("outcome", "answered", "answer", "活动室每天8:30-17:00开放，周一闭馆。"));
    assertThat(pi).isWaitingAt("Task_MailAnswer");
    assertThat(runAsyncSteps(managementService)).isEqualTo(1);

    assertThat(pi).isEnded().hasPassed("Task_MailAnswer", "End_AnsweredOnSpot");
    MimeMessage[] mails = greenMail.getReceivedMessagesForDomain("wuxiaoyan@resident.example");
    assertThat(mails).hasSize(1);
    assertThat(mails[0].getSubject()).contains("答复").contains(pi.getBusinessKey());
    assertThat(mails[0].getContent().toString()).contains("周一闭馆").contains("李娜（网格员（第二网格））")
        .contains("本溪市平山区崔东社区").doesNotContain("13941400001");
  }

  @Test
  @DisplayName("R-4.2-2 材料齐全：即到即办，办结")
  void completePaperwork_doneAtOnce() {
    ProcessInstance pi = start("zhangwei", input("visit"));

    complete(task(pi), withVariables("outcome", "doneAtOnce", "answer", "已当场开具居住证明"));

    assertThat(pi).isEnded().hasPassedInOrder("Task_HandleMatter", "End_DoneAtOnce");
  }

  @Test
  @DisplayName("R-4.2-2 老年人优先：任务优先级提高")
  void elderlyResident_getsHigherTaskPriority() {
    Map<String, Object> input = input("visit");
    input.put("priorityGroup", "elderly");
    assertThat(task(start("zhangwei", input)).getPriority()).isEqualTo(80);
    assertThat(task(start("zhangwei", input("visit"))).getPriority()).isEqualTo(50);
  }

  @Test
  @DisplayName("R-4.2-3 材料不全：一次性告知，居民补齐后办结")
  void missingMaterials_oneTimeNoticeThenResidentBringsThem_done() {
    ProcessInstance pi = start("zhangwei", input("visit"));
    complete(task(pi), withVariables("outcome", "missingMaterials"));
    assertThat(pi).isWaitingAt("Task_OneTimeNotice");

    complete(task(pi), withVariables("missingMaterials", "户口簿原件；身份证复印件", "noticeReason", "材料不全",
        "noticeProcedure", "补齐后到社区服务站办理", "noticeChannel", "inPerson", "noticeGiven", true));
    assertThat(pi).isWaitingAt("Task_AwaitMaterials");
    // R-4.2-3: waits 10 working days (reception-time-limits.dmn): Oct 8, 9, 10 (make-up Saturday), 12 … 20
    assertThat(task(pi).getDueDate()).isEqualTo(shanghai(2026, 10, 20, 17, 0));

    complete(task(pi), withVariables("materialsReceived", true, "answer", "已办结"));
    assertThat(pi).isEnded().hasPassed("Task_OneTimeNotice", "End_DoneAfterMaterials");
  }

  @Test
  @DisplayName("R-4.2-3 材料不全且居民逾期未补齐：到期自动办结并注明原因")
  void missingMaterials_residentNeverReturns_closedAfterWaitingPeriod() {
    ProcessInstance pi = start("zhangwei", input("visit"));
    complete(task(pi), withVariables("outcome", "missingMaterials"));
    complete(task(pi), withVariables("missingMaterials", "户口簿", "noticeReason", "材料不全",
        "noticeProcedure", "补齐后办理", "noticeChannel", "phone", "noticeGiven", true));

    setClock(shanghai(2026, 10, 20, 16, 59));
    assertThat(fireDueTimers(managementService, pi.getId())).isZero();
    assertThat(pi).isWaitingAt("Task_AwaitMaterials");

    setClock(shanghai(2026, 10, 20, 17, 0));
    assertThat(fireDueTimers(managementService, pi.getId())).isEqualTo(1);
    assertThat(pi).isEnded().hasPassed("End_ClosedNoMaterials").hasNotPassed("End_DoneAfterMaterials");
    assertThat(archivedOutcome(pi)).isEqualTo("End_ClosedNoMaterials");
  }

  @Test
  @DisplayName("R-4.2-1 不能当场答复：承诺的答复日期成为答复任务的到期时间")
  void notAnswerableOnSpot_promisedDateBecomesReplyDueDate() {
    ProcessInstance pi = start("zhangwei", input("phone"));

    // general-inquiry: 1 working day in the catalogue → the latest promise is Oct 8 (after National Day)
    complete(task(pi), withVariables("outcome", "replyLater", "promisedReplyDate", "2026-10-08"));

    assertThat(pi).isWaitingAt("Task_ReplyToResident");
    assertThat(task(pi).getDueDate()).isEqualTo(shanghai(2026, 10, 8, 17, 0));
    complete(task(pi), withVariables("answer", "已电话答复", "replyMethod", "phone"));
    assertThat(pi).isEnded().hasPassed("End_RepliedAsPromised");
  }

  @Test
  @DisplayName("R-3.1.1-2 来电：当日答复；当场不能答复的，告知居民的答复时间由系统跟踪")
  void phoneCall_answeredTheSameDayOrThePromisedReplyTimeIsTracked() {
    ProcessInstance pi = start("zhangwei", input("phone")); // Wednesday 30 September 2026, 10:00

    assertThat(runtimeService.getVariable(pi.getId(), "channelName")).isEqualTo("来电");
    assertThat(task(pi).getDueDate()).as("one clear answer the same day").isEqualTo(shanghai(2026, 9, 30, 17, 0));
    complete(task(pi), withVariables("outcome", "replyLater", "promisedReplyDate", "2026-09-30"));

    Task reply = task(pi);
    assertThat(reply.getTaskDefinitionKey()).isEqualTo("Task_ReplyToResident");
    assertThat(reply.getDueDate()).as("the reply time told to the resident").isEqualTo(shanghai(2026, 9, 30, 17, 0));
    assertThat(reply).isAssignedTo("zhangwei");
    assertThat(EngineTestSupport.candidateGroups(taskService, reply)).contains("grid-1");
  }

  @Test
  @DisplayName("R-4.2-1 承诺答复日期早于今天：拒绝并说明原因（表单不再悄悄清空日期）")
  void promiseInThePast_isRefusedWithAReason() {
    ProcessInstance pi = start("zhangwei", input("phone"));

    assertThatThrownBy(() -> taskService.complete(task(pi).getId(),
        Map.of("outcome", "replyLater", "promisedReplyDate", "2026-09-29")))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageContaining("承诺答复日期不能早于今天");
    assertThat(pi).isWaitingAt("Task_HandleMatter");
  }

  @Test
  @DisplayName("R-4.2-1 承诺答复日期不得晚于服务目录时限")
  void promiseLaterThanCatalogueLimit_isRefused() {
    ProcessInstance pi = start("zhangwei", input("phone"));

    assertThatThrownBy(() -> taskService.complete(task(pi).getId(),
        Map.of("outcome", "replyLater", "promisedReplyDate", "2026-12-31")))
        .isInstanceOf(InvalidCaseInputException.class)
        .hasMessageContaining("不能晚于服务目录规定的时限");
    assertThat(pi).isWaitingAt("Task_HandleMatter");
  }

  @Test
  @DisplayName("R-4.1-4 非社区职责：说明原因，告知责任单位联系方式后办结")
  void outsideRemit_residentReferredToResponsibleUnit() {
    Map<String, Object> input = input("visit");
    input.put("category", "labour-dispute");
    ProcessInstance pi = start("zhangwei", input);

    complete(task(pi), withVariables("outcome", "outsideRemit"));
    assertThat(pi).isWaitingAt("Task_ReferToUnit");
    // the referral form starts from the catalogue's responsible unit
    assertThat(runtimeService.getVariable(pi.getId(), "referralUnit")).asString().isNotBlank();
    complete(task(pi), withVariables("referralExplanation", "劳动争议由劳动人事争议仲裁院受理", "referralTold", true));

    assertThat(pi).isEnded().hasPassed("End_Referred");
  }

  @Test
  @DisplayName("R-4.1-4 / R-3.1.1-3 来信选择转介：转介任务的期限仍是已给出的答复期限，不提前到当日（issue 13）")
  void referralOfALetter_keepsTheReplyDeadlineAlreadyGiven() {
    // given: a letter of Wednesday 30 September 10:00, its reply due on Saturday 10 October (make-up day) 17:00
    Map<String, Object> input = input("letter");
    input.put("category", "labour-dispute");
    ProcessInstance pi = start("zhangwei", input);
    Date given = task(pi).getDueDate();
    assertThat(given).isEqualTo(shanghai(2026, 10, 10, 17, 0));

    // when: the worker finds it outside the community's remit the same morning
    complete(task(pi), withVariables("outcome", "outsideRemit"));

    // then: the referral is due when the reply was, not today 17:00
    assertThat(task(pi).getDueDate()).isEqualTo(given);
    assertThat(pi).isWaitingAt("Task_ReferToUnit").hasPassed("Task_DecideReferralLimit");
    assertThat(task(pi)).isAssignedTo("zhangwei");
  }

  @Test
  @DisplayName("R-4.1-4 答复期限已过才选择转介：转介当日办完（reception-time-limits.dmn），期限不回到过去")
  void lateReferral_isDueTheSameDay_notInThePast() {
    // given: a phone call of 30 September, its same-day reply deadline long gone on Thursday 8 October
    Map<String, Object> input = input("phone");
    input.put("category", "labour-dispute");
    ProcessInstance pi = start("zhangwei", input);
    assertThat(task(pi).getDueDate()).isEqualTo(shanghai(2026, 9, 30, 17, 0));
    setClock(shanghai(2026, 10, 8, 10, 0));

    complete(task(pi), withVariables("outcome", "outsideRemit"));

    assertThat(task(pi).getDueDate()).isEqualTo(shanghai(2026, 10, 8, 17, 0));
  }

  @Test
  @DisplayName("R-4.1-4 转介：留有邮箱的居民收到责任单位名称和联系方式的邮件，社区服务台署名，不含电话和摘要")
  void referral_residentWithAnAddressGetsTheUnitsContactByMail() throws Exception {
    Map<String, Object> input = input("online");
    input.put("category", "labour-dispute");
    input.put("residentEmail", "sunguilan@resident.example");
    ProcessInstance pi = start("zhangwei", input);
    complete(task(pi), withVariables("outcome", "outsideRemit"));
    // the worker may correct the catalogue's contact before telling the resident
    complete(task(pi), withVariables("referralContact", "平山区胜利路12号仲裁院一楼；0414-2812333",
        "referralExplanation", "劳动争议须向劳动人事争议仲裁委员会申请仲裁，社区不能代为裁决", "referralTold", true));

    assertThat(pi).isWaitingAt("Task_MailReferral");
    assertThat(runAsyncSteps(managementService)).isEqualTo(1);
    assertThat(pi).isEnded().hasPassed("Task_MailReferral", "End_Referred");
    MimeMessage[] mails = greenMail.getReceivedMessagesForDomain("sunguilan@resident.example");
    assertThat(mails).hasSize(1);
    assertThat(mails[0].getSubject()).contains(pi.getBusinessKey()).contains("平山区劳动人事争议仲裁委员会");
    assertThat(mails[0].getContent().toString()).contains("孙桂兰")
        .contains("平山区劳动人事争议仲裁委员会").contains("平山区胜利路12号仲裁院一楼；0414-2812333")
        .contains("社区不能代为裁决").contains("本溪市平山区崔东社区服务台")
        .doesNotContain("13941400001").doesNotContain("咨询社区活动室开放时间").doesNotContain("张伟");
  }

  @Test
  @DisplayName("R-4.1-4 转介：没有留邮箱的居民不发邮件，当即办结")
  void referral_residentWithoutAnAddressGetsNoMail() {
    Map<String, Object> input = input("phone");
    input.put("category", "labour-dispute");
    ProcessInstance pi = start("zhangwei", input);
    complete(task(pi), withVariables("outcome", "outsideRemit"));
    complete(task(pi), withVariables("referralExplanation", "请到仲裁委员会申请", "referralTold", true));

    assertThat(pi).isEnded().hasPassed("End_Referred").hasNotPassed("Task_MailReferral");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  @DisplayName("R-4.2-3 一次性告知：所缺材料按服务目录预填（逐项一行），工作人员删去居民已带的")
  void oneTimeNotice_isPrefilledWithTheCataloguesMaterials() {
    Map<String, Object> input = input("visit");
    input.put("category", "subsistence-allowance");
    ProcessInstance pi = start("zhangwei", input);

    complete(task(pi), withVariables("outcome", "missingMaterials"));

    assertThat(pi).isWaitingAt("Task_OneTimeNotice");
    String catalogue = (String) runtimeService.getVariable(pi.getId(), "materials");
    String prefilled = (String) taskService.getVariable(task(pi).getId(), "missingMaterials");
    assertThat(catalogue).contains("；");
    assertThat(prefilled.lines().toList()).containsExactly(catalogue.split("；"));
    assertThat(prefilled).startsWith("居民身份证\n户口簿\n");
  }

  @Test
  @DisplayName("R-4.2-3 一次性告知：服务目录写“无”的事项不预填，已填的所缺材料不被覆盖")
  void oneTimeNotice_noPrefillWhenTheCatalogueNeedsNothing_andNeverOverwrites() {
    ProcessInstance none = start("zhangwei", input("visit")); // general-inquiry: 无
    complete(task(none), withVariables("outcome", "missingMaterials"));
    assertThat(taskService.getVariable(task(none).getId(), "missingMaterials")).isNull();

    Map<String, Object> input = input("visit");
    input.put("category", "subsistence-allowance");
    ProcessInstance given = start("zhangwei", input);
    complete(task(given), withVariables("outcome", "missingMaterials", "missingMaterials", "户口簿原件"));
    assertThat(taskService.getVariable(task(given).getId(), "missingMaterials")).isEqualTo("户口簿原件");
  }

  @Test
  @DisplayName("R-4.2-4 上报街道：调用上报与转办流程，事项编号不变，答复后办结")
  void reportUpward_callsEscalationWithTheSameCaseNumber_andClosesWhenAnswered() {
    Map<String, Object> input = input("letter");
    input.put("category", "subsistence-allowance");
    ProcessInstance pi = start("zhangwei", input);

    complete(task(pi), withVariables("outcome", "reportUpward", "reportReason", "低保申请需街道审核",
        "escalationTarget", "street-office"));

    assertThat(pi).isWaitingAt("CallActivity_Escalate");
    ProcessInstance escalation = runtimeService.createProcessInstanceQuery().superProcessInstanceId(pi.getId())
        .singleResult();
    assertThat(escalation.getBusinessKey()).isEqualTo(pi.getBusinessKey());
    assertThat(escalation).isWaitingAt("Task_StreetOfficeAnswer", "Task_TellResidentRules");
    assertThat(task("Task_StreetOfficeAnswer", escalation)).hasCandidateGroup("street-office");
    assertThat(runtimeService.getVariable(pi.getId(), "firstResponder")).isEqualTo("zhangwei");

    complete(task("Task_TellResidentRules", escalation), withVariables("tellMethod", "phone"));
    complete(task("Task_StreetOfficeAnswer", escalation),
        withVariables("escalationAnswer", "已受理，进入审核", "streetOfficeHandler", "陈静"));
    runAsyncSteps(managementService);
    complete(task("Task_FeedbackToResident", escalation),
        withVariables("residentFeedback", "已电话告知审核进度", "feedbackMethod", "phone"));
    runAsyncSteps(managementService);

    assertThat(pi).isEnded().hasPassed("CallActivity_Escalate", "End_ReportedAndAnswered");
    assertThat(historicVariable(pi, "escalationAnswer")).isEqualTo("已受理，进入审核");
    assertThat(archivedOutcome(pi)).isEqualTo("End_ReportedAndAnswered");
  }

  @Test
  @DisplayName("R-4.2-4 上报时只传事项信息：上报流程收到编号、居民、首问责任人和上报理由，不带接待流程自己的变量")
  void reportUpward_passesTheCaseHeaderOnly() {
    Map<String, Object> input = input("letter");
    input.put("category", "subsistence-allowance");
    ProcessInstance pi = start("zhangwei", input);

    complete(task(pi), withVariables("outcome", "reportUpward", "reportReason", "低保申请需街道审核",
        "escalationTarget", "street-office"));

    ProcessInstance escalation = runtimeService.createProcessInstanceQuery().superProcessInstanceId(pi.getId())
        .singleResult();
    Map<String, Object> passed = runtimeService.getVariables(escalation.getId());
    assertThat(passed).containsEntry("caseNumber", pi.getBusinessKey()).containsEntry("residentName", "孙桂兰")
        .containsEntry("firstResponder", "zhangwei").containsEntry("grid", "grid-1")
        .containsEntry("reportReason", "低保申请需街道审核");
    assertThat(passed).doesNotContainKeys("outcome", "priorityGroup", "replyDueAt");
  }

  @Test
  @DisplayName("R-4.2-4 上报责任单位但服务目录没有邮箱：拒绝，提示改为上报街道")
  void reportToDepartmentWithoutMailAddress_isRefused() {
    ProcessInstance pi = start("zhangwei", input("visit"));

    assertThatThrownBy(() -> taskService.complete(task(pi).getId(), Map.of("outcome", "reportUpward",
        "reportReason", "需要上报", "escalationTarget", "department")))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageContaining("请改为上报街道");
  }

  @Test
  @DisplayName("R-4.2-1 到期前提醒：任务标为即将到期、提高优先级，仍由原经办人办理")
  void reminderBeforeDue_marksTaskDueSoonAndKeepsItWithTheWorker() throws Exception {
    ProcessInstance pi = start("zhangwei", input("letter"));
    taskService.claim(task(pi).getId(), "zhangwei");

    setClock(shanghai(2026, 10, 10, 8, 59));
    assertThat(fireDueTimers(managementService, pi.getId())).isZero();
    setClock(shanghai(2026, 10, 10, 9, 0));
    assertThat(fireDueTimers(managementService, pi.getId())).isEqualTo(1);

    Task task = task(pi);
    assertThat(task.getAssignee()).isEqualTo("zhangwei");
    assertThat(task.getPriority()).isEqualTo(60);
    assertThat(taskService.getVariableLocal(task.getId(), "deadlineState")).isEqualTo("dueSoon");
    assertThat(taskService.getTaskComments(task.getId())).anyMatch(c -> c.getFullMessage().contains("即将到期"));

    assertThat(runAsyncSteps(managementService)).isEqualTo(1);
    MimeMessage[] mails = greenMail.getReceivedMessagesForDomain("zhangwei@shequ.example");
    assertThat(mails).hasSize(1);
    assertThat(mails[0].getSubject()).contains("【即将到期】").contains(pi.getBusinessKey());
    assertThat(GreenMailUtil.getBody(mails[0])).isNotEmpty();
  }

  @Test
  @DisplayName("R-4.2-1 逾期：升级书记/主任督办，任务不从经办人处收回")
  void overdueReply_escalatesToManagersWithoutTakingTheTask() throws Exception {
    ProcessInstance pi = start("zhangwei", input("letter"));
    taskService.claim(task(pi).getId(), "zhangwei");

    setClock(shanghai(2026, 10, 10, 17, 0));
    assertThat(fireDueTimers(managementService, pi.getId())).isEqualTo(2); // reminder and overdue
    assertThat(runAsyncSteps(managementService)).isEqualTo(2); // mail to the worker, mail to the managers
    MimeMessage[] toManager = greenMail.getReceivedMessagesForDomain("liuyang@shequ.example");
    assertThat(toManager).hasSize(1);
    assertThat(toManager[0].getSubject()).contains("【已逾期】");
    // the notice names the late task and who holds it, whichever of the two timers ran last (issue 13)
    assertThat(GreenMailUtil.getBody(toManager[0])).isNotEmpty();
    assertThat(new String(java.util.Base64.getMimeDecoder().decode(GreenMailUtil.getBody(toManager[0])),
        java.nio.charset.StandardCharsets.UTF_8)).contains("受理并答复居民").contains("张伟").contains("服务台");

    Task reply = taskService.createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey("Task_HandleMatter").singleResult();
    assertThat(reply.getAssignee()).isEqualTo("zhangwei");
    assertThat(taskService.getVariableLocal(reply.getId(), "deadlineState")).isEqualTo("overdue");
    Task supervise = taskService.createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey("Task_SuperviseOverdue").singleResult();
    assertThat(supervise).isNotNull();
    assertThat(supervise).hasCandidateGroup("managers");
    assertThat((String) runtimeService.getVariable(pi.getId(), "overdueTasks")).contains("受理并答复居民");

    complete(reply, withVariables("outcome", "answered", "answer", "已书面答复"));
    complete(supervise, withVariables("superviseNote", "已提醒", "superviseAction", "remind"));
    assertThat(pi).isEnded().hasPassed("End_AnsweredOnSpot", "End_Supervised");
  }

  @Test
  @DisplayName("R-1.2-3 未知事项类别：拒绝受理，中文说明")
  void unknownCategory_isRefusedWithChineseMessage() {
    Map<String, Object> input = input("visit");
    input.put("category", "no-such-thing");
    assertThatThrownBy(() -> start("zhangwei", input))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageContaining("未知的事项类别");
  }

  @Test
  @DisplayName("缺少居民姓名、电话格式错误：拒绝受理")
  void missingNameOrBadPhone_isRefused() {
    Map<String, Object> noName = input("visit");
    noName.remove("residentName");
    assertThatThrownBy(() -> start("zhangwei", noName)).hasMessageContaining("居民姓名不能为空");
    Map<String, Object> badPhone = input("visit");
    badPhone.put("residentPhone", "12345");
    assertThatThrownBy(() -> start("zhangwei", badPhone)).hasMessageContaining("联系电话");
  }

  @Test
  @DisplayName("R-4.1-1 书记受理且未指定网格：要求指定所属网格")
  void managerWithoutGrid_mustNameTheGrid() {
    assertThatThrownBy(() -> start("liuyang", input("visit"))).hasMessageContaining("不属于任何网格");
    Map<String, Object> input = input("visit");
    input.put("grid", "grid-2");
    Task managers = task(start("liuyang", input));
    assertThat(managers).isAssignedTo("liuyang");
    assertThat(EngineTestSupport.candidateGroups(taskService, managers)).contains("grid-2");
  }

  private ProcessInstance start(String user, Map<String, Object> variables) {
    return organisation.runAs(user, () -> runtimeService.startProcessInstanceByKey("reception", variables));
  }

  private Object historicVariable(ProcessInstance pi, String name) {
    return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName(name).singleResult().getValue();
  }

  private String archivedOutcome(ProcessInstance pi) {
    return jdbc.queryForObject("select outcome from case_record where process_instance_id = ?", String.class,
        pi.getId());
  }

  static Map<String, Object> input(String channel) {
    return ReceptionInput.of(channel);
  }

}
