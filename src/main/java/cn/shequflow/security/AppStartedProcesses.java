package cn.shequflow.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * The procedures the app starts itself — escalation (called by reception and duty), home-visit (the visit plan),
 * duty-shift (the roster) and supervision (the dashboard's 督办) — refuse a start that a logged-in user makes directly over REST or Tasklist, whatever the
 * grants say (issue 10 item 3); and no person's start of any procedure skips its start event. The checks are
 * built-in start listeners added while parsing, so neither {@code skipCustomListeners}, start instructions nor an
 * analyst's edit of the model removes them.
 */
@Component
class AppStartedProcesses extends AbstractProcessEnginePlugin {

  /** Process keys and what starts them, as the refusal tells the worker. */
  static final Map<String, String> STARTED_BY = Map.of(
      "escalation", "“上报与转办”只能由居民接待或应急值班中的“上报”步骤发起",
      "home-visit", "“居民走访”只能由每月的走访计划发起",
      "duty-shift", "“应急值班与交接”只能由值班排班表按班次发起",
      "supervision", "“督办”只能由书记/主任在“服务指标”页对事项点“督办”发起");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element element, ProcessDefinitionEntity definition) {
        String refusal = STARTED_BY.get(definition.getKey());
        if (refusal != null) {
          definition.addBuiltInListener(ExecutionListener.EVENTNAME_START, guard(refusal));
        }
        definition.addBuiltInListener(ExecutionListener.EVENTNAME_START, atStartEvent(definition));
      }
    });
    configuration.setCustomPreBPMNParseListeners(listeners);
  }

  /**
   * Lets a start through when another case calls the procedure (a call activity: a super execution exists) or when
   * the app starts it from its own code (no user logged in to the engine), and refuses it otherwise.
   */
  static ExecutionListener guard(String refusal) {
    return execution -> {
      if (execution.getSuperExecution() != null) {
        return;
      }
      Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      if (user != null && user.getUserId() != null) {
        throw new StartRefused(refusal + "，不能直接启动。");
      }
    };
  }

  /**
   * A person's start begins at the start event: start instructions ("startBeforeActivity" …) would skip the step that
   * registers and checks the case (RegisterCaseDelegate and its like), so they are refused for a logged-in user.
   */
  static ExecutionListener atStartEvent(ProcessDefinitionEntity definition) {
    return execution -> {
      if (execution.getSuperExecution() != null || definition.getInitial() == null) {
        return;
      }
      Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      if (user != null && user.getUserId() != null
          && !definition.getInitial().getId().equals(execution.getCurrentActivityId())) {
        throw new StartRefused("“" + definition.getName() + "”只能从开始事件发起（不能跳过登记步骤，从中间环节启动）。");
      }
    };
  }

  /** An AuthorizationException, so REST and Tasklist answer 403 with the Chinese message. */
  static class StartRefused extends AuthorizationException {

    StartRefused(String message) {
      super(message);
    }
  }
}
