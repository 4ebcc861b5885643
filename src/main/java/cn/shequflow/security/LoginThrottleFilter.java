package cn.shequflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with Retry-After to every login attempt — the webapp login form, or any request carrying HTTP Basic
 * credentials — from a source address that {@link LoginThrottle} holds back; requests of an existing webapp session
 * pass, so colleagues behind the same address who are already logged in keep working.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

  private final LoginThrottle throttle;

  LoginThrottleFilter(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  static String message(long minutes) {
    return "登录失败次数过多，该地址暂时不能登录，请 " + minutes + " 分钟后再试";
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean loginAttempt = LoginEvents.hasBasic(request)
        || ("POST".equals(request.getMethod()) && request.getRequestURI().matches(LoginEvents.WEBAPP_LOGIN));
    Optional<Duration> wait = loginAttempt ? throttle.retryAfter(request.getRemoteAddr()) : Optional.empty();
    if (wait.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
    response.setStatus(429);
    response.setHeader("Retry-After", String.valueOf(seconds));
    response.setContentType("application/json;charset=UTF-8");
    response.getOutputStream().write(("{\"type\":\"TooManyRequests\",\"message\":\"" + message((seconds + 59) / 60)
        + "\"}").getBytes(StandardCharsets.UTF_8));
  }
}
