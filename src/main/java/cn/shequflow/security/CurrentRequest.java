package cn.shequflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The request being served, known from the very first filter on: the engine REST API checks HTTP Basic passwords in
 * a filter that runs before Spring's own request context is set up, and those logins need their source address too
 * (the audit log reads it for every event).
 */
public class CurrentRequest extends OncePerRequestFilter {

  /** Request attribute set by the app's own HTTP Basic check: who the engine works for when it has no authentication. */
  public static final String USER = "cn.shequflow.audit.user";

  static final ThreadLocal<HttpServletRequest> CURRENT = new ThreadLocal<>();

  /** The request this thread serves, or null outside a request (jobs, start-up, tests calling services). */
  public static HttpServletRequest get() {
    HttpServletRequest current = CURRENT.get();
    if (current != null) {
      return current;
    }
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpServletRequest outer = CURRENT.get();
    CURRENT.set(request);
    try {
      chain.doFilter(request, response);
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /** Registered right after the security headers, before every filter that may check a password. */
  @Configuration
  static class Registration {
    @Bean
    FilterRegistrationBean<CurrentRequest> currentRequest() {
      FilterRegistrationBean<CurrentRequest> registration = new FilterRegistrationBean<>(new CurrentRequest());
      registration.addUrlPatterns("/*");
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
      return registration;
    }
  }
}
