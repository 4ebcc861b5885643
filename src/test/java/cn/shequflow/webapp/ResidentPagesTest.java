package cn.shequflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.feedback.FeedbackCards;
import cn.shequflow.organisation.Organisation;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Issue 13 item 10 over HTTP: every resident-facing page (feedback card and its answers, receipt, the proxy print
 * pages, message and error pages) carries the community's look — its name, logo and phone, the shared stylesheet
 * with its print rules, a phone viewport — shows times in Asia/Shanghai to the minute and people by name. How the
 * pages look on a 390 px phone is ResidentPagesBrowserTest's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ResidentPagesTest {

  static final Pattern MILLIS_OR_ISO = Pattern.compile("\\d{1,2}:\\d{2}:\\d{2}|\\d{2}\\.\\d{3}|\\dT\\d{2}:|UTC|GMT|CST");
  static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired Organisation organisation;
  @Autowired FeedbackCards cards;
  @Autowired TemplateEngine templates;
  @Value("${shequ.community-name}") String communityName;
  @Value("${shequ.community-phone}") String communityPhone;

  ResidentCases cases;

  @BeforeEach
  void init() {
    ClockUtil.reset();
    cases = new ResidentCases(runtimeService, taskService, organisation, cards);
  }

  @Test
  @DisplayName("issue 13 item 10 反馈卡、评价后的答复、无效链接：社区名称、标志、电话和统一样式")
  void feedbackCardAndItsAnswers_showTheCommunity() {
    String token = cases.feedbackToken("吴晓燕");
    ResponseEntity<String> card = rest.getForEntity("/feedback/" + token, String.class);
    assertThat(card.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertCommunityLook(card.getBody());
    assertThat(card.getBody()).contains("服务意见反馈卡", "满意", "基本满意", "不满意", "提交评价")
        .doesNotContain("13941400077");

    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("rating", "satisfied");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> thanks = rest.postForEntity("/feedback/" + token, new HttpEntity<>(form, headers),
        String.class);
    assertThat(thanks.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertCommunityLook(thanks.getBody());
    assertThat(thanks.getBody()).contains("感谢您的评价", "如有疑问，请致电社区服务电话");

    ResponseEntity<String> used = rest.getForEntity("/feedback/" + token, String.class);
    assertThat(used.getStatusCode()).isEqualTo(HttpStatus.GONE);
    assertCommunityLook(used.getBody());
    ResponseEntity<String> unknown = rest.getForEntity("/feedback/no-such-token", String.class);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertCommunityLook(unknown.getBody());
  }

  @Test
  @DisplayName("issue 13 item 10 受理回执：社区名称、标志、电话；受理时间为北京时间、精确到分；首问责任人写姓名")
  void receipt_showsTheCommunity_shanghaiMinutes_andTheWorkersName() {
    ProcessInstance pi = cases.openReception("孙桂兰");
    ResponseEntity<String> receipt = get("/print/receipt/" + pi.getBusinessKey(), "zhangwei");
    assertThat(receipt.getStatusCode()).isEqualTo(HttpStatus.OK);
    String body = receipt.getBody();
    assertCommunityLook(body);
    Date received = (Date) runtimeService.getVariable(pi.getId(), "receivedAt");
    assertThat(body).contains(MINUTE.format(received.toInstant().atZone(ResidentCases.SHANGHAI)), "张伟", "打印回执")
        .doesNotContain("zhangwei");
    assertThat(MILLIS_OR_ISO.matcher(text(body)).find()).as(text(body)).isFalse();
  }

  @Test
  @DisplayName("issue 13 item 10 代办委托书和交接单：社区名称、标志、电话、A4 打印样式；时间到分，经办人写姓名")
  void proxyPrintPages_showTheCommunity_andPrintOnA4() {
    ProcessInstance pi = cases.handedOverProxy();
    for (String document : List.of("entrustment", "handover")) {
      ResponseEntity<String> page = get("/print/proxy/" + pi.getBusinessKey() + "/" + document, "zhangwei");
      assertThat(page.getStatusCode()).as(document).isEqualTo(HttpStatus.OK);
      assertCommunityLook(page.getBody());
      assertThat(page.getBody()).contains("class=\"document\"", "本服务免费", "张伟", "孙桂兰").doesNotContain("zhangwei");
      assertThat(MILLIS_OR_ISO.matcher(text(page.getBody())).find()).as(text(page.getBody())).isFalse();
    }
    Date accepted = (Date) historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName("acceptedAt").singleResult().getValue();
    assertThat(get("/print/proxy/" + pi.getBusinessKey() + "/entrustment", "zhangwei").getBody())
        .contains(MINUTE.format(accepted.toInstant().atZone(ResidentCases.SHANGHAI)));

    ResponseEntity<String> refused = get("/print/proxy/" + pi.getBusinessKey() + "/entrustment", "lina");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertCommunityLook(refused.getBody());
  }

  @Test
  @DisplayName("issue 13 item 10 错误页面（404、500）也有社区名称、标志、电话；样式表和标志无须登录即可取得")
  void errorPages_andTheSharedAssets() {
    HttpHeaders html = new HttpHeaders();
    html.setAccept(List.of(MediaType.TEXT_HTML));
    ResponseEntity<String> missing = rest.exchange("/no-such-page", HttpMethod.GET, new HttpEntity<>(html),
        String.class);
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertCommunityLook(missing.getBody());
    assertThat(missing.getBody()).contains("页面不存在", "错误代码");

    // a template rendered outside a request (as ChineseErrorAnswersTest does) has the community too
    Context model = new Context();
    model.setVariables(Map.of("status", 500, "message", "服务器内部错误"));
    assertCommunityLook(templates.process("error/500", model));

    ResponseEntity<String> css = rest.getForEntity("/shequ-assets/community.css", String.class);
    assertThat(css.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(css.getHeaders().getContentType().toString()).startsWith("text/css");
    assertThat(css.getBody()).contains("@media print", "@page", "size: A4", "max-width: 600px");
    ResponseEntity<String> logo = rest.getForEntity("/shequ-assets/community-logo.svg", String.class);
    assertThat(logo.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(logo.getHeaders().getContentType().toString()).startsWith("image/svg+xml");
    assertThat(logo.getBody()).startsWith("<svg").doesNotContain("<script", "href=\"http");
  }

  /** The header and footer of templates/layout/community.html, the stylesheet and a phone's viewport. */
  private void assertCommunityLook(String html) {
    assertThat(html).contains("lang=\"zh-CN\"", "name=\"viewport\" content=\"width=device-width",
        "href=\"/shequ-assets/community.css\"", "src=\"/shequ-assets/community-logo.svg\"",
        "class=\"community-name\">" + communityName + "<", "href=\"tel:" + communityPhone + "\"");
    assertThat(html.split(Pattern.quote(communityPhone), -1)).as("phone in header and footer").hasSizeGreaterThan(2);
  }

  private ResponseEntity<String> get(String path, String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, "demo", StandardCharsets.UTF_8);
    return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  /** The page's text without tags, scripts, styles and attributes, which are not what a resident reads. */
  private static String text(String html) {
    return html.replaceAll("(?s)<!--.*?-->", " ").replaceAll("(?s)<(script|style)\\b.*?</\\1>", " ")
        .replaceAll("(?s)<[^>]*>", " ");
  }
}
