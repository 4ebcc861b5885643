package cn.shequflow.authorization;

import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Adds {@link GrantCheckInterceptor} to the engine's MyBatis configuration once the engine has built it. */
@Component
class GrantCheckPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    // a SQL session factory shared by several engines in one JVM gets the plugin once
    if (mybatis.getInterceptors().stream().noneMatch(GrantCheckInterceptor.class::isInstance)) {
      mybatis.addInterceptor(new GrantCheckInterceptor());
    }
  }
}
