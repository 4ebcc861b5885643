package cn.shequflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/** The context starts, every model file is deployed, every bean a model names exists, every user task has a form. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ModelsSmokeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BEAN_CALL = Pattern.compile("\\$\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*[.}]");

  @Autowired RepositoryService repositoryService;
  @Autowired ApplicationContext context;

  @Test
  @DisplayName("processes/ 和 forms/ 下的每个文件都已部署")
  void everyModelFileIsDeployed() throws IOException {
    Set<String> deployed = new TreeSet<>();
    for (Deployment deployment : repositoryService.createDeploymentQuery().deploymentName("shequ-flow").list()) {
      repositoryService.getDeploymentResources(deployment.getId()).stream().map(Resource::getName)
          .forEach(deployed::add);
    }
    assertThat(deployed).containsAll(modelFiles());
  }

  @Test
  @DisplayName("模型中引用的每个 ${bean} 都存在")
  void everyBeanNamedInAModelExists() throws IOException {
    List<String> missing = new ArrayList<>();
    Set<String> variables = variablesSetInModels();
    for (Path bpmn : files("processes", ".bpmn")) {
      String xml = Files.readString(bpmn);
      Matcher matcher = BEAN_CALL.matcher(xml);
      while (matcher.find()) {
        String name = matcher.group(1);
        boolean calledAsBean = matcher.group(0).endsWith(".") || isDelegateExpression(xml, name);
        if (calledAsBean && !context.containsBean(name)) {
          missing.add(bpmn.getFileName() + ": " + name);
        }
        if (!calledAsBean && !variables.contains(name) && !context.containsBean(name)) {
          missing.add(bpmn.getFileName() + ": " + name + "（既不是 bean，也不是已知变量）");
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  @DisplayName("每个用户任务和（可在任务列表发起的）开始事件都有已存在的中文表单")
  void everyUserTaskAndStartEventHasAForm() throws IOException {
    Set<String> formIds = new TreeSet<>();
    for (Path form : files("forms", ".form")) {
      formIds.add(JSON.readTree(form.toFile()).get("id").asText());
    }
    List<String> problems = new ArrayList<>();
    for (Path bpmn : files("processes", ".bpmn")) {
      BpmnModelInstance model = Bpmn.readModelFromFile(bpmn.toFile());
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        check(problems, bpmn, task.getId(), task.getCamundaFormRef(), formIds);
      }
      for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
        // procedures only called by others (escalation) are not started from Tasklist and need no start form
        if (start.getParentElement() instanceof org.camunda.bpm.model.bpmn.instance.Process process
            && process.isCamundaStartableInTasklist()) {
          check(problems, bpmn, start.getId(), start.getCamundaFormRef(), formIds);
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  @DisplayName("R-1.2-3 受理表单的事项类别与服务目录完全一致")
  void startFormCategoriesEqualTheCatalogue() throws IOException {
    String dmn = Files.readString(Path.of("processes/service-catalogue.dmn"));
    Set<String> catalogue = new TreeSet<>();
    Matcher rule = Pattern.compile("<rule id=\"[^\"]+\">\\s*(?:<description>[^<]*</description>\\s*)?"
        + "<inputEntry id=\"[^\"]+\">\\s*<text>\"([^\"]+)\"</text>").matcher(dmn);
    while (rule.find()) {
      catalogue.add(rule.group(1));
    }
    Set<String> formOptions = new TreeSet<>();
    for (JsonNode component : JSON.readTree(Path.of("forms/reception-start.form").toFile()).get("components")) {
      if ("category".equals(component.path("key").asText())) {
        component.get("values").forEach(v -> formOptions.add(v.get("value").asText()));
      }
    }
    assertThat(catalogue).contains("general-inquiry").hasSizeGreaterThan(20);
    assertThat(formOptions).isEqualTo(catalogue);
  }

  private static void check(List<String> problems, Path bpmn, String id, String formRef, Set<String> formIds) {
    if (formRef == null) {
      problems.add(bpmn.getFileName() + " " + id + "：没有表单");
    } else if (!formIds.contains(formRef)) {
      problems.add(bpmn.getFileName() + " " + id + "：表单 " + formRef + " 不存在");
    }
  }

  private static boolean isDelegateExpression(String xml, String name) {
    return xml.contains("delegateExpression=\"${" + name + "}\"");
  }

  /** Variables the models read: set by the start form, by delegates or by task forms. */
  private static Set<String> variablesSetInModels() throws IOException {
    Set<String> names = new TreeSet<>();
    for (Path form : files("forms", ".form")) {
      collectKeys(JSON.readTree(form.toFile()), names);
    }
    // written by the procedures' delegates and listeners (register, promise, materials check, DMN result)
    names.addAll(Set.of("grid", "replyDueAt", "taskPriority", "promisedReplyAt", "materialsWaitWorkingDays",
        "timeLimitDays", "unitReplyDueAt", "firstResponder", "deadlineRecipients", "residentEmail", "departmentEmail",
        "escalationTarget", "caseHolder", "promisedDueAt", "missingMaterials", "eligibility", "dueAt", "firstVisit", "internalReport", "dutyWorker", "shiftEndAt", "nextWorker", "handoverDueAt", "acknowledgeDueAt", "rectifyDueAt", "returnCallDays", "complainantEmail", "receivedBy", "kind",
        "referralDueAt", "mailRecipient", "supervisedBy"));
    return names;
  }

  private static void collectKeys(JsonNode node, Set<String> names) {
    if (node.has("key")) {
      names.add(node.get("key").asText());
    }
    node.path("components").forEach(child -> collectKeys(child, names));
  }

  private static List<String> modelFiles() throws IOException {
    List<String> names = new ArrayList<>();
    for (String folder : List.of("processes", "forms")) {
      try (Stream<Path> files = Files.walk(Path.of(folder))) {
        names.addAll(files.filter(Files::isRegularFile).map(p -> p.toString().replace('\\', '/'))
            .filter(n -> n.endsWith(".bpmn") || n.endsWith(".dmn") || n.endsWith(".form")).toList());
      }
    }
    return names;
  }

  private static List<Path> files(String folder, String suffix) throws IOException {
    try (Stream<Path> files = Files.walk(Path.of(folder))) {
      return files.filter(p -> p.toString().endsWith(suffix)).sorted().collect(Collectors.toList());
    }
  }
}
