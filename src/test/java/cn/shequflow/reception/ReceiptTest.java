package cn.shequflow.reception;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.organisation.Organisation;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
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
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** Issue 13 item 4: the 受理回执 a worker prints at intake, for the case's grid and the managers only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ReceiptTest {

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired Organisation organisation;

  @Test
  @DisplayName("R-4.2-4 受理回执：事项编号、事项、答复时间、首问责任人姓名职务电话、社区电话；不印居民电话；他网格 403")
  void receiptCarriesWhatTheResidentNeeds_andOnlyTheGridSeesIt() {
    Map<String, Object> input = ReceptionInput.of("letter");
    input.put("residentName", "孙<b>桂兰</b>");
    ProcessInstance pi = organisation.runAs("zhangwei", () -> runtimeService.startProcessInstanceByKey("reception", input));
    String number = pi.getBusinessKey();

    ResponseEntity<String> receipt = get(number, "zhangwei");
    assertThat(receipt.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(receipt.getBody()).contains("受理回执", number, "一般咨询", "张伟", "（网格员（第一网格））",
            "0414-2812301", "0414-2812345", "本溪市平山区崔东社区", "孙&lt;b&gt;桂兰&lt;/b&gt;")
        .contains((String) runtimeService.getVariable(pi.getId(), "replyDueText"))
        .doesNotContain("13941400001").doesNotContain("<b>桂兰");

    assertThat(get(number, "liuyang").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get(number, "lina").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(get("JD00000000-99999", "zhangwei").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(rest.getForEntity("/print/receipt/" + number, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private ResponseEntity<String> get(String number, String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, "demo", StandardCharsets.UTF_8);
    return rest.exchange("/print/receipt/" + number, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }
}
