package cn.shequflow.security;

import cn.shequflow.organisation.Organisation;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * What admins see of the lockout (issue 10 item 6): the accounts the engine currently delays after wrong passwords
 * and the source addresses the app holds back — as a Chinese page (/admin/lockouts) and as JSON
 * (/api/admin/lockouts). Both end by themselves; Camunda Admin's 解锁 on the user's page ends an account's delay now.
 */
@Controller
class LockoutController {

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);

  private final LockedAccounts lockedAccounts;
  private final LoginThrottle throttle;
  private final BasicAuthentication authentication;
  private final Organisation organisation;
  private final SecurityProperties properties;

  LockoutController(LockedAccounts lockedAccounts, LoginThrottle throttle, BasicAuthentication authentication,
      Organisation organisation, SecurityProperties properties) {
    this.properties = properties;
    this.lockedAccounts = lockedAccounts;
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

  /** The Chinese page, rendered by templates/security/lockouts.html. */
  @GetMapping("/admin/lockouts")
  ModelAndView page(HttpServletRequest request) {
    HttpStatus refusal = refusal(request);
    if (refusal != null) {
      return new ModelAndView("layout/message",
          Map.of("title", "登录锁定", "message", "仅系统管理员可以查看，请以管理员身份登录后再打开本页。"), refusal);
    }
    Map<String, Object> model = new HashMap<>();
    model.put("accounts", accounts());
    model.put("addresses", addresses());
    model.put("window", properties.loginFailureWindow().toMinutes());
    model.put("failures", properties.loginFailuresPerAddress());
    model.put("block", properties.addressBlock().toMinutes());
    model.put("blockMax", properties.addressBlockMax().toMinutes());
    return new ModelAndView("security/lockouts", model, HttpStatus.OK);
  }

  private HttpStatus refusal(HttpServletRequest request) {
    String user = authentication.currentUser(request);
    if (user == null) {
      return HttpStatus.UNAUTHORIZED;
    }
    return organisation.isMember(user, Organisation.ADMINS) ? null : HttpStatus.FORBIDDEN;
  }

  private List<DelayedAccount> accounts() {
    return lockedAccounts.find().stream().map(a -> new DelayedAccount(a.userId(), a.attempts(),
        TIME.format(a.lockedUntil()))).toList();
  }

  private List<HeldAddress> addresses() {
    return throttle.blocked().stream()
        .map(b -> new HeldAddress(b.address(), TIME.format(b.until()), b.holds())).toList();
  }
}
