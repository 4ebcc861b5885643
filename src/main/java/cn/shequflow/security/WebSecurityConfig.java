package cn.shequflow.security;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.server.CookieSameSiteSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The web side of issue 10 items 1, 4 and 6: security headers first, then the body limit, the U+0000 guard for query
 * strings and logins and the login throttle — all before {@link QueryExpressionGuardFilter} (which reads JSON bodies)
 * and before any authentication filter.
 */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
class WebSecurityConfig {

  @Bean
  FilterRegistrationBean<SecurityHeadersFilter> securityHeaders() {
    FilterRegistrationBean<SecurityHeadersFilter> registration =
        new FilterRegistrationBean<>(new SecurityHeadersFilter());
    registration.addUrlPatterns("/*");
    registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<BodyLimitFilter> bodyLimit(SecurityProperties properties) {
    FilterRegistrationBean<BodyLimitFilter> registration =
        new FilterRegistrationBean<>(new BodyLimitFilter(properties.maxBodySize().toBytes()));
    registration.addUrlPatterns("/camunda/api/*", "/engine-rest/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /** What a resident may send to the public pages and API (网上留言, 办件查询): a message is a few kilobytes. */
  @Bean
  FilterRegistrationBean<BodyLimitFilter> publicBodyLimit(
      @org.springframework.beans.factory.annotation.Value("${shequ.online.max-body-size:32KB}")
      org.springframework.util.unit.DataSize maxBodySize) {
    FilterRegistrationBean<BodyLimitFilter> registration =
        new FilterRegistrationBean<>(new BodyLimitFilter(maxBodySize.toBytes()));
    registration.setName("publicBodyLimit");
    registration.addUrlPatterns("/api/public/*", "/public/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /**
   * U+0000 never reaches PostgreSQL (which answers it with a database error), on every path: in the query string and
   * the Basic login before any login check …
   */
  @Bean
  FilterRegistrationBean<NulCharacterFilter> nulCharacter() {
    FilterRegistrationBean<NulCharacterFilter> registration =
        new FilterRegistrationBean<>(new NulCharacterFilter(false));
    // two instances of one class: each needs a name of its own to be registered (and filtered once) at all
    registration.setName("nulCharacterInQueriesAndLogins");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 12);
    return registration;
  }

  /** … and in JSON bodies after the engine REST API's login check (+20) and the expression guard (+30). */
  @Bean
  FilterRegistrationBean<NulCharacterFilter> nulCharacterInBodies() {
    FilterRegistrationBean<NulCharacterFilter> registration =
        new FilterRegistrationBean<>(new NulCharacterFilter(true));
    registration.setName("nulCharacterInBodies");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 31);
    return registration;
  }

  @Bean
  FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter(LoginThrottle throttle) {
    FilterRegistrationBean<LoginThrottleFilter> registration =
        new FilterRegistrationBean<>(new LoginThrottleFilter(throttle));
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
    return registration;
  }

  /** SameSite=Lax on every cookie the container writes (Camunda's own cookies are set in camunda.bpm.webapp.*). */
  @Bean
  CookieSameSiteSupplier sameSiteLax() {
    return CookieSameSiteSupplier.ofLax();
  }
}
