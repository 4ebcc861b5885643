package cn.shequflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.deployment.DeploymentReport.Refusal;
import cn.shequflow.deployment.HostileCorpus.Case;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.StartProcessVariableScope;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Issue 10 item 2: one deployment guard on every path — the real multipart call Camunda Modeler's deploy button makes
 * to /engine-rest/deployment/create, and the app's folder deployment — and analysts who deploy from the Modeler.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DeploymentGuardTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ProcessEngine processEngine;
  @Autowired ApplicationContext context;

  @TempDir Path root;

  @ParameterizedTest(name = "{0}")
  @MethodSource("cn.shequflow.deployment.HostileCorpus#all")
  @DisplayName("issue 10 item 2 恶意模型经 Camunda Modeler 的部署接口（管理员 demo）：400，中文说明指明文件、元素和表达式，未部署")
  void overRest_hostileModelIsRefusedWith400AndNothingIsDeployed(Case hostile) throws Exception {
    String file = baseName(hostile.file());
    String deploymentName = "hostile-" + Integer.toHexString(hostile.name().hashCode());

    ResponseEntity<String> response = deploy("demo", deploymentName, file, hostile.content());

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    String message = JSON.readTree(response.getBody()).get("message").asText();
    assertThat(message).contains("未通过安全检查").contains("已部署的版本继续运行").contains(file)
        .contains(hostile.expected());
    if (hostile.element() != null) {
      assertThat(message).contains(hostile.element());
    }
    assertThat(repositoryService.createDeploymentQuery().deploymentName(deploymentName).count()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cn.shequflow.deployment.HostileCorpus#all")
  @DisplayName("issue 10 item 2 恶意模型放进 processes/ 或 forms/ 目录（启动时和重新部署时的路径）：被拒绝并指明文件和元素")
  void fromTheFolder_hostileModelIsRefusedNamingFileAndElement(Case hostile) throws IOException {
    Files.createDirectories(root.resolve("processes"));
    Files.createDirectories(root.resolve("forms"));
    Files.writeString(root.resolve(hostile.file()), hostile.content());
    ModelDeployer deployer = new ModelDeployer(repositoryService, new ModelProperties(root.toString()));

    DeploymentReport report = deployer.deploy();

    assertThat(report.deployed()).isEmpty();
    if (!ModelSource.isModel(hostile.file())) {
      // scripts, pages and pictures are never picked up from the folders at all
      assertThat(report.refused()).isEmpty();
      return;
    }
    assertThat(report.refused()).hasSize(1);
    Refusal refusal = report.refused().get(0);
    assertThat(refusal.file()).isEqualTo(hostile.file());
    assertThat(refusal.message()).contains(hostile.file()).contains("被拒绝").contains(hostile.expected());
    if (hostile.element() != null) {
      assertThat(refusal.element()).isEqualTo(hostile.element());
    }
  }

  @Test
  @DisplayName("issue 10 item 2 被拒绝的新版本不影响已部署的版本：版本号不变，运行中的事项继续")
  void refusedNewVersion_leavesTheRunningVersionAsItWas() throws Exception {
    assertThat(deploy("demo", "guard-version", "guard-version.bpmn", harmless("guard-version")).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    ProcessInstance running = runtimeService.startProcessInstanceByKey("guard-version", java.util.Map.of("grid", "grid-1"));

    String hostile = harmless("guard-version").replace("camunda:candidateGroups=\"${grid}\"",
        "camunda:candidateGroups=\"${execution.getProcessEngineServices().getIdentityService().createUserQuery().list()}\"");
    ResponseEntity<String> refused = deploy("demo", "guard-version", "guard-version.bpmn", hostile);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(refused.getBody()).get("message").asText())
        .contains("guard-version.bpmn 中元素 Task_Review").contains("execution.getProcessEngineServices()");
    ProcessDefinition latest = repositoryService.createProcessDefinitionQuery().processDefinitionKey("guard-version")
        .latestVersion().singleResult();
    assertThat(latest.getVersion()).isEqualTo(1);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(running.getId()).count()).isEqualTo(1);
  }

  @Test
  @DisplayName("issue 10 item 2 分析员 zhaolei 从 Camunda Modeler 部署：无害模型 200，恶意模型 400（中文）；网格员 zhangwei 403")
  void analystDeploysHarmlessModel_isRefusedHostileOne_workerMayNotDeploy() throws Exception {
    ResponseEntity<String> harmless = deploy("zhaolei", "analyst-model", "analyst-model.bpmn", harmless("analyst-model"));
    assertThat(harmless.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode deployed = JSON.readTree(harmless.getBody()).get("deployedProcessDefinitions");
    assertThat(deployed.elements().next().get("key").asText()).isEqualTo("analyst-model");

    String hostile = harmless("analyst-hostile").replace("${workingDays.fromNow(1)}", "${workingDays.reload()}");
    ResponseEntity<String> refused = deploy("zhaolei", "analyst-hostile", "analyst-hostile.bpmn", hostile);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(refused.getBody()).get("message").asText())
        .contains("analyst-hostile.bpmn 中元素 Task_Review 的表达式“${workingDays.reload()}” 被拒绝");
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("analyst-hostile").count()).isZero();

    ResponseEntity<String> worker = deploy("zhangwei", "worker-model", "worker-model.bpmn", harmless("worker-model"));
    assertThat(worker.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("worker-model").count()).isZero();
  }

  @Test
  @DisplayName("issue 10 item 2 第二道防线：引擎的表达式只能解析白名单中的 Bean")
  void engineExpressionsResolveOnlyAllowlistedBeans() {
    assertThat(evaluate("${workingDays}")).isInstanceOf(WorkingDayCalendar.class);
    assertThat(evaluate("${sendMailDelegate}")).isInstanceOf(JavaDelegate.class);
    assertThat(context.containsBean("runtimeService")).isTrue();
    assertThatThrownBy(() -> evaluate("${runtimeService}")).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("runtimeService");
    assertThat(context.containsBean("dataSource")).isTrue();
    assertThatThrownBy(() -> evaluate("${dataSource}")).isInstanceOf(ProcessEngineException.class);
  }

  @Test
  @DisplayName("issue 10 item 2 白名单与模型一致：每个委托 Bean 都存在且是委托或监听器，模型引用的每个 Bean 都在白名单中")
  void allowlistNamesExactlyTheDelegatesAndCallsTheModelsUse() throws IOException {
    ExpressionAllowlist allowlist = ExpressionAllowlist.APP;
    for (String delegate : allowlist.delegates()) {
      assertThat(context.getBean(delegate)).as(delegate)
          .isInstanceOfAny(JavaDelegate.class, ExecutionListener.class, TaskListener.class);
    }
    Set<String> calendarMethods = new TreeSet<>();
    for (var method : WorkingDayCalendar.class.getMethods()) {
      calendarMethods.add(method.getName());
    }
    assertThat(calendarMethods).containsAll(allowlist.methods().get("workingDays"));

    Set<String> delegatesInModels = new TreeSet<>();
    Set<String> callsInModels = new TreeSet<>();
    Matcher delegate = Pattern.compile("delegateExpression=\"\\$\\{(\\w+)\\}\"").matcher("");
    Matcher call = Pattern.compile("\\$\\{(\\w+)\\.(\\w+)\\(").matcher("");
    try (Stream<Path> files = Files.walk(Path.of("processes"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
        String xml = Files.readString(file);
        delegate.reset(xml);
        while (delegate.find()) {
          delegatesInModels.add(delegate.group(1));
        }
        call.reset(xml);
        while (call.find()) {
          callsInModels.add(call.group(1) + "." + call.group(2));
        }
      }
    }
    assertThat(allowlist.delegates()).containsExactlyInAnyOrderElementsOf(delegatesInModels);
    assertThat(callsInModels).allMatch(c -> allowlist.allowsMethod(c.split("\\.")[0], c.split("\\.")[1]));
  }

  private Object evaluate(String expression) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    return configuration.getCommandExecutorTxRequired().execute(commandContext -> configuration.getExpressionManager()
        .createExpression(expression).getValue(StartProcessVariableScope.getSharedInstance()));
  }

  /** The multipart request Camunda Modeler's deploy button sends, with HTTP Basic as the analyst configures it. */
  private ResponseEntity<String> deploy(String user, String deploymentName, String file, String content) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("deployment-name", deploymentName);
    parts.add("deployment-source", "Camunda Modeler");
    parts.add("deploy-changed-only", "true");
    parts.add(file, new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return file;
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, "demo", StandardCharsets.UTF_8);
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return rest.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(parts, headers),
        String.class);
  }

  /** A model an analyst would draw: a user task for the grid, due in one working day. */
  private static String harmless(String key) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + HostileCorpus.definitions(key, """
        <bpmn:startEvent id="Start" />
        <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Review" />
        <bpmn:userTask id="Task_Review" name="复核" camunda:candidateGroups="${grid}"
            camunda:dueDate="${workingDays.fromNow(1)}" />
        <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Review" targetRef="End" />
        <bpmn:endEvent id="End" />""");
  }

  private static String baseName(String file) {
    return file.substring(file.lastIndexOf('/') + 1);
  }
}
