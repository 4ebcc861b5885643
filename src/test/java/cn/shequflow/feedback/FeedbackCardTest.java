package cn.shequflow.feedback;

import static cn.shequflow.EngineTestSupport.setClock;
import static cn.shequflow.EngineTestSupport.shanghai;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.shequflow.organisation.Organisation;
import com.icegreen.greenmail.util.GreenMail;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.util.LinkedMultiValueMap;

/** The service feedback card (R-1.2-4): one-time expiring link, the worker's way, 不满意 → complaint (R-4.3-1). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FeedbackCardTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired Organisation organisation;
  @Autowired FeedbackCards cards;
  @Autowired GreenMail greenMail;
  @Autowired TestRestTemplate rest;
  @Autowired WebApplicationContext web;

  @BeforeEach
  void init() throws Exception {
    BpmnAwareTests.init(engine);
    greenMail.purgeEmailFromAllMailboxes();
    setClock(shanghai(2026, 11, 16, 10, 0));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  @DisplayName("R-1.2-4 办结的事项有评价卡，邮件发出一次性链接；评价一次后链接失效")
  void closedCaseGetsACard_mailedLink_usableOnce() throws Exception {
    ProcessInstance pi = closedCase("wu.xiaoyan@resident.example");
    String token = cards.latestForCase(pi.getBusinessKey()).orElseThrow().token();

    cards.mailPending();
    assertThat(greenMail.getReceivedMessagesForDomain("wu.xiaoyan@resident.example")[0].getContent().toString())
        .contains("/feedback/" + token);
    ResponseEntity<String> page = rest.getForEntity("/feedback/" + token, String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains(pi.getBusinessKey()).contains("满意").doesNotContain("13941400001");

    assertThat(rate(token, "satisfied").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(rate(token, "dissatisfied").getStatusCode()).isEqualTo(HttpStatus.GONE);
    assertThat(cards.find(token).orElseThrow().rating()).isEqualTo("satisfied");
  }

  @Test
  @DisplayName("R-1.2-4 链接过期后拒绝评价；未知链接 404")
  void expiredOrUnknownLinks_areRefused() {
    ProcessInstance pi = closedCase("");
    String token = cards.latestForCase(pi.getBusinessKey()).orElseThrow().token();

    setClock(shanghai(2026, 12, 1, 10, 0)); // 15 days later; cards are valid 14 days
    assertThat(rate(token, "satisfied").getStatusCode()).isEqualTo(HttpStatus.GONE);
    assertThat(rest.getForEntity("/feedback/no-such-token", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  @DisplayName("R-1.2-4 同一地址连试 20 个错误链接后被拒绝（429，中文），连自己的卡也要等一分钟；"
      + "居民反复打开、提交自己的卡从不被限")
  void guessedLinks_areRefusedPerAddress_ownCardNeverCounts() throws Exception {
    ProcessInstance pi = closedCase("");
    String token = cards.latestForCase(pi.getBusinessKey()).orElseThrow().token();
    // the real controller, called from addresses of its own so the shared test context's 127.0.0.1 stays unlimited
    MockMvc mvc = MockMvcBuilders.webAppContextSetup(web).build();

    for (int i = 0; i < 30; i++) {
      assertThat(status(mvc, MockMvcRequestBuilders.get("/feedback/" + token), "198.51.100.20")).isEqualTo(200);
    }
    assertThat(status(mvc, MockMvcRequestBuilders.post("/feedback/" + token).param("rating", "satisfied"),
        "198.51.100.20")).isEqualTo(200);
    for (int i = 0; i < 30; i++) {
      assertThat(status(mvc, MockMvcRequestBuilders.get("/feedback/" + token), "198.51.100.20")).isEqualTo(410);
    }

    for (int i = 0; i < FeedbackController.GUESSES_PER_MINUTE; i++) {
      assertThat(status(mvc, MockMvcRequestBuilders.get("/feedback/guess-" + i), "203.0.113.66")).isEqualTo(404);
    }
    var refused = mvc.perform(remote(MockMvcRequestBuilders.get("/feedback/" + token), "203.0.113.66")).andReturn()
        .getResponse();
    assertThat(refused.getStatus()).isEqualTo(429);
    assertThat(refused.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("尝试的评价链接过多");
    assertThat(status(mvc, MockMvcRequestBuilders.post("/feedback/guess-x").param("rating", "satisfied"),
        "203.0.113.66")).isEqualTo(429);
    assertThat(status(mvc, MockMvcRequestBuilders.get("/feedback/" + token), "198.51.100.21")).isEqualTo(410);
  }

  private static int status(MockMvc mvc, MockHttpServletRequestBuilder request, String address) throws Exception {
    return mvc.perform(remote(request, address)).andReturn().getResponse().getStatus();
  }

  private static MockHttpServletRequestBuilder remote(MockHttpServletRequestBuilder request, String address) {
    return request.with(r -> {
      r.setRemoteAddr(address);
      return r;
    });
  }

  @Test
  @DisplayName("R-1.2-4 / R-4.3-1 居民评为不满意：自动发起针对首问责任人的投诉")
  void dissatisfiedRating_startsAComplaintAboutTheFirstResponder() {
    ProcessInstance pi = closedCase("");
    String token = cards.latestForCase(pi.getBusinessKey()).orElseThrow().token();

    assertThat(rate(token, "dissatisfied").getBody()).contains("已转为投诉");

    String complaintNumber = cards.latestForCase(pi.getBusinessKey()).map(c -> {
      return runtimeService.createProcessInstanceQuery().processDefinitionKey("complaint")
          .variableValueEquals("relatedCase", pi.getBusinessKey()).singleResult().getBusinessKey();
    }).orElseThrow();
    ProcessInstance complaint = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(complaintNumber)
        .singleResult();
    assertThat(runtimeService.getVariable(complaint.getId(), "aboutWorker")).isEqualTo("zhangwei");
    assertThat(runtimeService.getVariable(complaint.getId(), "channel")).isEqualTo("card");
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(complaint).isWaitingAt("Task_Acknowledge");
  }

  @Test
  @DisplayName("R-1.2-4 工作人员代居民记录评价；其他网格不能记录")
  void theWorkerRecordsTheRatingForTheResident() {
    ProcessInstance pi = closedCase("");
    HttpHeaders lina = json("lina");
    HttpHeaders zhangwei = json("zhangwei");
    Map<String, String> body = Map.of("rating", "basicallySatisfied", "comment", "办理较快");

    assertThat(rest.exchange("/api/feedback/cases/" + pi.getBusinessKey(), HttpMethod.POST, new HttpEntity<>(body, lina),
        String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.exchange("/api/feedback/cases/" + pi.getBusinessKey(), HttpMethod.POST,
        new HttpEntity<>(body, zhangwei), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(cards.latestForCase(pi.getBusinessKey()).orElseThrow().rating()).isEqualTo("basicallySatisfied");
  }

  private ProcessInstance closedCase(String email) {
    Map<String, Object> input = new HashMap<>(Map.of("channel", "visit", "residentName", "吴晓燕",
        "residentPhone", "13941400001", "residentEmail", email, "category", "general-inquiry",
        "summary", "咨询", "priorityGroup", "none"));
    ProcessInstance pi = organisation.runAs("zhangwei", () -> runtimeService.startProcessInstanceByKey("reception", input));
    complete(task(pi), withVariables("outcome", "answered", "answer", "已答复"));
    return pi;
  }

  private ResponseEntity<String> rate(String token, String rating) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("rating", rating);
    form.add("comment", "测试");
    return rest.exchange("/feedback/" + token, HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
  }

  private static HttpHeaders json(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBasicAuth(user, "demo");
    return headers;
  }
}
