package cn.shequflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shequflow.RawHttp;
import cn.shequflow.ShequFlowApplication;
import cn.shequflow.TestDatabase;
import cn.shequflow.feedback.FeedbackCards;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The prod profile: no demo users; no start at all without an admin password that passes the password policy and a
 * public base URL; every password set later passes the policy too (issue 10 item 1), and cookies are Secure.
 */
class ProdProfileTest {

  private static final String BASE_URL = "--SHEQU_PUBLIC_BASE_URL=https://shequ.example.cn";
  private static final String ENGINE = "prodtest";
  private static final String REST = "/engine-rest/engine/" + ENGINE;

  @Test
  @DisplayName("prod 配置没有管理员密码时拒绝启动")
  void prodWithoutAdminPassword_refusesToStart() {
    assertThatThrownBy(() -> prod().run("--spring.datasource.url=jdbc:h2:mem:prod-refused", BASE_URL))
        .hasMessageContaining("SHEQU_ADMIN_PASSWORD");
    assertThatThrownBy(() -> prod().run("--SHEQU_ADMIN_PASSWORD=demo", BASE_URL))
        .hasMessageContaining("SHEQU_ADMIN_PASSWORD");
  }

  @Test
  @DisplayName("issue 10 item 1 prod 拒绝弱管理员密码：12345678、两类字符、含用户名，均不能启动")
  void prodWithWeakAdminPassword_refusesToStart() {
    for (String weak : new String[] {"12345678", "123456789012", "benxi2026secret", "BENXI-SECRET-PASS",
        "Admin-2026-Benxi", "Bx-2026-a"}) {
      assertThatThrownBy(() -> prod().run("--SHEQU_ADMIN_PASSWORD=" + weak, BASE_URL))
          .as(weak).hasMessageContaining("至少 12 个字符").hasMessageContaining("至少 3 类");
    }
  }

  @Test
  @DisplayName("issue 10 item 1 prod 必须配置对外访问地址 SHEQU_PUBLIC_BASE_URL")
  void prodWithoutPublicBaseUrl_refusesToStart() {
    assertThatThrownBy(() -> prod().run("--SHEQU_ADMIN_PASSWORD=Benxi-2026-secret"))
        .hasMessageContaining("SHEQU_PUBLIC_BASE_URL");
    assertThatThrownBy(() -> prod().run("--SHEQU_ADMIN_PASSWORD=Benxi-2026-secret",
        "--SHEQU_PUBLIC_BASE_URL=shequ.example.cn")).hasMessageContaining("SHEQU_PUBLIC_BASE_URL");
  }

