package cn.shequflow.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.shequflow.DemoRest;
import cn.shequflow.EngineTestSupport;
import cn.shequflow.mailintake.EmailCaseLookup;
import cn.shequflow.organisation.Organisation;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * Issue 16 item 3, the lookup's remaining answers: a case at the street office, a closed case with its outcome, and
 * the 429 once an address or a case has used up its tries (the real controller and limiter, with small limits).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CaseLookupTest {

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired Organisation organisation;
  @Autowired JdbcTemplate jdbc;
  @Autowired EmailCaseLookup emailCases;
  @Autowired OnlineDesk desk;

  private ProcessInstance received(String phone) {
    Map<String, Object> input = new HashMap<>();
    input.put("channel", "visit");
    input.put("residentName", "孙桂兰");
    input.put("residentPhone", phone);
    input.put("category", "subsistence-allowance");
    input.put("summary", "家中困难，申请帮助");
    return organisation.runAs("zhangwei", () -> runtimeService.startProcessInstanceByKey("reception", input));
  }

  private void complete(ProcessInstance instance, Map<String, Object> decision) {
    Task handle = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    organisation.runAs("zhangwei", () -> {
      taskService.complete(handle.getId(), decision);
      return null;
    });
  }

  private JsonNode lookUp(ProcessInstance instance, String tail) {
    ResponseEntity<String> answer = rest.getForEntity("/api/public/cases/" + instance.getBusinessKey()
        + "?phoneTail=" + tail, String.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    return DemoRest.read(answer);
  }

  @Test
  @DisplayName("R-4.2-4 办件查询：上报街道的事项显示“街道办理中”和街道办事处（不显示任何人的姓名），以及承诺日期")
  void aCaseAtTheStreetOffice_namesTheStreetOffice() {
    ProcessInstance instance = received("13941407811");
    complete(instance, Map.of("outcome", "reportUpward", "reportReason", "需街道审核", "escalationTarget",
        "street-office"));
    EngineTestSupport.runAsyncSteps(managementService);

    JsonNode progress = lookUp(instance, "7811");
    assertThat(progress.get("stage").asText()).isEqualTo("streetOffice");
    assertThat(progress.get("status").asText()).isEqualTo("已上报街道，街道办理中");
    assertThat(progress.get("unit").asText()).contains("街道");
    assertThat(progress.get("promisedDateText").asText()).matches("\\d{4}年\\d{1,2}月\\d{1,2}日");
    assertThat(progress.get("outcome").isNull()).isTrue();
    assertThat(progress.toString()).doesNotContain("孙桂兰").doesNotContain("13941407811").doesNotContain("张伟")
        .doesNotContain("陈静").doesNotContain("家中困难");
    runtimeService.deleteProcessInstance(instance.getId(), "测试结束");
  }

  @Test
  @DisplayName("R-4.2-4 办件查询：已办结的事项显示“已办结”和办理结果")
  void aClosedCase_showsItsOutcome() {
    ProcessInstance instance = received("13941407812");
    complete(instance, Map.of("outcome", "answered", "answer", "已告知低保申请条件和所需材料"));
    EngineTestSupport.runAsyncSteps(managementService);

    JsonNode progress = lookUp(instance, "7812");
    String outcome = jdbc.queryForObject("select outcome_label from case_register where case_number = ?",
        String.class, instance.getBusinessKey());
    assertThat(progress.get("stage").asText()).isEqualTo("closed");
    assertThat(progress.get("status").asText()).isEqualTo("已办结");
    assertThat(outcome).isNotBlank();
    assertThat(progress.get("outcome").asText()).isEqualTo(outcome);
    assertThat(progress.toString()).doesNotContain("已告知低保申请条件").doesNotContain("孙桂兰");
  }

  private static MockHttpServletResponse ask(MockMvc mvc, String number, String tail, String address)
      throws Exception {
    return mvc.perform(get("/api/public/cases/" + number).param("phoneTail", tail).with(request -> {
      request.setRemoteAddr(address);
      return request;
    })).andReturn().getResponse();
  }

  @Test
  @DisplayName("R-4.2-4 办件查询限流：同一地址查询过多、同一事项尾号错误过多时 429，中文说明何时再试；正确的尾号此时也不回答")
  void tooManyLookups_are429() throws Exception {
    ProcessInstance instance = received("13941407813");
    String number = instance.getBusinessKey();
    CaseProgress small = new CaseProgress(jdbc, emailCases, "本溪市平山区崔东社区", "Asia/Shanghai", 3, 2,
        Duration.ofMinutes(15));
    MockMvc mvc = MockMvcBuilders.standaloneSetup(new PublicCasesController(desk, small)).build();

    for (int i = 0; i < 3; i++) {
      assertThat(ask(mvc, "JD20000101-0000" + i, "1234", "10.0.0.7").getStatus()).isEqualTo(404);
    }
    MockHttpServletResponse blocked = ask(mvc, number, "7813", "10.0.0.7");
    assertThat(blocked.getStatus()).isEqualTo(429);
    assertThat(blocked.getHeader("Retry-After")).isEqualTo("900");
    assertThat(blocked.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("查询过于频繁，请15分钟后再试").doesNotContain("孙桂兰");

    // wrong tails for one case, from many addresses: the case is held back, even for the right tail
    assertThat(ask(mvc, number, "0000", "10.0.1.1").getStatus()).isEqualTo(404);
    assertThat(ask(mvc, number, "0001", "10.0.1.2").getStatus()).isEqualTo(404);
    assertThat(ask(mvc, number, "7813", "10.0.1.3").getStatus()).isEqualTo(429);
    runtimeService.deleteProcessInstance(instance.getId(), "测试结束");
  }
}
