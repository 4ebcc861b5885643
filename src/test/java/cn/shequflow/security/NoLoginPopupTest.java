package cn.shequflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.RawHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The JSON endpoints the staff pages and Tasklist's header call answer a caller without a login with 401 and a
 * Chinese message, but without a Basic challenge: after the Tasklist session ran out, the browser must not pop up
 * its own (English) login box over the page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class NoLoginPopupTest {

  @LocalServerPort int port;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/api/calendar/year-warning", "/api/calendar/days?year=2026", "/api/kpi", "/api/cases",
      "/api/kpi/monthly-report", "/api/staff/header-links"})
  void notLoggedIn_401InChinese_noBasicChallenge(String path) throws Exception {
    RawHttp.Response response = RawHttp.to(port).get(path);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).isNull();
    assertThat(response.body()).contains("请先登录");
  }
}
