package cn.shequflow.bench;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * A plain Camunda engine with its defaults (history full, its own MyBatis pool, no app code) running a process of the
 * reception case's shape on the path "answered on the spot": one user task, the outcome gateway, the mail gateway and
 * its merge, six start variables, no delegates and no decisions.
 */
final class BareEngine implements AutoCloseable {

  static final String KEY = "bareReception";

  final ProcessEngine engine;

  BareEngine(String jdbcUrl, String user, String password, String name) {
    ProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration()
        .setProcessEngineName(name)
        .setJdbcUrl(jdbcUrl).setJdbcUsername(user).setJdbcPassword(password)
        .setJdbcDriver(jdbcUrl.startsWith("jdbc:h2") ? "org.h2.Driver" : "org.postgresql.Driver")
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setJobExecutorActivate(false);
    engine = configuration.buildProcessEngine();
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(KEY).count() == 0) {
      engine.getRepositoryService().createDeployment().name("bench-bare")
          .addModelInstance("bare-reception.bpmn", model()).deploy();
    }
  }

  static BpmnModelInstance model() {
    return Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1825)
        .startEvent("start")
        .userTask("handle").camundaCandidateGroups("grid-1")
        .exclusiveGateway("outcome")
          .condition("answered", "${outcome == 'answered'}")
          .exclusiveGateway("byMail")
            .condition("mail", "${channel == 'email'}")
            .exclusiveGateway("merge")
            .endEvent("answeredEnd")
          .moveToNode("byMail")
            .condition("noMail", "${channel != 'email'}")
            .connectTo("merge")
        .moveToNode("outcome")
          .condition("other", "${outcome != 'answered'}")
          .endEvent("otherEnd")
        .done();
  }

  /** One case: start with the six start variables, find the task, complete it answered. */
  void runCase(int n) {
    var pi = engine.getRuntimeService().startProcessInstanceByKey(KEY, CaseThroughput.startVariables(n));
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
    engine.getTaskService().complete(task.getId(), Map.of("outcome", "answered", "answer", "活动室每天开放"));
  }

  @Override
  public void close() {
    engine.close();
  }
}
