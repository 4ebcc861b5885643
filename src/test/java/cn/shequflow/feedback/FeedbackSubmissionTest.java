package cn.shequflow.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.organisation.Organisation;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Issue 10 item 8 (finding 8: a 2,000-character comment gave 500, still filed a complaint and left the link usable):
 * a feedback submission is checked before anything is written, and files its complaint and uses up its link in one
 * transaction.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FeedbackSubmissionTest {

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired Organisation organisation;
  @Autowired FeedbackCards cards;
  @Autowired JdbcTemplate jdbc;

  @Test
  @DisplayName("issue 10 item 8 / finding 8：超长意见 400 中文、不立投诉、链接仍有效；有效评价立投诉并使链接失效，重复提交被拒绝")
  void aTooLongCommentChangesNothing_aValidOneFilesOneComplaintAndUsesTheLink() {
    String caseNumber = closedCase();
    String token = cards.latestForCase(caseNumber).orElseThrow().token();

    ResponseEntity<String> tooLong = rate(token, "意".repeat(FeedbackCards.COMMENT_MAX + 1));
    assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tooLong.getBody()).contains("意见过长").contains("评价链接仍然有效");
    assertThat(complaintsAbout(caseNumber)).isZero();
    assertThat(cards.find(token).orElseThrow().usedAt()).isNull();
    assertThat(rest.getForEntity("/feedback/" + token, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

    assertThat(rate(token, "态度不好").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(complaintsAbout(caseNumber)).isEqualTo(1);
    assertThat(cards.find(token).orElseThrow().usedAt()).isNotNull();

    assertThat(rate(token, "再投诉一次").getStatusCode()).isEqualTo(HttpStatus.GONE);
    assertThat(complaintsAbout(caseNumber)).isEqualTo(1);
  }

  @Test
  @DisplayName("issue 10 item 8：立投诉失败时整体回滚：没有投诉，链接未被使用")
  void aFailureInTheMiddleLeavesNothingHalfDone() {
    String token = "test-broken-card-" + System.nanoTime();
    Timestamp now = new Timestamp(System.currentTimeMillis());
    // a card whose resident phone the complaint refuses, so filing fails after the link was claimed
    jdbc.update("insert into feedback_card (token, case_number, process_key, process_instance_id, category_name, grid, "
        + "first_responder, resident_name, resident_phone, resident_email, created_at, expires_at) values (?, ?, "
        + "'reception', 'none', '一般咨询', 'grid-1', 'zhangwei', '孙桂兰', '123', '', ?, ?)", token, "JD-BROKEN-1", now,
        new Timestamp(now.getTime() + 86_400_000L));

    ResponseEntity<String> failed = rate(token, "不满意");

    assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(failed.getBody()).contains("评价链接仍然有效");
    assertThat(complaintsAbout("JD-BROKEN-1")).isZero();
    assertThat(cards.find(token).orElseThrow().usedAt()).isNull();
  }

  private String closedCase() {
    Map<String, Object> input = new HashMap<>(Map.of("channel", "visit", "residentName", "吴晓燕",
        "residentPhone", "13941400001", "category", "general-inquiry", "summary", "咨询", "priorityGroup", "none"));
    ProcessInstance pi = organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("reception", input));
    String task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
    taskService.complete(task, Map.of("outcome", "answered", "answer", "已答复"));
    return pi.getBusinessKey();
  }

  private long complaintsAbout(String caseNumber) {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey("complaint")
        .variableValueEquals("relatedCase", caseNumber).count();
  }

  private ResponseEntity<String> rate(String token, String comment) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("rating", "dissatisfied");
    form.add("comment", comment);
    return rest.exchange("/feedback/" + token, HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
  }
}
