package cn.shequflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.deployment.DeploymentReport.Refusal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Deployment from the folders: versions only for changed files, repo-relative names, broken files refused alone. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ModelDeployerTest {

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;

  @TempDir Path root;
  ModelDeployer deployer;

  @BeforeEach
  void analystFolder() throws IOException {
    Files.createDirectories(root.resolve("processes"));
    Files.createDirectories(root.resolve("forms"));
    deployer = new ModelDeployer(repositoryService, new ModelProperties(root.toString()));
  }

  @Test
  @DisplayName("未变化的文件不产生新版本；修改的BPMN只产生该流程的新版本，运行中的事项留在原版本")
  void onlyChangedFilesBecomeNewVersions_runningCasesStayOnTheirVersion() throws IOException {
    write("processes/probe-a.bpmn", probe("probe-a", "第一版"));
    write("processes/probe-b.bpmn", probe("probe-b", "不变"));
    write("forms/probe.form", form("probe-form"));

    DeploymentReport first = deployer.deploy();
    assertThat(first.deployed()).containsExactlyInAnyOrder("processes/probe-a.bpmn", "processes/probe-b.bpmn",
        "forms/probe.form");
    ProcessInstance running = runtimeService.startProcessInstanceByKey("probe-a");

    DeploymentReport unchanged = deployer.deploy();
    assertThat(unchanged.deployed()).isEmpty();
    assertThat(unchanged.unchanged()).isEqualTo(3);
    assertThat(latest("probe-a").getVersion()).isEqualTo(1);

    write("processes/probe-a.bpmn", probe("probe-a", "第二版"));
    DeploymentReport changed = deployer.deploy();

    assertThat(changed.deployed()).containsExactly("processes/probe-a.bpmn");
    assertThat(latest("probe-a").getVersion()).isEqualTo(2);
    assertThat(latest("probe-b").getVersion()).isEqualTo(1);
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionId(running.getProcessDefinitionId())
        .singleResult().getVersion()).isEqualTo(1);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(running.getId()).count()).isEqualTo(1);
  }

  @Test
  @DisplayName("Cockpit 中的资源名是仓库内相对路径（processes/…），不是机器路径")
  void resourceNamesAreRepoRelativePaths() throws IOException {
    write("processes/probe-names.bpmn", probe("probe-names", "路径"));
    deployer.deploy();

    ProcessDefinition definition = latest("probe-names");
    assertThat(definition.getResourceName()).isEqualTo("processes/probe-names.bpmn");
    assertThat(definition.getResourceName()).doesNotContain(root.toString());
  }

  @Test
  @DisplayName("损坏的模型被拒绝并指明文件和元素；已部署的版本继续运行，其他文件照常部署")
  void brokenModelIsRefusedWithFileAndElement_deployedVersionKeepsRunning() throws IOException {
    write("processes/probe-broken.bpmn", probe("probe-broken", "好的版本"));
    deployer.deploy();
    ProcessInstance running = runtimeService.startProcessInstanceByKey("probe-broken");

    write("processes/probe-broken.bpmn", probe("probe-broken", "好的版本")
        .replace("<bpmn:userTask id=\"Task_Probe\" name=\"好的版本\" />",
            "<bpmn:serviceTask id=\"Task_Probe\" name=\"缺少实现\" />"));
    write("processes/probe-fine.bpmn", probe("probe-fine", "同时修改的正常文件"));
    DeploymentReport report = deployer.deploy();

    assertThat(report.ok()).isFalse();
    Refusal refusal = report.refused().get(0);
    assertThat(refusal.file()).isEqualTo("processes/probe-broken.bpmn");
    assertThat(refusal.element()).isEqualTo("Task_Probe");
    assertThat(refusal.message()).isNotBlank();
    assertThat(report.deployed()).containsExactly("processes/probe-fine.bpmn");
    assertThat(latest("probe-broken").getVersion()).isEqualTo(1);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(running.getId()).count()).isEqualTo(1);
    assertThat(runtimeService.startProcessInstanceByKey("probe-broken")).isNotNull();
  }

  @Test
  @DisplayName("从其他目录启动（没有 processes/ 目录）时，部署打包在 jar 中的模型")
  void withoutFoldersTheModelsPackagedInTheJarAreUsed() {
    ModelSource source = new ModelSource(root.resolve("somewhere-else"));

    assertThat(source.usesFolder()).isFalse();
    assertThat(source.read()).containsKeys("processes/reception.bpmn", "processes/service-catalogue.dmn",
        "forms/reception-start.form");
    assertThat(source.read().keySet()).allMatch(name -> name.startsWith("processes/") || name.startsWith("forms/"));
  }

  private ProcessDefinition latest(String key) {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(root.resolve(name), content);
  }

  static String probe(String key, String taskName) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_%1$s" targetNamespace="test">
          <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Probe" />
            <bpmn:userTask id="Task_Probe" name="%2$s" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Probe" targetRef="End" />
            <bpmn:endEvent id="End" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, taskName);
  }

  static String form(String id) {
    return """
        {"components":[{"type":"textfield","id":"Field_a","key":"a","label":"测试"}],
         "type":"default","id":"%s","schemaVersion":16}
        """.formatted(id);
  }
}
