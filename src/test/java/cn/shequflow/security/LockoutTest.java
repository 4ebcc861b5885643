package cn.shequflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.RawHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 10 item 6, as the attack: a stranger at 127.0.0.1 tries twenty wrong passwords for zhangwei over every login
 * door (webapp form, HTTP Basic on /engine-rest and on the app's own endpoints). The account is only delayed, with a
 * growing delay, never locked for good; the stranger's address is held back with 429 and Retry-After; zhangwei,
 * from another address (127.0.0.2, a real second source), logs in once the short delay has passed. Time moves with
 * the engine clock, which the app's limiter reads too — no sleeps.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LockoutTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ATTACKER = "127.0.0.1";
  private static final String OFFICE = "127.0.0.2";

  @LocalServerPort int port;
  @Autowired LoginThrottle throttle;
  @Autowired IdentityService identityService;
  @Autowired JdbcTemplate jdbc;

  private Instant now;

  @BeforeEach
  void cleanSlate() {
    throttle.clear();
    identityService.unlockUser("zhangwei");
    now = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(1));
    ClockUtil.setCurrentTime(Date.from(now));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    throttle.clear();
    identityService.unlockUser("zhangwei");
  }

  @Test
  @DisplayName("issue 10 item 6 陌生地址对 zhangwei 连试 20 次错误密码：账户只被短暂延迟（逐次加倍），攻击地址被 429 限流，"
      + "zhangwei 从另一地址在延迟过后正常登录")
  void twentyWrongPasswordsFromAStranger_neverLockTheWorkerOut() throws Exception {
    Instant attackStart = now;
    List<Integer> statuses = new ArrayList<>();
    List<Long> delays = new ArrayList<>();
    RawHttp.Response held = null;
    for (int attempt = 1; attempt <= 20; attempt++) {
      // the first ten wait out the account's delay, so each one is a real, counted failure; the rest come at once
      if (attempt <= 10) {
        move(Duration.ofSeconds(61));
      }
      RawHttp.Response response = switch (attempt % 3) {
        case 0 -> RawHttp.to(port).from(ATTACKER).basic("zhangwei", "guess" + attempt).get("/engine-rest/task");
        case 1 -> RawHttp.to(port).from(ATTACKER).webappLogin("zhangwei", "guess" + attempt);
        default -> RawHttp.to(port).from(ATTACKER).basic("zhangwei", "guess" + attempt).get("/api/admin/lockouts");
      };
      statuses.add(response.status());
      if (response.status() == 429) {
        held = response;
      } else {
        delays.add(Duration.between(now, lockExpiration("zhangwei")).toSeconds());
      }
    }

    // ten failures get an answer, then the address is held back
    assertThat(statuses.subList(0, 10)).containsOnly(401);
    assertThat(statuses.subList(10, 20)).containsOnly(429);
    assertThat(held.header("Retry-After")).isNotNull();
    assertThat(Long.parseLong(held.header("Retry-After"))).isEqualTo(15 * 60L);
    assertThat(held.body()).contains("登录失败次数过多").contains("分钟后再试");
    // the account's delay grows with each counted failure, and stops growing at 60 s
    assertThat(delays).containsExactly(3L, 6L, 12L, 24L, 48L, 60L, 60L, 60L, 60L, 60L);
    assertThat(jdbc.queryForObject("select ATTEMPTS_ from ACT_ID_USER where ID_ = 'zhangwei'", Integer.class))
        .isEqualTo(10);

    // zhangwei, in the office: within the last 60 s delay the right password is still refused …
    assertThat(RawHttp.to(port).from(OFFICE).basic("zhangwei", "demo").get("/engine-rest/task").status())
        .isEqualTo(401);
    // … and the admins see who is delayed and which address is held back
    JsonNode lockouts = JSON.readTree(RawHttp.to(port).from(OFFICE).basic("demo", "demo")
        .get("/api/admin/lockouts").body());
    assertThat(lockouts.get("accounts").findValuesAsText("userId")).contains("zhangwei");
    assertThat(lockouts.get("addresses").findValuesAsText("address")).containsExactly(ATTACKER);
    RawHttp.Response page = RawHttp.to(port).from(OFFICE).basic("demo", "demo").get("/admin/lockouts");
    assertThat(page.body()).contains("当前被暂时锁定的账户").contains("zhangwei").contains(ATTACKER);
    assertThat(RawHttp.to(port).from(OFFICE).basic("lina", "demo").get("/admin/lockouts").status())
        .isEqualTo(403);

    // after ten counted failures (Camunda's default would now lock zhangwei until an admin unlocks him),
    // the delay passes and he works normally, from both doors
    move(Duration.ofSeconds(61));
    assertThat(RawHttp.to(port).from(OFFICE).basic("zhangwei", "demo").get("/engine-rest/task").status())
        .isEqualTo(200);
    assertThat(RawHttp.to(port).from(OFFICE).webappLogin("zhangwei", "demo").status()).isEqualTo(200);

    // the stranger's address stays held back, even with a valid password, and a forged X-Forwarded-For is ignored
    assertThat(RawHttp.to(port).from(ATTACKER).basic("lina", "demo").get("/engine-rest/task").status())
        .isEqualTo(429);
    assertThat(RawHttp.to(port).from(ATTACKER).header("X-Forwarded-For", "198.51.100.7").basic("lina", "demo")
        .get("/engine-rest/task").status()).isEqualTo(429);
    assertThat(RawHttp.to(port).from(ATTACKER).webappLogin("lina", "demo").status()).isEqualTo(429);

    // never for good: a quarter of an hour later the address may log in again
    move(Duration.ofMinutes(15));
    assertThat(RawHttp.to(port).from(ATTACKER).basic("lina", "demo").get("/engine-rest/task").status())
        .isEqualTo(200);

    // issue 10 item 11: every door's failures, the hold and the success are in the audit log, without passwords
    List<String> rows = jdbc.queryForList("select coalesce(actor, '-') || '|' || action || '|' || outcome || '|' "
        + "|| coalesce(source_address, '-') || '|' || coalesce(channel, '-') from audit_log where occurred_at >= ? "
        + "and action in ('LOGIN', 'LOGIN_THROTTLED')", String.class, Timestamp.from(attackStart));
    assertThat(rows).contains("zhangwei|LOGIN|failure|127.0.0.1|rest", "zhangwei|LOGIN|failure|127.0.0.1|webapp",
        "zhangwei|LOGIN|failure|127.0.0.1|app", "-|LOGIN_THROTTLED|denied|127.0.0.1|webapp",
        "zhangwei|LOGIN|locked|127.0.0.2|rest", "zhangwei|LOGIN|success|127.0.0.2|webapp");
    assertThat(jdbc.queryForObject("select count(*) from audit_log where detail like '%guess%' "
        + "or object_id like '%guess%' or actor like '%guess%'", Long.class)).isZero();
  }

  @Test
  @DisplayName("issue 10 item 6 不存在的用户名：失败照样计入来源地址，审计日志不记录输入的用户名")
  void unknownUserNames_countAgainstTheAddress_andAreNotLogged() throws Exception {
    for (int attempt = 1; attempt <= 10; attempt++) {
      assertThat(RawHttp.to(port).from("127.0.0.3").basic("Secret-Pa55word-" + attempt, "x").get("/engine-rest/task")
          .status()).isEqualTo(401);
    }
    assertThat(RawHttp.to(port).from("127.0.0.3").basic("zhangwei", "demo").get("/engine-rest/task").status())
        .isEqualTo(429);
    assertThat(RawHttp.to(port).from(OFFICE).basic("zhangwei", "demo").get("/engine-rest/task").status())
        .isEqualTo(200);
    assertThat(jdbc.queryForObject("select count(*) from audit_log where actor like 'Secret-Pa55word%' "
        + "or object_id like 'Secret-Pa55word%' or detail like '%Secret-Pa55word%'", Long.class)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'LOGIN' and actor is null "
        + "and source_address = '127.0.0.3' and detail like '%用户名不存在%'", Long.class)).isEqualTo(10);
  }

  private void move(Duration duration) {
    now = now.plus(duration);
    ClockUtil.setCurrentTime(Date.from(now));
  }

  private Instant lockExpiration(String user) {
    Timestamp expiration = jdbc.queryForObject("select LOCK_EXP_TIME_ from ACT_ID_USER where ID_ = ?",
        Timestamp.class, user);
    return expiration == null ? now : expiration.toInstant();
  }
}