  @Test
  @DisplayName("prod 配置只创建管理员，不创建演示用户；密码策略对每个用户生效，Cookie 为 Secure，链接用对外地址")
  void prodCreatesNoDemoUsers_andEnforcesThePasswordPolicy() throws Exception {
    try (ConfigurableApplicationContext context = prod().run(TestDatabase.appArgs("prod-users",
        "--SHEQU_ADMIN_PASSWORD=Benxi-2026-secret", "--SHEQU_ADMIN_USER=admin", BASE_URL,
        "--server.port=0", "--camunda.bpm.job-execution.enabled=false",
        // its own engine name: closing this context must not unregister the engine of a test context beside it
        "--camunda.bpm.process-engine-name=" + ENGINE))) {
      IdentityService identity = context.getBean(IdentityService.class);

      assertThat(identity.createUserQuery().list()).extracting(u -> u.getId()).containsExactly("admin");
      assertThat(identity.checkPassword("admin", "Benxi-2026-secret")).isTrue();
      assertThat(identity.createUserQuery().userId("zhangwei").count()).isZero();
      assertThat(identity.createGroupQuery().groupId("managers").count()).isEqualTo(1);
      assertThat(context.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
      assertThat(context.getBean(FeedbackCards.class).link("t")).isEqualTo("https://shequ.example.cn/feedback/t");

      int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
      // the attack: an admin (or a script with the admin's password) creates a user with a guessable password
      for (String weak : new String[] {"12345678", "shequworker2026", "Wangwu-2026-pass"}) {
        RawHttp.Response refused = createUser(port, "wangwu", weak);
        assertThat(refused.status()).as(weak).isEqualTo(400);
        assertThat(refused.body()).as(weak).contains("密码不符合密码策略").contains("至少 12 个字符");
      }
      assertThat(createUser(port, "wangwu", "Grid1#Worker-2026").status()).isEqualTo(204);
      RawHttp.Response weakChange = RawHttp.to(port).header("Content-Type", "application/json")
          .basic("admin", "Benxi-2026-secret").send("PUT", REST + "/user/wangwu/credentials",
              ("{\"password\":\"12345678\",\"authenticatedUserPassword\":\"Benxi-2026-secret\"}")
                  .getBytes(StandardCharsets.UTF_8), false);
      assertThat(weakChange.status()).isEqualTo(400);
      assertThat(weakChange.body()).contains("密码不符合密码策略");
      assertThat(identity.checkPassword("wangwu", "Grid1#Worker-2026")).isTrue();

      // Admin shows the rules while a password is typed, in Chinese (placeholders translated in zh.json)
      assertThat(RawHttp.to(port).basic("admin", "Benxi-2026-secret").get(REST + "/identity/password-policy")
          .body()).contains(ShequPasswordPolicy.LENGTH, ShequPasswordPolicy.CLASSES, "PASSWORD_POLICY_USER_DATA");

      RawHttp.Response login = RawHttp.to(port).webappLogin(ENGINE, "admin", "Benxi-2026-secret");
      assertThat(login.status()).isEqualTo(200);
      RawHttp.Response app = RawHttp.to(port).get("/camunda/app/tasklist/" + ENGINE + "/");
      assertThat(app.all("Set-Cookie")).isNotEmpty().allSatisfy(cookie ->
          assertThat(cookie).containsIgnoringCase("Secure").containsOnlyOnce("SameSite=Lax"));

      // without SHEQU_FORWARD_HEADERS, a forged X-Forwarded-For changes nothing: the audit log keeps the real peer
      assertThat(RawHttp.to(port).header("X-Forwarded-For", "203.0.113.9").basic("wangwu", "wrong")
          .get(REST + "/task").status()).isEqualTo(401);
      assertThat(context.getBean(org.springframework.jdbc.core.JdbcTemplate.class).queryForObject(
          "select source_address from audit_log where action = 'LOGIN' and actor = 'wangwu'", String.class))
          .isEqualTo("127.0.0.1");
    } finally {
      restoreWebappDelegates();
    }
  }

  /**
   * The Camunda webapps keep their runtime delegates in static fields, and closing a context clears them: without
   * this, a Spring test context started before this class would lose its Admin, Tasklist, Cockpit and Welcome APIs.
   */
  private static void restoreWebappDelegates() {
    org.camunda.bpm.admin.Admin.setAdminRuntimeDelegate(new org.camunda.bpm.admin.impl.DefaultAdminRuntimeDelegate());
    org.camunda.bpm.cockpit.Cockpit.setCockpitRuntimeDelegate(
        new org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate());
    org.camunda.bpm.tasklist.Tasklist.setTasklistRuntimeDelegate(
        new org.camunda.bpm.tasklist.impl.DefaultTasklistRuntimeDelegate());
    org.camunda.bpm.welcome.Welcome.setRuntimeDelegate(new org.camunda.bpm.welcome.impl.DefaultWelcomeRuntimeDelegate());
  }

  @Test
  @DisplayName("issue 10 item 6 X-Forwarded-For 只在配置了可信代理时采用，且只采用可信代理转发的：伪造的地址骗不过限流和审计")
  void forwardedFor_isTrustedOnlyFromConfiguredProxies() throws Exception {
    try (ConfigurableApplicationContext context = prod().run(TestDatabase.appArgs("prod-proxy",
        // SHEQU_TRUSTED_PROXIES left at its default: the proxy on this host (127.0.0.1) only
        "--SHEQU_ADMIN_PASSWORD=Benxi-2026-secret", BASE_URL, "--SHEQU_FORWARD_HEADERS=native",
        "--server.port=0", "--camunda.bpm.job-execution.enabled=false",
        "--camunda.bpm.process-engine-name=" + ENGINE))) {
      int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
      // nginx at 127.0.0.1 passes on the client's address …
      assertThat(RawHttp.to(port).from("127.0.0.1").header("X-Forwarded-For", "203.0.113.9")
          .basic("admin", "wrong").get(REST + "/task").status()).isEqualTo(401);
      // … but anyone else's X-Forwarded-For is a forgery and is ignored
      assertThat(RawHttp.to(port).from("127.0.0.2").header("X-Forwarded-For", "198.51.100.1")
          .basic("admin", "wrong").get(REST + "/task").status()).isEqualTo(401);

      assertThat(context.getBean(org.springframework.jdbc.core.JdbcTemplate.class).queryForList(
          "select source_address from audit_log where action = 'LOGIN' order by id", String.class))
          .containsExactly("203.0.113.9", "127.0.0.2");
    } finally {
      restoreWebappDelegates();
    }
  }

  private static RawHttp.Response createUser(int port, String id, String password) throws Exception {
    String body = "{\"profile\":{\"id\":\"" + id + "\",\"firstName\":\"王五\",\"lastName\":\"\","
        + "\"email\":\"" + id + "@shequ.example\"},\"credentials\":{\"password\":\"" + password + "\"}}";
    return RawHttp.to(port).basic("admin", "Benxi-2026-secret")
        .post(REST + "/user/create", "application/json", body.getBytes(StandardCharsets.UTF_8), false);
  }

  private static SpringApplicationBuilder prod() {
    return new SpringApplicationBuilder(ShequFlowApplication.class).profiles("prod");
  }
}
