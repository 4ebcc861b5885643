package cn.shequflow.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes the current request known to the audit log from the very first filter on: the engine REST API checks HTTP
 * Basic passwords in a filter that runs before Spring's own request context is set up, and those logins need their
 * source address too.
 */
class CurrentRequestFilter extends OncePerRequestFilter {

  static final ThreadLocal<HttpServletRequest> CURRENT = new ThreadLocal<>();

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
    FilterRegistrationBean<CurrentRequestFilter> auditCurrentRequest() {
      FilterRegistrationBean<CurrentRequestFilter> registration =
          new FilterRegistrationBean<>(new CurrentRequestFilter());
      registration.addUrlPatterns("/*");
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
      return registration;
    }
  }
}
