package cn.shequflow.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.camunda.bpm.engine.ProcessEngine;
import org.glassfish.jersey.server.ServerProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;

/**
 * Wires the Chinese error handling in: the webapps' REST gets {@link ChineseErrorFeature}, /error answers 404 when
 * opened directly, Tomcat's own error report is {@link ChineseErrorReportValve}, an unknown engine name is refused in
 * Chinese, and the engine's expected rejections are logged as one WARN line.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ErrorHandlingConfiguration {

  private static final String ENGINE_PATH = "/engine-rest/engine/";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The community's name and phone on the refusal pages written before Spring's (filter and Tomcat valve). */
  private final String communityName;
  private final String communityPhone;

  ErrorHandlingConfiguration(@Value("${shequ.community-name}") String communityName,
      @Value("${shequ.community-phone:}") String communityPhone) {
    this.communityName = communityName;
    this.communityPhone = communityPhone;
  }

  /** Spring Boot's error controller, except that /error opened directly is "not found" rather than a 500. */
  @Bean
  BasicErrorController basicErrorController(ErrorAttributes errorAttributes,
      org.springframework.boot.autoconfigure.web.ServerProperties server,
      ObjectProvider<ErrorViewResolver> resolvers) {
    return new BasicErrorController(errorAttributes, server.getError(), resolvers.orderedStream().toList()) {
      @Override
      protected HttpStatus getStatus(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null ? HttpStatus.NOT_FOUND
            : super.getStatus(request);
      }
    };
  }

  /** Before the NUL check (+12) and every login check: a broken escape in a path parameter is refused first. */
  @Bean
  FilterRegistrationBean<MalformedPathFilter> malformedPathFilter() {
    var registration = new FilterRegistrationBean<>(new MalformedPathFilter(communityName, communityPhone));
    registration.setName("malformedPathFilter");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
    return registration;
  }

  /** Runs after Spring Boot's own customizer, which puts a plain ErrorReportValve on the host. */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> chineseTomcatErrorReport() {
    return factory -> factory.addContextCustomizers(context -> {
      if (context.getParent() instanceof StandardHost host) {
        for (Valve valve : host.getPipeline().getValves()) {
          if (valve instanceof ErrorReportValve && !(valve instanceof ChineseErrorReportValve)) {
            host.getPipeline().removeValve(valve);
          }
        }
        ChineseErrorReportValve chinese = new ChineseErrorReportValve();
        chinese.setShowReport(false);
        chinese.setShowServerInfo(false);
        chinese.setCommunity(communityName, communityPhone);
        host.getPipeline().addValve(chinese);
        // the host adds a valve of this class at start unless one is there already
        host.setErrorReportValveClass(ChineseErrorReportValve.class.getName());
      }
    });
  }

  /**
   * The webapps' REST (/camunda/api/engine/… as Tasklist calls it, cockpit, admin) are JAX-RS applications of
   * Camunda's own, created by Jersey servlets from their class names; Jersey adds every servlet-context attribute to
   * their properties, so this one registers {@link ChineseErrorFeature} in each of them.
   */
  @Bean
  ServletContextInitializer chineseErrorsInWebappRest() {
    return servletContext -> servletContext.setAttribute(ServerProperties.PROVIDER_CLASSNAMES,
        ChineseErrorFeature.class.getName());
  }

  /**
   * Camunda's authentication filter answers a request for an engine that does not exist itself, in English, before
   * any JAX-RS mapper runs: this filter, placed in front of it, answers it in Chinese.
   */
  @Bean
  FilterRegistrationBean<Filter> unknownEngineRefusal(ProcessEngine engine) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
      HttpServletRequest http = (HttpServletRequest) request;
      String path = http.getRequestURI().substring(http.getContextPath().length());
      String name = path.substring(ENGINE_PATH.length()).split("/", 2)[0];
      if (name.isEmpty() || name.equals(engine.getName())) {
        chain.doFilter(request, response);
        return;
      }
      HttpServletResponse refusal = (HttpServletResponse) response;
      refusal.setStatus(HttpServletResponse.SC_NOT_FOUND);
      refusal.setContentType("application/json;charset=UTF-8");
      refusal.getOutputStream().write(JSON.writeValueAsBytes(Map.of("type", "InvalidRequestException",
          "message", ChineseErrors.clean("流程引擎“" + name + "”不存在，请使用 /engine-rest/ 下的默认引擎"))));
    });
    registration.setName("unknown-engine-refusal");
    registration.addUrlPatterns(ENGINE_PATH + "*");
    // before Camunda's authentication filter (RestSecurityConfig, HIGHEST_PRECEDENCE + 20)
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
    return registration;
  }
}
