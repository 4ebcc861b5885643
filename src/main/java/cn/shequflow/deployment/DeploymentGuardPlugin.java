package cn.shequflow.deployment;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Puts the deployment guard into the engine itself, so no deployment path can skip it, and makes the engine's
 * expressions resolve only the allowlisted beans — a second wall behind the guard for anything deployed before it.
 */
@Component
class DeploymentGuardPlugin extends AbstractProcessEnginePlugin {

  private final ApplicationContext context;

  DeploymentGuardPlugin(ApplicationContext context) {
    this.context = context;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    ExpressionAllowlist allowlist = ExpressionAllowlist.APP;
    JuelExpressionCheck juel = new JuelExpressionCheck(allowlist, context::containsBean);
    DeploymentGuard guard = new DeploymentGuard(new ModelInspection(juel, new FeelExpressionCheck()));
    List<Deployer> preDeployers = configuration.getCustomPreDeployers() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomPreDeployers());
    preDeployers.add(0, guard);
    configuration.setCustomPreDeployers(preDeployers);

    // the Spring starter's expression manager resolves every bean of the context (runtimeService, dataSource …)
    Map<Object, Object> beans = new AllowlistedBeans(context, allowlist.beanNames());
    configuration.setBeans(beans);
    configuration.setExpressionManager(new SpringExpressionManager(context, beans));
    // legacy DMN evaluates input expressions and output entries as JUEL; the guard checks them as FEEL
    configuration.setDmnFeelEnableLegacyBehavior(false);
  }

  /** The allowlisted beans by name, looked up only when an expression asks, so the engine can start before them. */
  static final class AllowlistedBeans extends AbstractMap<Object, Object> {
    private final ApplicationContext context;
    private final Set<String> names;

    AllowlistedBeans(ApplicationContext context, Set<String> names) {
      this.context = context;
      this.names = names;
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof String name && names.contains(name) && context.containsBean(name);
    }

    @Override
    public Object get(Object key) {
      return containsKey(key) ? context.getBean((String) key) : null;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
      Map<Object, Object> resolved = new LinkedHashMap<>();
      names.stream().filter(this::containsKey).forEach(name -> resolved.put(name, context.getBean(name)));
      return resolved.entrySet();
    }
  }
}
