package cn.shequflow.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Issue 16 item 1 (abuse): the 网上留言 page opens no session per visitor (reloading it cannot fill the server's
 * memory); its form is accepted only with a token this app signed in the last hours, without any cookie.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PublicFormTokensTest {

  private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @Autowired TestRestTemplate rest;

  @Test
  @DisplayName("R-3.1.1-3 留言页不建会话（无 Set-Cookie）；带页面上的令牌、不带 Cookie 提交得到回执；伪造的令牌 403，中文说明且保留所填内容")
  void noSessionAndASignedToken() {
    ResponseEntity<String> page = rest.getForEntity("/public/message", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
    Matcher token = TOKEN.matcher(page.getBody());
    assertThat(token.find()).isTrue();

    ResponseEntity<String> receipt = post(token.group(1), "13941407795");
    ResponseEntity<String> forged = post(token.group(1).replaceFirst("^\\d+", "9999999999"), "13941407796");
    ResponseEntity<String> none = post("", "13941407797");

    assertThat(receipt.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(receipt.getBody()).contains("事项编号");
    assertThat(receipt.getHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
    for (ResponseEntity<String> refused : java.util.List.of(forged, none)) {
      assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getBody()).contains("页面已过期，请检查内容后再提交一次。", "4号楼电梯异响");
    }
  }

  @Test
  @DisplayName("令牌：本应用签发、有效期内才算；过期、改动、另一把密钥签发、格式不对都不算")
  void tokenRules() {
    Clock issued = Clock.fixed(Instant.parse("2026-12-04T02:00:00Z"), ZoneOffset.UTC);
    String token = new PublicFormTokens("secret", issued).issue();
    PublicFormTokens later = new PublicFormTokens("secret",
        Clock.offset(issued, PublicFormTokens.VALID_FOR.minusSeconds(1)));
    PublicFormTokens expired = new PublicFormTokens("secret",
        Clock.offset(issued, PublicFormTokens.VALID_FOR.plusSeconds(1)));

    assertThat(later.valid(token)).isTrue();
    assertThat(expired.valid(token)).isFalse();
    assertThat(new PublicFormTokens("another", issued).valid(token)).isFalse();
    assertThat(later.valid(token.substring(0, token.length() - 1) + "A")).isFalse();
    assertThat(later.valid((Long.parseLong(token.substring(0, token.indexOf('.'))) + 60)
        + token.substring(token.indexOf('.')))).isFalse();
    for (String bad : new String[] {null, "", ".", "abc.def", "1.", "x".repeat(200)}) {
      assertThat(later.valid(bad)).as(String.valueOf(bad)).isFalse();
    }
  }

  private ResponseEntity<String> post(String token, String phone) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("_csrf", token);
    form.add("residentName", "赵桂芳");
    form.add("residentPhone", phone);
    form.add("category", "facility-repair");
    form.add("summary", "4号楼电梯异响");
    form.add("website", "");
    return rest.postForEntity("/public/message", new HttpEntity<>(form, headers), String.class);
  }
}
