package cn.shequflow.handover;

import cn.shequflow.organisation.Organisation;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
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
import org.springframework.test.context.ActiveProfiles;

/** R-4.1-2 handover: a manager moves a worker's open tasks in one call; the first responder stays recorded. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TaskHandoverTest {

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired Organisation organisation;
  @Autowired GreenMail greenMail;

  @BeforeEach
  void clearMail() throws Exception {
    greenMail.purgeEmailFromAllMailboxes();
  }

  @Test
  @DisplayName("R-4.1-2 书记一次交接张伟的全部待办给王芳：首问责任人不变，王芳收到邮件")
  void managerHandsOverAllOpenTasks_firstResponderStays_newHolderIsMailed() throws Exception {
    ProcessInstance first = startAndClaim("wangfang-case-1");
    ProcessInstance second = startAndClaim("wangfang-case-2");

    ResponseEntity<String> response = post("liuyang",
        Map.of("fromUser", "zhangwei", "toUser", "wangfang", "reason", "病假"));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    for (ProcessInstance pi : new ProcessInstance[] {first, second}) {
      Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
      assertThat(task.getAssignee()).isEqualTo("wangfang");
      assertThat(runtimeService.getVariable(pi.getId(), "firstResponder")).isEqualTo("zhangwei");
      assertThat(taskService.getTaskComments(task.getId())).anyMatch(c -> c.getFullMessage().contains("【交接】因病假"));
    }
    assertThat(taskService.createTaskQuery().taskAssignee("zhangwei").count()).isZero();
    MimeMessage[] mails = Arrays.stream(greenMail.getReceivedMessages())
        .filter(m -> recipients(m).contains("wangfang@shequ.example")).toArray(MimeMessage[]::new);
    assertThat(mails).hasSize(1);
    assertThat(mails[0].getSubject()).contains("任务交接");
    assertThat(mails[0].getContent().toString()).contains("刘洋").contains(first.getBusinessKey());
  }

  @Test
  @DisplayName("R-4.1-2 事项跟着办理人走：后续任务直接交给首问责任人；交接后，以后的步骤交给接手的人")
  void followUpTasksGoToTheHolder_andAfterAHandoverToTheNewHolder() {
    cn.shequflow.EngineTestSupport.setClock(cn.shequflow.EngineTestSupport.shanghai(2026, 9, 30, 10, 0));
    try {
      followTheHolder();
    } finally {
      org.camunda.bpm.engine.impl.util.ClockUtil.reset();
    }
  }

  private void followTheHolder() {
    ProcessInstance pi = organisation.runAs("zhangwei", () -> runtimeService.startProcessInstanceByKey("reception",
        Map.of("channel", "letter", "residentName", "周建国", "residentPhone", "13941400002",
            "category", "general-inquiry", "summary", "holder", "priorityGroup", "none")));
    Task handle = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(handle.getAssignee()).as("no 认领 needed").isEqualTo("zhangwei");

    assertThat(post("liuyang", Map.of("fromUser", "zhangwei", "toUser", "wangfang", "reason", "休假"))
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(runtimeService.getVariable(pi.getId(), "caseHolder")).isEqualTo("wangfang");

    organisation.runAs("wangfang", () -> {
      taskService.complete(handle.getId(), Map.of("outcome", "replyLater", "promisedReplyDate", "2026-10-08"));
      return null;
    });
    Task reply = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(reply.getTaskDefinitionKey()).isEqualTo("Task_ReplyToResident");
    assertThat(reply.getAssignee()).as("the next step follows the case to its new holder").isEqualTo("wangfang");
    assertThat(runtimeService.getVariable(pi.getId(), "firstResponder")).isEqualTo("zhangwei");
  }

  @Test
  @DisplayName("只有书记/主任能交接：网格员 403，匿名 401，未知用户 400")
  void onlyManagersMayHandOver() {
    assertThat(post("lina", Map.of("fromUser", "zhangwei", "toUser", "lina")).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.postForEntity("/api/tasks/handover", json(Map.of("fromUser", "a", "toUser", "b"), null),
        String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<String> unknown = post("liuyang", Map.of("fromUser", "zhangwei", "toUser", "nobody"));
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknown.getBody()).contains("不存在");
  }

  @Test
  @DisplayName("R-4.1-2 接口与页面同一规则：交给街道、分析员、管理员、不存在的人、本人，或由街道交出，都是 400 和中文原因，任务不动")
  void restRefusesHandoversOutsideTheRule_inChinese_andNothingMoves() {
    ProcessInstance pi = startAndClaim("接口交接-规则");
    Map<Map<String, String>, String> attacks = new java.util.LinkedHashMap<>();
    attacks.put(Map.of("fromUser", "zhangwei", "toUser", "chenjing"),
        "接手的工作人员须是网格员或社区书记/主任：陈静（街道办事处社区事务科科员）不办理社区的事项");
    attacks.put(Map.of("fromUser", "zhangwei", "toUser", "zhaolei"), "接手的工作人员须是网格员或社区书记/主任：赵磊（流程分析员）");
    attacks.put(Map.of("fromUser", "zhangwei", "toUser", "demo"), "演示管理员（系统管理员）不办理社区的事项");
    attacks.put(Map.of("fromUser", "zhangwei", "toUser", "nobody"), "接手的工作人员“nobody”不存在");
    attacks.put(Map.of("fromUser", "zhangwei", "toUser", "zhangwei"), "交出和接手的不能是同一人");
    attacks.put(Map.of("fromUser", "chenjing", "toUser", "wangfang"), "交出任务的工作人员须是网格员或社区书记/主任：陈静");
    attacks.put(Map.of("toUser", "wangfang"), "请选择交出任务的工作人员");
    attacks.put(Map.of("fromUser", "zhangwei", "toUser", "wangfang", "reason", "病".repeat(201)), "移交原因不能超过 200 字");
    attacks.forEach((body, reason) -> {
      ResponseEntity<String> response = post("liuyang", body);
      assertThat(response.getStatusCode()).as(body.toString()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(response.getBody()).as(body.toString()).contains(reason).doesNotContain("Exception");
    });
    Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(task.getAssignee()).isEqualTo("zhangwei");
    assertThat(runtimeService.getVariable(pi.getId(), "caseHolder")).isEqualTo("zhangwei");
  }

  private ProcessInstance startAndClaim(String summary) {
    ProcessInstance pi = organisation.runAs("zhangwei", () -> runtimeService.startProcessInstanceByKey("reception",
        Map.of("channel", "visit", "residentName", "周建国", "residentPhone", "13941400002",
            "category", "general-inquiry", "summary", summary, "priorityGroup", "none")));
    taskService.claim(taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId(), "zhangwei");
    return pi;
  }

  private ResponseEntity<String> post(String user, Map<String, String> body) {
    return rest.exchange("/api/tasks/handover", HttpMethod.POST, json(body, user), String.class);
  }

  private static HttpEntity<Map<String, String>> json(Map<String, String> body, String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (user != null) {
      headers.setBasicAuth(user, "demo");
    }
    return new HttpEntity<>(body, headers);
  }

  private static String recipients(MimeMessage message) {
    try {
      return Arrays.toString(message.getAllRecipients());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
