package cn.shequflow.audit;

import cn.shequflow.security.LoginChecked;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes the audit row of each login the security module reports, in the request that made it. A successful HTTP
 * Basic login is written once per user and address per interval: every REST call logs in anew.
 */
@Component
class LoginAudit {

  private final AuditLog audit;
  private final Duration basicInterval;
  /** Last time a successful HTTP Basic login of user@address was written. */
  private final Map<String, Instant> lastBasicLogin = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
      return size() > 10_000;
    }
  };

  LoginAudit(AuditLog audit) {
    this.audit = audit;
    this.basicInterval = audit.basicLoginInterval();
  }

  @EventListener
  void on(LoginChecked login) {
    if (login.throttled()) {
      audit.record(AuditLog.Event.of(null, AuditLog.LOGIN_THROTTLED, "address", login.address(), AuditLog.DENIED)
          .detail("登录失败次数过多，该地址限制登录 " + login.throttledMinutes() + " 分钟（第 " + login.holds() + " 次）"));
    } else if (login.success()) {
      if (!"HTTP Basic".equals(login.how()) || firstBasicLoginInInterval(login.userId() + "@" + login.address())) {
        audit.record(AuditLog.Event.of(login.userId(), AuditLog.LOGIN, "user", login.userId(), AuditLog.SUCCESS)
            .detail(login.how()));
      }
    } else {
      String actor = login.userExists() ? login.userId() : null;
      audit.record(AuditLog.Event.of(actor, AuditLog.LOGIN, "user", actor,
          login.wasLocked() ? AuditLog.LOCKED : AuditLog.FAILURE).detail(login.how() + "：" + login.reason()));
    }
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
}
