package cn.shequflow.operations;

import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The guard in front of the actuator's endpoints. */
@Configuration
class OperationsConfiguration {

  @Bean
  FilterRegistrationBean<OperatorEndpointsFilter> operatorEndpointsFilter(BasicAuthentication authentication,
      Organisation organisation) {
    FilterRegistrationBean<OperatorEndpointsFilter> registration =
        new FilterRegistrationBean<>(new OperatorEndpointsFilter(authentication, organisation));
    registration.addUrlPatterns("/actuator", "/actuator/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 16);
    return registration;
  }
}
