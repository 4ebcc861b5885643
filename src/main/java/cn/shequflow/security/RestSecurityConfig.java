package cn.shequflow.security;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Closes the gaps Camunda 7 CE leaves open: HTTP Basic on /engine-rest, the admin setup endpoint,
 * and expressions smuggled into queries.
 */
@Configuration
class RestSecurityConfig {

  @Bean
  FilterRegistrationBean<Filter> engineRestBasicAuthentication() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-auth");
    registration.setInitParameters(Map.of(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        EngineRestLogin.class.getName(),
        // Jersey is mounted at /engine-rest, so the filter must strip it to find the engine name
        ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, "/engine-rest"));
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /** The first-admin setup page must never be usable: the admin user always exists. */
  @Bean
  FilterRegistrationBean<Filter> blockAdminSetup() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
      HttpServletResponse http = (HttpServletResponse) response;
      http.setStatus(HttpServletResponse.SC_FORBIDDEN);
      http.setContentType("application/json;charset=UTF-8");
      http.getOutputStream().write(
          "{\"type\":\"Forbidden\",\"message\":\"初始化管理员入口已关闭\"}".getBytes(StandardCharsets.UTF_8));
    });
    registration.addUrlPatterns("/camunda/api/admin/setup/*");
    // after the security headers (WebSecurityConfig), which come first
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return registration;
  }

  @Bean
  FilterRegistrationBean<QueryExpressionGuardFilter> queryExpressionGuard() {
    FilterRegistrationBean<QueryExpressionGuardFilter> registration =
        new FilterRegistrationBean<>(new QueryExpressionGuardFilter());
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
    return registration;
  }

  /** Variables from outside are primitive or JSON only (issue 10 item 9). */
  @Bean
  FilterRegistrationBean<VariableTypeFilter> variableTypeGuard() {
    FilterRegistrationBean<VariableTypeFilter> registration = new FilterRegistrationBean<>(new VariableTypeFilter());
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 35);
    return registration;
  }
}
