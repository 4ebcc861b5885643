package cn.shequflow.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What happens after every password check of a person (webapp login, HTTP Basic on /engine-rest and on the app's
 * own endpoints — all go through the engine's identity provider): the failure counted against the source address,
 * and a {@link LoginChecked} event for the audit log. A failed login names the account only when it exists, so a
 * password typed into the user field never lands in the log.
 */
@Component
class LoginEvents {

  static final String WEBAPP_LOGIN = "^/camunda/api/admin/auth/user/[^/]+/login/[^/]+$";
  private static final Logger LOG = LoggerFactory.getLogger(LoginEvents.class);

  private final ApplicationEventPublisher events;
  private final LoginThrottle throttle;

  LoginEvents(ApplicationEventPublisher events, LoginThrottle throttle) {
    this.events = events;
    this.throttle = throttle;
  }

  /**
   * Called by the identity provider after each check; requests only (the app's own checks without a request, and
   * tests calling the identity service, are not logins).
   */
  void checked(String userId, boolean userExists, boolean wasLocked, boolean success) {
    HttpServletRequest request = CurrentRequest.get();
    if (request == null) {
      return;
    }
    String how = request.getRequestURI().matches(WEBAPP_LOGIN) ? "网页登录"
        : hasBasic(request) ? "HTTP Basic" : "确认当前密码";
    String address = request.getRemoteAddr();
    if (success) {
      events.publishEvent(new LoginChecked(userId, true, true, false, how, null, address, 0, 0));
      return;
    }
    String reason = !userExists ? "用户名不存在" : wasLocked ? "账户因连续登录失败暂被延迟，本次未校验密码" : "密码错误";
    events.publishEvent(new LoginChecked(userId, userExists, false, wasLocked, how, reason, address, 0, 0));
    Optional<LoginThrottle.Block> block = throttle.failed(address);
    block.ifPresent(b -> {
      long minutes = Math.max(1, Duration.between(ClockUtil.getCurrentTime().toInstant(), b.until()).toMinutes());
      LOG.warn("来源地址 {} 登录失败次数过多，限制登录 {} 分钟（第 {} 次）", address, minutes, b.holds());
      events.publishEvent(new LoginChecked(null, false, false, false, how, null, address, minutes, b.holds()));
    });
  }

  static boolean hasBasic(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
  }
}
