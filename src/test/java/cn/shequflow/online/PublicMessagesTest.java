package cn.shequflow.online;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.DemoRest;
import cn.shequflow.EngineTestSupport;
import cn.shequflow.organisation.Organisation;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** Issue 16 items 1 and 3: online messages and the progress lookup through the real controllers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PublicMessagesTest {

  @Autowired TestRestTemplate rest;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired Organisation organisation;

  private ResponseEntity<String> leave(Map<String, Object> body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.postForEntity("/api/public/messages", new HttpEntity<>(body, headers), String.class);
  }

  private static Map<String, Object> message(String phone) {
    Map<String, Object> body = new HashMap<>();
    body.put("residentName", "王<script>alert(1)</script>");
    body.put("residentPhone", phone);
    body.put("category", "facility-repair");
    body.put("summary", "3号楼楼道灯坏了");
    return body;
  }

  @Test
  @DisplayName("R-3.1.1-3 网上留言 201 得到事项编号，进入新留言与邮件；认领者为首问责任人，事项归入其网格，他网格看不到；查询显示状态")
  void aMessageWaitsInTheIntakeQueue_theClaimerTakesItToTheirGrid() {
    ResponseEntity<String> created = leave(message("13941407788"));
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String number = DemoRest.read(created).get("caseNumber").asText();
    assertThat(number).startsWith("JD");

    JsonNode received = DemoRest.read(rest.getForEntity("/api/public/cases/" + number + "?phoneTail=7788", String.class));
    assertThat(received.get("status").asText()).isEqualTo("已收到，等待社区工作人员受理");
    assertThat(received.toString()).doesNotContain("王").doesNotContain("13941407788");

    Task task = taskService.createTaskQuery().processInstanceBusinessKey(number).singleResult();
    assertThat(taskService.getIdentityLinksForTask(task.getId())).anyMatch(l -> Organisation.INTAKE.equals(l.getGroupId()));
    assertThat(organisation.runAs("lina", () -> taskService.createTaskQuery().processInstanceBusinessKey(number).count()))
        .isEqualTo(1);

    organisation.runAs("zhangwei", () -> {
      taskService.claim(task.getId(), "zhangwei");
      return null;
    });
    assertThat(organisation.runAs("lina", () -> taskService.createTaskQuery().processInstanceBusinessKey(number).count()))
        .isZero();
    assertThat(organisation.runAs("zhangwei", () -> taskService.createTaskQuery().processInstanceBusinessKey(number).count()))
        .isEqualTo(1);
    assertThat(taskService.getVariable(task.getId(), "firstResponder")).isEqualTo("zhangwei");
    assertThat(taskService.getVariable(task.getId(), "grid")).isEqualTo("grid-1");
    JsonNode community = DemoRest.read(rest.getForEntity("/api/public/cases/" + number + "?phoneTail=7788", String.class));
    assertThat(community.get("status").asText()).isEqualTo("社区办理中");
  }

  @Test
  @DisplayName("R-4.2-1 无人认领的网上留言即将到期：提醒发给每个网格（新留言与邮件组没有成员）")
  void anUnclaimedMessageDueSoon_remindsEveryGrid() {
    String number = DemoRest.read(leave(message("13941407790"))).get("caseNumber").asText();
    Task task = taskService.createTaskQuery().processInstanceBusinessKey(number).singleResult();
    try {
      ClockUtil.setCurrentTime(new Date(task.getDueDate().getTime() - 30 * 60 * 1000));
      EngineTestSupport.fireDueTimers(managementService, task.getProcessInstanceId());
      assertThat((String) runtimeService.getVariable(task.getProcessInstanceId(), "deadlineRecipients"))
          .contains("group:grid-1", "group:grid-2", "group:grid-3").doesNotContain("group:" + Organisation.INTAKE);
    } finally {
      ClockUtil.reset();
      runtimeService.deleteProcessInstance(task.getProcessInstanceId(), "测试结束");
    }
  }

  @Test
  @DisplayName("网上留言：电话格式错、未选事项 400 中文；隐藏字段被填写 400 且不立案")
  void badInputIsRefusedInChinese_andTheHoneypotStartsNothing() {
    ResponseEntity<String> badPhone = leave(message("12345"));
    assertThat(badPhone.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(DemoRest.read(badPhone).get("message").asText()).contains("联系电话").contains("格式不正确");
    Map<String, Object> noCategory = message("13941407789");
    noCategory.put("category", "");
    assertThat(DemoRest.read(leave(noCategory)).get("message").asText()).isEqualTo("请选择事项类别");
    long before = taskService.createTaskQuery().count();
    Map<String, Object> robot = message("13941407790");
    robot.put("website", "http://spam.example");
    assertThat(leave(robot).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(taskService.createTaskQuery().count()).isEqualTo(before);
  }

  @Test
  @DisplayName("R-4.2-4 办件查询：错误的尾号与不存在的编号回答完全相同（404）")
  void aWrongTailAnswersExactlyAsAMissingCase() {
    String number = DemoRest.read(leave(message("13941407791"))).get("caseNumber").asText();
    ResponseEntity<String> wrongTail = rest.getForEntity("/api/public/cases/" + number + "?phoneTail=0000", String.class);
    ResponseEntity<String> missing = rest.getForEntity("/api/public/cases/JD20000101-99999?phoneTail=7791", String.class);
    assertThat(wrongTail.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(wrongTail.getBody()).isEqualTo(missing.getBody()).contains("没有找到该事项");
  }

  @Test
  @DisplayName("网上留言页与回执：居民输入被转义，回执写明如何查询")
  void thePagesEscapeWhatTheResidentTyped() {
    ResponseEntity<String> page = rest.getForEntity("/public/message", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("网上留言", "路灯、楼道等公共设施坏了", "name=\"website\"");
    assertThat(rest.getForEntity("/public/lookup", String.class).getBody()).contains("联系电话后四位");
  }
}
