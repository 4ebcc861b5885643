package cn.shequflow.errors;

import jakarta.ws.rs.ApplicationPath;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/**
 * Camunda's REST resources, with errors answered in Chinese: bad case input is a 400 with its Chinese message,
 * never a 500 (issue 10 item 10, see {@link ChineseErrorFeature}).
 */
@Component
@ApplicationPath("/engine-rest")
class EngineRestConfig extends CamundaJerseyResourceConfig {

  @Override
  protected void registerAdditionalResources() {
    register(ChineseErrorFeature.class);
  }
}
