package cn.shequflow.security;

import cn.shequflow.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What happens after every password check of a person (webapp login, HTTP Basic on /engine-rest and on the app's
 * own endpoints — all go through the engine's identity provider): the audit row, and the failure counted against
 * the source address. A failed login names the account only when it exists, so a password typed into the user
 * field never lands in the log.
 */
@Component
class LoginEvents {

  static final String WEBAPP_LOGIN = "^/camunda/api/admin/auth/user/[^/]+/login/[^/]+$";
  private static final Logger LOG = LoggerFactory.getLogger(LoginEvents.class);

  private final AuditLog audit;
  private final LoginThrottle throttle;
  private final Duration basicInterval;
  /** Last time a successful HTTP Basic login of user@address was written: every REST call logs in anew. */
  private final Map<String, Instant> lastBasicLogin = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
      return size() > 10_000;
    }
  };

  LoginEvents(AuditLog audit, LoginThrottle throttle) {
    this.audit = audit;
    this.throttle = throttle;
    this.basicInterval = audit.basicLoginInterval();
  }

  /**
   * Called by the identity provider after each check; requests only (the app's own checks without a request, and
   * tests calling the identity service, are not logins).
   */
  void checked(String userId, boolean userExists, boolean wasLocked, boolean success) {
    HttpServletRequest request = AuditLog.currentRequest();
    if (request == null) {
      return;
    }
    String how = request.getRequestURI().matches(WEBAPP_LOGIN) ? "网页登录"
        : hasBasic(request) ? "HTTP Basic" : "确认当前密码";
    String address = request.getRemoteAddr();
    if (success) {
      if ("HTTP Basic".equals(how) && !firstBasicLoginInInterval(userId + "@" + address)) {
        return;
      }
      audit.record(AuditLog.Event.of(userId, AuditLog.LOGIN, "user", userId, AuditLog.SUCCESS).detail(how));
      return;
    }
    String reason = !userExists ? "用户名不存在" : wasLocked ? "账户因连续登录失败暂被延迟，本次未校验密码" : "密码错误";
    String actor = userExists ? userId : null;
    audit.record(AuditLog.Event.of(actor, AuditLog.LOGIN, "user", actor, wasLocked ? AuditLog.LOCKED : AuditLog.FAILURE)
        .detail(how + "：" + reason));
    Optional<LoginThrottle.Block> block = throttle.failed(address);
    block.ifPresent(b -> {
      long minutes = Math.max(1, Duration.between(ClockUtil.getCurrentTime().toInstant(), b.until()).toMinutes());
      LOG.warn("来源地址 {} 登录失败次数过多，限制登录 {} 分钟（第 {} 次）", address, minutes, b.holds());
      audit.record(AuditLog.Event.of(null, AuditLog.LOGIN_THROTTLED, "address", address, AuditLog.DENIED)
          .detail("登录失败次数过多，该地址限制登录 " + minutes + " 分钟（第 " + b.holds() + " 次）"));
    });
  }

  private synchronized boolean firstBasicLoginInInterval(String key) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Instant last = lastBasicLogin.get(key);
    if (last != null && now.isBefore(last.plus(basicInterval)) && !now.isBefore(last)) {
      return false;
    }
    lastBasicLogin.put(key, now);
    return true;
  }

  static boolean hasBasic(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
  }
}
