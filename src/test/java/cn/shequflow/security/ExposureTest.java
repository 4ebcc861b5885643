package cn.shequflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shequflow.RawHttp;
import cn.shequflow.ShequFlowApplication;
import cn.shequflow.feedback.FeedbackCards;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 10 item 1 in the demo profile, tried from outside as an attacker would: it listens on loopback only and
 * refuses to start anywhere else, its pages send security headers, its cookies are SameSite=Lax and HttpOnly, the
 * session times out after 30 minutes, and mails link to the configured public address, never localhost:8080.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ExposureTest {

  @LocalServerPort int port;
  @Autowired ServletWebServerApplicationContext context;
  @Autowired FeedbackCards feedbackCards;

  @Test
  @DisplayName("issue 10 item 1 演示配置只在 127.0.0.1 上监听：Tomcat 的连接器绑定在回环地址")
  void demoListensOnLoopbackOnly() throws Exception {
    assertThat(context.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
    Object bound = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector().getProperty("address");
    InetAddress address = bound instanceof InetAddress inet ? inet : InetAddress.getByName(String.valueOf(bound));
    assertThat(address.isLoopbackAddress()).as("connector bound to %s", bound).isTrue();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      assertThat(socket.isConnected()).isTrue();
    }
  }

  @Test
  @DisplayName("issue 10 item 1 演示配置（密码 demo）在非回环地址上启动被拒绝，中文说明改用 prod")
  void demoOnANetworkAddress_refusesToStart() {
    for (String address : new String[] {"0.0.0.0", "", "192.0.2.10", "::"}) {
      assertThatThrownBy(() -> new SpringApplicationBuilder(ShequFlowApplication.class)
          .run("--server.address=" + address, "--spring.datasource.url=jdbc:h2:mem:exposed"))
          .as("server.address=%s", address)
          .hasMessageContaining("只允许在本机回环地址（127.0.0.1）上监听")
          .hasMessageContaining("--spring.profiles.active=prod");
    }
    assertThat(DemoLoopbackCheck.isLoopback("localhost")).isTrue();
    assertThat(DemoLoopbackCheck.isLoopback("::1")).isTrue();
  }

  @Test
  @DisplayName("issue 10 item 1 应用自己的页面、接口和静态文件都带安全响应头（CSP、nosniff、frame-ancestors、Referrer-Policy）")
  void appPagesSendSecurityHeaders() throws Exception {
    for (String path : new String[] {"/coverage", "/households/1", "/print/proxy/JD00000000-00000/entrustment",
        "/feedback/not-a-token", "/admin/audit", "/admin/lockouts", "/shequ-assets/shequ.css",
        "/shequ-assets/print.js", "/engine-rest/task", "/api/coverage", "/no-such-page"}) {
      RawHttp.Response response = RawHttp.to(port).get(path);

      assertThat(response.status()).as(path).isLessThan(500);
      assertThat(response.header("Content-Security-Policy")).as(path)
          .contains("default-src 'self'").contains("script-src 'self'").contains("frame-ancestors 'self'")
          .contains("object-src 'none'").doesNotContain("unsafe-eval");
      assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("SAMEORIGIN");
      assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("same-origin");
    }
    // the Camunda webapps keep their own policy (with its script nonce) and get the rest
    RawHttp.Response tasklist = RawHttp.to(port).get("/camunda/app/tasklist/default/");
    assertThat(tasklist.header("Content-Security-Policy")).contains("'nonce-").contains("frame-ancestors 'none'");
    assertThat(tasklist.header("Referrer-Policy")).isEqualTo("same-origin");
    assertThat(tasklist.header("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  @DisplayName("issue 10 item 1 应用页面在 CSP 下照常工作：没有内联脚本或内联事件处理（打印按钮用 /shequ-assets/print.js）")
  void appPagesHaveNoInlineScripts() throws IOException {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      // the deployment guard names script tags and javascript: links only to refuse them in models
      for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.toString().contains("/deployment/"))
          .toList()) {
        String source = Files.readString(file, StandardCharsets.UTF_8);
        if (source.matches("(?s).*\\son(click|load|submit|change|error)\\s*=.*") || source.contains("<script>")
            || source.contains("javascript:")) {
          offenders.add(file.toString());
        }
      }
    }
    assertThat(offenders).isEmpty();
    assertThat(RawHttp.to(port).get("/shequ-assets/print.js").body()).contains("window.print()");
  }

  @Test
  @DisplayName("issue 10 item 1 Cookie：会话和 XSRF-TOKEN 都是 SameSite=Lax（各一次），会话 Cookie 为 HttpOnly；会话 30 分钟超时")
  void cookiesAreSameSiteLax_andTheSessionTimesOut() throws Exception {
    RawHttp.Response app = RawHttp.to(port).get("/camunda/app/tasklist/default/");
    String session = app.all("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
    String xsrf = app.all("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow();
    assertThat(session).containsOnlyOnce("SameSite=Lax").contains("HttpOnly").doesNotContain("Secure");
    assertThat(xsrf).containsOnlyOnce("SameSite=Lax");

    RawHttp.Response login = RawHttp.to(port).webappLogin("zhangwei", "demo");
    assertThat(login.status()).isEqualTo(200);
    for (String cookie : login.all("Set-Cookie")) {
      assertThat(cookie).containsOnlyOnce("SameSite=Lax");
    }

    Context tomcatContext = (Context) ((TomcatWebServer) context.getWebServer()).getTomcat().getHost()
        .findChildren()[0];
    assertThat(tomcatContext.getSessionTimeout()).isEqualTo(30);
  }

  @Test
  @DisplayName("issue 10 item 11 邮件中的链接以配置的对外地址开头，代码、模板和表单中不再有 localhost:8080")
  void linksUseThePublicBaseUrl() throws IOException {
    assertThat(feedbackCards.link("abc")).isEqualTo("http://127.0.0.1:8080/feedback/abc");
    List<String> offenders = new ArrayList<>();
    for (String root : new String[] {"src/main", "mail-templates", "forms", "processes", "config"}) {
      try (Stream<Path> files = Files.walk(Path.of(root))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          if (Files.readString(file, StandardCharsets.ISO_8859_1).contains("localhost:8080")) {
            offenders.add(file.toString());
          }
        }
      }
    }
    assertThat(offenders).isEmpty();
  }
}
