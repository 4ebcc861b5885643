package cn.shequflow.security;

import cn.shequflow.organisation.Organisation;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * What admins see of the lockout (issue 10 item 6): the accounts the engine currently delays after wrong passwords
 * and the source addresses the app holds back — as a Chinese page (/admin/lockouts) and as JSON
 * (/api/admin/lockouts). Both end by themselves; Camunda Admin's 解锁 on the user's page ends an account's delay now.
 */
@RestController
class LockoutController {

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);
  private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

  private final JdbcTemplate jdbc;
  private final LoginThrottle throttle;
  private final BasicAuthentication authentication;
  private final Organisation organisation;
  private final SecurityProperties properties;

  LockoutController(JdbcTemplate jdbc, LoginThrottle throttle, BasicAuthentication authentication,
      Organisation organisation, SecurityProperties properties) {
    this.properties = properties;
    this.jdbc = jdbc;
    this.throttle = throttle;
    this.authentication = authentication;
    this.organisation = organisation;
  }

  record DelayedAccount(String userId, int failedAttempts, String delayedUntil) {}

  record HeldAddress(String address, String heldUntil, int holds) {}

  @GetMapping(path = "/api/admin/lockouts", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> lockouts(HttpServletRequest request) {
    HttpStatus refusal = refusal(request);
    if (refusal != null) {
      return ResponseEntity.status(refusal).body(Map.of("message", "仅系统管理员可以查看被锁定的账户"));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("accounts", accounts());
    body.put("addresses", addresses());
    return ResponseEntity.ok(body);
  }

  @GetMapping("/admin/lockouts")
  ResponseEntity<String> page(HttpServletRequest request) {
    HttpStatus refusal = refusal(request);
    if (refusal != null) {
      return ResponseEntity.status(refusal).contentType(HTML).body("<!DOCTYPE html><html lang=\"zh-CN\">"
          + "<meta charset=\"UTF-8\"><title>登录锁定</title><p>仅系统管理员可以查看，请以管理员身份登录后再打开本页。</p></html>");
    }
    StringBuilder accounts = new StringBuilder();
    for (DelayedAccount account : accounts()) {
      accounts.append("<tr><td>").append(esc(account.userId())).append("</td><td>").append(account.failedAttempts())
          .append("</td><td>").append(esc(account.delayedUntil())).append("</td></tr>");
    }
    StringBuilder addresses = new StringBuilder();
    for (HeldAddress address : addresses()) {
      addresses.append("<tr><td>").append(esc(address.address())).append("</td><td>").append(esc(address.heldUntil()))
          .append("</td><td>").append(address.holds()).append("</td></tr>");
    }
    return ResponseEntity.ok().contentType(HTML).body("""
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="UTF-8"><title>登录锁定</title>
        <style>body{font-family:"Noto Sans CJK SC",sans-serif;max-width:900px;margin:20px auto;padding:0 12px}
        table{border-collapse:collapse;width:100%%;margin-bottom:24px}th,td{border:1px solid #999;padding:6px}
        th{background:#f4f4f4}</style></head><body>
        <h2>当前被暂时锁定的账户</h2>
        <p>密码连续输错后，账户会被暂停登录一段时间（逐次加倍，有上限），到时自动解除，不会永久锁定。
        在“管理”应用的用户页面点“解锁”可立即解除。</p>
        <table><tr><th>账户</th><th>连续失败次数</th><th>锁定至（北京时间）</th></tr>%s</table>
        <h2>当前被限制登录的来源地址</h2>
        <p>同一地址 %d 分钟内登录失败 %d 次后，该地址的登录请求被拒绝（HTTP 429），限制 %d 分钟起，再犯加倍，最长 %d 分钟。</p>
        <table><tr><th>来源地址</th><th>限制至（北京时间）</th><th>第几次限制</th></tr>%s</table>
        </body></html>""".formatted(
        accounts.isEmpty() ? "<tr><td colspan=\"3\">没有被锁定的账户。</td></tr>" : accounts,
        properties.loginFailureWindow().toMinutes(), properties.loginFailuresPerAddress(),
        properties.addressBlock().toMinutes(), properties.addressBlockMax().toMinutes(),
        addresses.isEmpty() ? "<tr><td colspan=\"3\">没有被限制的地址。</td></tr>" : addresses));
  }

  private HttpStatus refusal(HttpServletRequest request) {
    String user = authentication.currentUser(request);
    if (user == null) {
      return HttpStatus.UNAUTHORIZED;
    }
    return organisation.isMember(user, Organisation.ADMINS) ? null : HttpStatus.FORBIDDEN;
  }

  /** Straight from the engine's user table: the query API does not expose the lock fields. */
  private List<DelayedAccount> accounts() {
    return jdbc.query("select ID_, ATTEMPTS_, LOCK_EXP_TIME_ from ACT_ID_USER where LOCK_EXP_TIME_ > ? "
            + "order by LOCK_EXP_TIME_ desc",
        (rs, i) -> new DelayedAccount(rs.getString(1), rs.getInt(2), TIME.format(rs.getTimestamp(3).toInstant())),
        new Timestamp(ClockUtil.getCurrentTime().getTime()));
  }

  private List<HeldAddress> addresses() {
    return throttle.blocked().stream()
        .map(b -> new HeldAddress(b.address(), TIME.format(b.until()), b.holds())).toList();
  }

  private static String esc(String value) {
    return value == null ? "" : HtmlUtils.htmlEscape(value);
  }
}
