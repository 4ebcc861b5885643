package cn.shequflow.complaint;

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

import cn.shequflow.organisation.Organisation;
import com.icegreen.greenmail.util.GreenMail;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Every path of processes/complaint.bpmn (R-4.3-1), timers fired by moving the engine clock. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ComplaintProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired Organisation organisation;
  @Autowired GreenMail greenMail;

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
  @DisplayName("R-4.3-1 投诉按时受理、调查、5个工作日内整改、反馈（邮件）、回访再评价、审核结案")
  void complaint_isCorrectedFedBackAndReRated_onTime() throws Exception {
    ProcessInstance pi = complaint("zhangwei", "sun.guilan@resident.example");

    assertThat(pi).isWaitingAt("Task_Acknowledge");
    assertThat(task(pi)).hasCandidateGroup("managers");
    assertThat(task(pi).getDueDate()).isEqualTo(shanghai(2026, 11, 17, 17, 0));
    complete(task(pi), withVariables("acknowledgeNote", "已受理，5个工作日内整改", "acknowledgeMethod", "phone"));
    complete(task(pi), withVariables("findings", "答复不及时属实", "substantiated", "yes"));
    assertThat(task(pi).getDueDate()).isEqualTo(shanghai(2026, 11, 23, 17, 0));
    complete(task(pi), withVariables("correctiveAction", "当面致歉并补办", "preventiveAction", "来信当日登记，每日检查到期"));
    complete(task(pi), withVariables("feedbackNote", "已补办，并改进来信登记", "feedbackMethod", "email"));
    assertThat(runAsyncSteps(managementService)).isEqualTo(1);
    assertThat(greenMail.getReceivedMessagesForDomain("sun.guilan@resident.example")[0].getContent().toString())
        .contains("已补办").contains("李娜");
    complete(task(pi), withVariables("returnRating", "satisfied", "returnComment", "居民表示满意"));
    complete(task(pi), withVariables("reviewNote", "同意", "closeCase", true));

    assertThat(pi).isEnded().hasPassedInOrder("Task_Acknowledge", "Task_Investigate", "Task_Correct", "Task_Feedback",
        "Task_MailFeedback", "Task_ReturnCall", "Task_ManagerReview", "End_ComplaintClosed");
  }

  @Test
  @DisplayName("R-4.3-1 建议：书记/主任研究答复")
  void suggestion_takesTheLighterPath() {
    Map<String, Object> input = input("", "");
    input.put("kind", "suggestion");
    ProcessInstance pi = organisation.runAs("liuyang", () -> runtimeService.startProcessInstanceByKey("complaint", input));

    assertThat(pi).isWaitingAt("Task_ReviewSuggestion");
    complete(task(pi), withVariables("suggestionReply", "已采纳，增设周末值班", "adopted", "yes"));
    assertThat(pi).isEnded().hasPassed("End_SuggestionAnswered").hasNotPassed("Task_Investigate");
  }

  @Test
  @DisplayName("R-4.3-1 建议的时限由业务规则任务按 complaint-time-limits.dmn 决定：5个工作日内答复，不设整改期限")
  void suggestionDeadline_isDecidedInTheModel() {
    Map<String, Object> input = input("", "");
    input.put("kind", "suggestion");
    ProcessInstance pi = organisation.runAs("liuyang", () -> runtimeService.startProcessInstanceByKey("complaint", input));

    assertThat(pi).hasPassedInOrder("Task_RegisterComplaint", "Task_DecideSuggestionLimit")
        .hasNotPassed("Task_DecideComplaintLimits").isWaitingAt("Task_ReviewSuggestion");
    assertThat(task(pi).getDueDate()).isEqualTo(shanghai(2026, 11, 23, 17, 0));
    assertThat(runtimeService.getVariables(pi.getId())).containsEntry("acknowledgeDueText", "2026年11月23日 17:00")
        .containsEntry("returnCallDays", 0).doesNotContainKeys("rectifyDueAt", "rectifyDueText", "decisionResult");
  }

  @Test
  @DisplayName("R-4.3-1 针对某位工作人员的投诉不能由本人办理")
  void aComplaintAboutAWorker_isNeverAssignedToThatWorker() {
    ProcessInstance pi = complaint("liuyang", "");

    assertThatThrownBy(() -> taskService.claim(task(pi).getId(), "liuyang")).hasMessageContaining("不能由您办理");
    taskService.claim(task(pi).getId(), "demo");
    assertThat(task(pi).getAssignee()).isEqualTo("demo");
  }

  @Test
  @DisplayName("R-4.3-1 整改逾期：提醒并邮件通知书记/主任")
  void lateCorrection_isRemindedAndReportedToTheManagers() throws Exception {
    ProcessInstance pi = complaint("zhangwei", "");
    complete(task(pi), withVariables("acknowledgeNote", "已受理", "acknowledgeMethod", "phone"));
    complete(task(pi), withVariables("findings", "属实", "substantiated", "yes"));

    setClock(shanghai(2026, 11, 23, 17, 0));
    assertThat(fireDueTimers(managementService, pi.getId())).isEqualTo(2);
    runAsyncSteps(managementService);

    assertThat(pi).isWaitingAt("Task_Correct");
    assertThat(taskService.getVariableLocal(task(pi).getId(), "deadlineState")).isEqualTo("overdue");
    assertThat(greenMail.getReceivedMessagesForDomain("liuyang@shequ.example")).isNotEmpty();
  }

  private ProcessInstance complaint(String aboutWorker, String email) {
    Map<String, Object> input = input(aboutWorker, email);
    return organisation.runAs("lina", () -> runtimeService.startProcessInstanceByKey("complaint", input));
  }

  private static Map<String, Object> input(String aboutWorker, String email) {
    Map<String, Object> input = new HashMap<>();
    input.put("kind", "complaint");
    input.put("channel", "phone");
    input.put("complainantName", "孙桂兰");
    input.put("complainantPhone", "13941400001");
    input.put("complainantEmail", email);
    input.put("aboutWorker", aboutWorker);
    input.put("content", "来信三天未获答复");
    return input;
  }
}
