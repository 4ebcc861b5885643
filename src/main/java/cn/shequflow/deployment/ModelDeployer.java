package cn.shequflow.deployment;

import cn.shequflow.deployment.DeploymentReport.Refusal;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ParseException;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Deploys processes/ and forms/ to the engine: only changed files become new versions (running cases stay on
 * theirs), resource names are repo-relative paths, and a broken file is refused alone with the file and element
 * named while everything else still deploys.
 */
@Component
@EnableConfigurationProperties(ModelProperties.class)
public class ModelDeployer {

  static final String DEPLOYMENT_NAME = "shequ-flow";
  private static final Logger LOG = LoggerFactory.getLogger(ModelDeployer.class);

  private final RepositoryService repositoryService;
  private final ModelSource source;

  ModelDeployer(RepositoryService repositoryService, ModelProperties properties) {
    this.repositoryService = repositoryService;
    this.source = new ModelSource(Path.of(properties.root()));
  }

  @EventListener
  @Order(0)
  public void onStart(ApplicationStartedEvent event) {
    deploy();
  }

  public synchronized DeploymentReport deploy() {
    Map<String, byte[]> models = source.read();
    LOG.info("部署模型：{} 个文件，来源 {}", models.size(), source.describe());
    DeploymentReport report;
    try {
      report = deployTogether(models);
    } catch (RuntimeException firstFailure) {
      // one file is broken: deploy file by file so the good ones still go out and the bad one is named
      report = deployOneByOne(models);
    }
    for (Refusal refusal : report.refused()) {
      LOG.error("模型被拒绝，已部署的版本继续运行：{}（元素 {}）：{}", refusal.file(), refusal.element(), refusal.message());
    }
    LOG.info("部署完成：新版本 {}，未变化 {}，被拒绝 {}", report.deployed(), report.unchanged(), report.refused().size());
    return report;
  }

  private DeploymentReport deployTogether(Map<String, byte[]> models) {
    List<String> deployed = deployChanged(models);
    return new DeploymentReport(source.describe(), deployed, models.size() - deployed.size(), List.of());
  }

  private DeploymentReport deployOneByOne(Map<String, byte[]> models) {
    List<String> deployed = new ArrayList<>();
    List<Refusal> refused = new ArrayList<>();
    for (Map.Entry<String, byte[]> model : models.entrySet()) {
      try {
        deployed.addAll(deployChanged(Map.of(model.getKey(), model.getValue())));
      } catch (RuntimeException e) {
        refused.add(refusal(model.getKey(), e));
      }
    }
    return new DeploymentReport(source.describe(), deployed, models.size() - deployed.size() - refused.size(), refused);
  }

  private List<String> deployChanged(Map<String, byte[]> models) {
    DeploymentBuilder builder = repositoryService.createDeployment()
        .name(DEPLOYMENT_NAME)
        .source(DEPLOYMENT_NAME)
        .enableDuplicateFiltering(true);
    models.forEach((name, content) -> builder.addInputStream(name, new ByteArrayInputStream(content)));
    java.util.Set<String> earlier = repositoryService.createDeploymentQuery().deploymentName(DEPLOYMENT_NAME).list()
        .stream().map(org.camunda.bpm.engine.repository.Deployment::getId)
        .collect(java.util.stream.Collectors.toSet());
    DeploymentWithDefinitions deployment = builder.deployWithResult();
    // with nothing changed the engine hands back an earlier deployment: nothing is new then
    if (earlier.contains(deployment.getId())) {
      return List.of();
    }
    return repositoryService.getDeploymentResources(deployment.getId()).stream()
        .map(Resource::getName)
        .filter(models::containsKey)
        .toList();
  }

  private static Refusal refusal(String file, RuntimeException e) {
    if (e instanceof ModelRefusedException guard) {
      // the deployment guard's Chinese text, every finding of the file
      return new Refusal(file, guard.firstElement(), guard.getMessage());
    }
    if (e instanceof ParseException parse) {
      for (ResourceReport report : parse.getResorceReports()) {
        for (Problem problem : report.getErrors()) {
          String element = problem.getMainElementId() != null ? problem.getMainElementId()
              : problem.getElementIds().isEmpty() ? elementNamedIn(problem.getMessage())
              : String.join(",", problem.getElementIds());
          String line = problem.getLine() > 0 ? "（第" + problem.getLine() + "行）" : "";
          return new Refusal(file, element, problem.getMessage() + line);
        }
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = e.getMessage() == null ? root.toString() : e.getMessage();
    if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
      message = message + "：" + root.getMessage();
    }
    return new Refusal(file, elementNamedIn(message), message);
  }

  /** DMN and form errors name the element only inside the message (e.g. "decision 'x'"); pick it out. */
  static String elementNamedIn(String message) {
    java.util.regex.Matcher quoted = java.util.regex.Pattern.compile("'([^']+)'").matcher(message);
    return quoted.find() ? quoted.group(1) : "";
  }
}
