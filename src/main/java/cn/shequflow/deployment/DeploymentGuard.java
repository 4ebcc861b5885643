package cn.shequflow.deployment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one deployment guard (issue 10 item 2): the engine runs it before its BPMN, DMN and form deployers for every new
 * deployment — the app's folder deployment and redeploy, /engine-rest/deployment/create and so Camunda Modeler's
 * deploy button, a redeploy of an old deployment — and a refusal rolls the whole deployment back.
 */
final class DeploymentGuard implements Deployer {

  private static final Logger LOG = LoggerFactory.getLogger(DeploymentGuard.class);

  private final ModelInspection inspection;

  DeploymentGuard(ModelInspection inspection) {
    this.inspection = inspection;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    // deployments already in the database are re-read into the cache after a restart: they were checked when new
    if (!deployment.isNew()) {
      return;
    }
    Map<String, List<Problem>> refused = new LinkedHashMap<>();
    for (ResourceEntity resource : deployment.getResources().values()) {
      List<Problem> findings = inspection.inspect(resource.getName(), resource.getBytes());
      if (!findings.isEmpty()) {
        refused.put(resource.getName(), findings);
      }
    }
    if (!refused.isEmpty()) {
      ModelRefusedException refusal = new ModelRefusedException(refused);
      LOG.warn("部署“{}”（来源 {}）被安全检查拒绝：{}", deployment.getName(), deployment.getSource(), refusal.getMessage());
      throw refusal;
    }
  }
}
