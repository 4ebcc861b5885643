package cn.shequflow.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.organisation.Organisation;
import cn.shequflow.reception.ReceptionInput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
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
import org.springframework.test.context.ActiveProfiles;

/** Issue 13 item 6: the case's whole history for its grid (事项经过), and nobody else's. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CaseHistoryTest {

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired FormService formService;
  @Autowired Organisation organisation;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  @DisplayName("R-3.1.1-1 事项经过：每一步、谁、何时、办理方式（表单的中文选项）；案件办结后仍可按编号查到")
  void historyShowsEveryStepWhoWhenAndWhatWasDecided() throws Exception {
    ProcessInstance pi = organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("reception", ReceptionInput.of("visit")));
    String number = pi.getBusinessKey();
    Task handle = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    organisation.runAs("zhangwei", () -> {
      formService.submitTaskForm(handle.getId(), Map.of("outcome", "answered", "answer", "活动室每天8:30-17:00开放"));
      return null;
    });

    ResponseEntity<String> answer = get("/api/cases/" + number + "/history", "zhangwei");
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode history = json.readTree(answer.getBody());
    assertThat(history.path("caseNumber").asText()).isEqualTo(number);
    assertThat(history.path("procedure").asText()).isEqualTo("接待");
    assertThat(history.path("grid").asText()).isEqualTo("grid-1");
    assertThat(history.path("closedAt").asText()).as("closed cases stay findable").isNotBlank();
    JsonNode step = history.path("steps").get(0);
    assertThat(step.path("name").asText()).isEqualTo(handle.getName());
    assertThat(step.path("holder").asText()).isEqualTo("张伟");
    assertThat(step.path("state").asText()).isEqualTo("已完成");
    assertThat(step.path("startedAt").asText()).matches("\\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2}");
    assertThat(step.path("entered").path("办理方式").asText()).as("the option's label, not its code")
        .isEqualTo("当场答复");
    assertThat(step.path("entered").path("答复内容 / 办理结果").asText()).isEqualTo("活动室每天8:30-17:00开放");
    assertThat(answer.getBody()).doesNotContain("answered").doesNotContain("13941400001");
    assertThat(history.path("documents")).hasSize(1);
    assertThat(history.path("documents").get(0).path("title").asText()).isEqualTo("受理回执");
    String receipt = history.path("documents").get(0).path("href").asText();
    assertThat(receipt).isEqualTo("/print/receipt/" + number);
    assertThat(get(receipt, "zhangwei").getBody()).as("the receipt opens after the case is closed").contains(number);
    assertThat(get(receipt, "lina").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  @DisplayName("R-4.1-1 另一网格 403、未登录 401、无此编号 404；按任务读取时，看不到的任务与不存在的一样 404")
  void anotherGridAnonymousAndUnknownAreRefused() {
    ProcessInstance pi = organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("reception", ReceptionInput.of("visit")));
    String number = pi.getBusinessKey();
    Task handle = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();

    assertThat(get("/api/cases/" + number + "/history", "liuyang").getStatusCode()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> other = get("/api/cases/" + number + "/history", "lina");
    assertThat(other.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(other.getBody()).contains("无权查看");
    assertThat(rest.getForEntity("/api/cases/" + number + "/history", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(get("/api/cases/JD20990101-9999/history", "zhangwei").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    assertThat(get("/api/tasks/" + handle.getId() + "/case-history", "zhangwei").getBody()).contains(number);
    ResponseEntity<String> hidden = get("/api/tasks/" + handle.getId() + "/case-history", "lina");
    assertThat(hidden.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(hidden.getBody()).doesNotContain(number);
    assertThat(get("/api/tasks/no-such-task/case-history", "zhangwei").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  @DisplayName("R-4.2-4 上报街道的事项：街道办能读事项经过，但不列文书链接（打印页面只给本网格和书记/主任）")
  void streetOfficeReadsAnEscalatedCase_withoutLinksToPapersItMayNotOpen() throws Exception {
    Map<String, Object> input = new java.util.HashMap<>(ReceptionInput.of("visit"));
    input.put("category", "subsistence-allowance");
    ProcessInstance pi = organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("reception", input));
    String number = pi.getBusinessKey();
    Task handle = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    organisation.runAs("zhangwei", () -> {
      taskService.complete(handle.getId(), Map.of("outcome", "reportUpward", "reportReason", "需街道审核",
          "escalationTarget", "street-office"));
      return null;
    });

    ResponseEntity<String> street = get("/api/cases/" + number + "/history", "chenjing");
    assertThat(street.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(street.getBody()).path("documents")).isEmpty();
    assertThat(get("/print/receipt/" + number, "chenjing").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(json.readTree(get("/api/cases/" + number + "/history", "zhangwei").getBody()).path("documents")
        .get(0).path("href").asText()).isEqualTo("/print/receipt/" + number);
  }

  ResponseEntity<String> get(String path, String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, "demo", StandardCharsets.UTF_8);
    return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }
}
