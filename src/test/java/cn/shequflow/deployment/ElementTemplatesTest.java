package cn.shequflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.ClassUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Issue 12 item 3: the Camunda Modeler element templates in element-templates/ (Camunda 7 schema, checked in full by
 * Modeler's own validator in tools/bpmnlint) name delegates that exist, offer only the input parameters those
 * delegates read, and every model element linked to a template (camunda:modelerTemplate) carries the template's
 * fixed values — including the guarded user task's reminder and overdue boundary events and their shared chain,
 * which templates cannot create. The last test breaks templates on purpose to show the checks fail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ElementTemplatesTest {

  static final String SCHEMA = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";
  static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  /** Camunda 7 bindings and the property types Modeler accepts for each (the schema's rules). */
  static final Map<String, Set<String>> BINDING_TYPES = Map.of(
      "property", Set.of("String", "Text", "Hidden", "Dropdown", "Boolean"),
      "camunda:property", Set.of("String", "Hidden", "Dropdown"),
      "camunda:inputParameter", Set.of("String", "Text", "Hidden", "Dropdown"),
      "camunda:outputParameter", Set.of("String", "Hidden", "Dropdown"),
      "camunda:in", Set.of("String", "Hidden", "Dropdown"),
      "camunda:in:businessKey", Set.of("String", "Hidden", "Dropdown"),
      "camunda:out", Set.of("String", "Hidden", "Dropdown"),
      "camunda:executionListener", Set.of("Hidden"),
      "camunda:errorEventDefinition", Set.of("String", "Hidden", "Dropdown"));
  /** Mail templates the Java code sends itself (feedback cards, task handover, the visit sweep), not a model. */
  static final Set<String> JAVA_ONLY_MAILS = Set.of("signature", "feedback-card", "handover", "visit-overdue");
  static final Pattern CJK = Pattern.compile("[\\u4e00-\\u9fff]");
  static final Pattern BEAN = Pattern.compile("\\$\\{(\\w+)}");
  static final ObjectMapper JSON = new ObjectMapper();

  static Map<String, JsonNode> templates;
  static Map<String, Document> models;

  @Autowired ApplicationContext context;

  @BeforeAll
  static void load() throws Exception {
    templates = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(Path.of("element-templates"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonNode root = JSON.readTree(file.toFile());
        for (JsonNode template : root.isArray() ? root : JSON.createArrayNode().add(root)) {
          templates.put(file.getFileName() + "#" + template.path("id").asText(), template);
        }
      }
    }
    models = new LinkedHashMap<>();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
        models.put(file.getFileName().toString(), factory.newDocumentBuilder().parse(file.toFile()));
      }
    }
  }

  @Test
  @DisplayName("issue 12：每个模板有 Camunda 7 模式要求的字段、中文名称和说明，只用 Camunda 7 的绑定类型，id 不重复")
  void everyTemplateHasTheRequiredFieldsAndCamunda7Bindings() {
    assertThat(templates).hasSizeGreaterThanOrEqualTo(15);
    assertThat(new Checker(templates.values(), this::bean).schemaProblems()).isEmpty();
  }

  @Test
  @DisplayName("issue 12：模板中的委托 Bean 都存在、在白名单中且类型正确，模板提供的每个输入参数都是该委托读取的")
  void everyDelegateExistsAndReadsTheInputParametersItsTemplateOffers() {
    assertThat(new Checker(templates.values(), this::bean).delegateProblems()).isEmpty();
  }

  @Test
  @DisplayName("issue 12：带 camunda:modelerTemplate 的模型元素与模板的固定值一致；对应模板的元素都已关联模板")
  void everyLinkedModelElementMatchesItsTemplate() {
    Checker checker = new Checker(templates.values(), this::bean);
    assertThat(checker.linkedElementCount()).isGreaterThanOrEqualTo(60);
    assertThat(checker.modelProblems()).isEmpty();
  }

  @Test
  @DisplayName("R-4.2-1 期限守护的用户任务：一个即将到期、一个已逾期边界事件，用同一个期限变量，连到标记与邮件链")
  void everyGuardedUserTaskHasBothTimersAndTheSharedChain() {
    Checker checker = new Checker(templates.values(), this::bean);
    assertThat(checker.elementsWithTemplate("cn.shequflow.guardedUserTask")).hasSize(4);
    assertThat(checker.guardedTaskProblems()).isEmpty();
  }

  @Test
  @DisplayName("issue 12：邮件模板下拉框正好列出 mail-templates/ 中模型可用的模板；每个邮件步骤异步并按 R5/PT10M 重试")
  void mailTemplateChoicesAreTheRealTemplates() throws IOException {
    Set<String> files = new TreeSet<>();
    try (Stream<Path> list = Files.list(Path.of("mail-templates"))) {
      list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt"))
          .map(n -> n.substring(0, n.length() - 4)).forEach(files::add);
    }
    assertThat(files).containsAll(JAVA_ONLY_MAILS);
    files.removeAll(JAVA_ONLY_MAILS);
    JsonNode mail = templates.values().stream().filter(t -> t.path("id").asText().equals("cn.shequflow.sendMail"))
        .findFirst().orElseThrow();
    Set<String> choices = new TreeSet<>();
    for (JsonNode property : mail.get("properties")) {
      if ("mailTemplate".equals(property.path("binding").path("name").asText())) {
        property.get("choices").forEach(choice -> choices.add(choice.get("value").asText()));
      }
    }
    assertThat(choices).isEqualTo(files);
    assertThat(new Checker(templates.values(), this::bean).mailRetryProblems()).isEmpty();
  }

  @Test
  @DisplayName("issue 12：故意改坏模板（未知 Bean、错误绑定、委托不读的参数、缺 appliesTo、固定值与模型不符）时检查会失败")
  void brokenTemplatesAreCaught() {
    List<JsonNode> broken = new ArrayList<>();
    for (JsonNode template : templates.values()) {
      ObjectNode copy = template.deepCopy();
      switch (copy.path("id").asText()) {
        case "cn.shequflow.sendMail" -> {
          ((ArrayNode) copy.get("properties")).addObject().put("label", "抄送").put("type", "String")
              .putObject("binding").put("type", "camunda:inputParameter").put("name", "mailCc");
          ((ObjectNode) copy.get("properties").get(2).get("binding")).put("type", "camunda:inputParam");
        }
        case "cn.shequflow.deadlineMarker" -> ((ObjectNode) copy.get("properties").get(0)).put("value", "${noSuchDelegate}");
        case "cn.shequflow.archiveCase" -> copy.remove("appliesTo");
        case "cn.shequflow.guardedReminder" -> ((ObjectNode) copy.get("properties").get(0)).put("value", true);
        default -> { }
      }
      broken.add(copy);
    }
    Checker checker = new Checker(broken, this::bean);
    List<String> problems = new ArrayList<>();
    problems.addAll(checker.schemaProblems());
    problems.addAll(checker.delegateProblems());
    problems.addAll(checker.modelProblems());
    assertThat(problems).anyMatch(p -> p.contains("mailCc")).anyMatch(p -> p.contains("camunda:inputParam"))
        .anyMatch(p -> p.contains("noSuchDelegate")).anyMatch(p -> p.contains("cn.shequflow.archiveCase") && p.contains("appliesTo"))
        .anyMatch(p -> p.contains("cancelActivity"));
  }

  /** The Spring bean's class, or null when there is no such bean. */
  private Class<?> bean(String name) {
    return context.containsBean(name) ? ClassUtils.getUserClass(Objects.requireNonNull(context.getType(name))) : null;
  }

  /** The checks, over a set of templates (the real ones, or broken copies) and the real models. */
  static final class Checker {
    private final Map<String, JsonNode> byKey = new LinkedHashMap<>();
    private final Function<String, Class<?>> beans;

    Checker(Iterable<JsonNode> templates, Function<String, Class<?>> beans) {
      for (JsonNode template : templates) {
        byKey.put(template.path("id").asText() + "@" + template.path("version").asText(), template);
      }
      this.beans = beans;
    }

    List<String> schemaProblems() {
      List<String> problems = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (JsonNode t : byKey.values()) {
        String id = t.path("id").asText();
        for (String field : List.of("$schema", "name", "id", "version", "appliesTo", "properties")) {
          if (!t.has(field)) {
            problems.add(id + "：缺少 " + field);
          }
        }
        if (!SCHEMA.equals(t.path("$schema").asText())) {
          problems.add(id + "：$schema 应为 " + SCHEMA);
        }
        if (!seen.add(id + "@" + t.path("version").asText()) || !t.path("version").isInt()) {
          problems.add(id + "：id 与版本重复，或版本不是整数");
        }
        if (!t.path("appliesTo").isArray() || t.path("appliesTo").isEmpty()) {
          problems.add(id + "：appliesTo 应为非空数组");
        }
        t.path("appliesTo").forEach(type -> {
          if (!type.asText().matches("bpmn:[A-Z]\\w+")) {
            problems.add(id + "：appliesTo 中的类型无效 " + type);
          }
        });
        if (!CJK.matcher(t.path("name").asText()).find() || !CJK.matcher(t.path("description").asText()).find()) {
          problems.add(id + "：名称和说明应为中文");
        }
        for (JsonNode p : t.path("properties")) {
          String type = p.path("type").asText();
          String binding = p.path("binding").path("type").asText();
          String where = id + " 的属性“" + p.path("label").asText() + "”";
          if (!BINDING_TYPES.containsKey(binding)) {
            problems.add(where + "：不是 Camunda 7 的绑定类型 " + binding
                + "（camunda:field 字段注入会被部署检查拒绝）");
          } else if (!BINDING_TYPES.get(binding).contains(type)) {
            problems.add(where + "：绑定 " + binding + " 不能用类型 " + type);
          }
          if (!CJK.matcher(p.path("label").asText()).find()) {
            problems.add(where + "：标签应为中文");
          }
          if (Set.of("property", "camunda:inputParameter").contains(binding) && !p.path("binding").has("name")) {
            problems.add(where + "：绑定缺少 name");
          }
          if ("camunda:outputParameter".equals(binding) && !p.path("binding").has("source")) {
            problems.add(where + "：输出参数绑定缺少 source");
          }
          if ("camunda:executionListener".equals(binding) && (!p.path("binding").has("event")
              || !"delegateExpression".equals(p.path("binding").path("implementationType").asText()))) {
            problems.add(where + "：执行监听器须有 event，且只能是 delegateExpression（脚本和类会被部署检查拒绝）");
          }
          if ("Dropdown".equals(type) && (!p.path("choices").isArray() || p.path("choices").isEmpty())) {
            problems.add(where + "：下拉框没有选项");
          }
          if ("Hidden".equals(type) && !p.has("value")) {
            problems.add(where + "：隐藏属性没有固定值");
          }
        }
      }
      return problems;
    }

    List<String> delegateProblems() {
      List<String> problems = new ArrayList<>();
      for (JsonNode t : byKey.values()) {
        String id = t.path("id").asText();
        String delegate = null;
        for (JsonNode p : t.path("properties")) {
          String binding = p.path("binding").path("type").asText();
          boolean delegateExpression = "property".equals(binding)
              && "camunda:delegateExpression".equals(p.path("binding").path("name").asText());
          if (!delegateExpression && !"camunda:executionListener".equals(binding)) {
            continue;
          }
          Matcher bean = BEAN.matcher(p.path("value").asText());
          if (!bean.matches()) {
            problems.add(id + "：委托应写成 ${bean}，实际为 " + p.path("value").asText());
            continue;
          }
          String name = bean.group(1);
          Class<?> type = beans.apply(name);
          Class<?> expected = delegateExpression ? JavaDelegate.class : ExecutionListener.class;
          if (type == null || !expected.isAssignableFrom(type)) {
            problems.add(id + "：" + name + " 不是应用中的 " + expected.getSimpleName() + " Bean");
          }
          if (!ExpressionAllowlist.APP.isDelegate(name)) {
            problems.add(id + "：" + name + " 不在部署检查的委托白名单中（ExpressionAllowlist）");
          }
          if (delegateExpression) {
            delegate = name;
          }
        }
        for (JsonNode p : t.path("properties")) {
          if (!"camunda:inputParameter".equals(p.path("binding").path("type").asText())) {
            continue;
          }
          String parameter = p.path("binding").path("name").asText();
          Class<?> type = delegate == null ? null : beans.apply(delegate);
          if (type == null || !stringConstants(type).contains(parameter)) {
            problems.add(id + "：输入参数 " + parameter + " 不是委托 " + delegate + " 读取的变量");
          }
        }
      }
      return problems;
    }

    int linkedElementCount() {
      return linked().size();
    }

    List<Element> elementsWithTemplate(String templateId) {
      return linked().stream().filter(e -> templateId.equals(e.getAttributeNS(CAMUNDA, "modelerTemplate"))).toList();
    }

    List<String> modelProblems() {
      List<String> problems = new ArrayList<>();
      for (Element element : linked()) {
        String key = element.getAttributeNS(CAMUNDA, "modelerTemplate") + "@"
            + element.getAttributeNS(CAMUNDA, "modelerTemplateVersion");
        String where = file(element) + " " + element.getAttribute("id");
        JsonNode t = byKey.get(key);
        if (t == null) {
          problems.add(where + "：没有模板 " + key);
          continue;
        }
        Set<String> applies = new HashSet<>();
        t.path("appliesTo").forEach(type -> applies.add(type.asText()));
        String type = "bpmn:" + Character.toUpperCase(element.getLocalName().charAt(0))
            + element.getLocalName().substring(1);
        if (!applies.contains(type)) {
          problems.add(where + "：模板 " + key + " 的 appliesTo 不含 " + type);
        }
        Set<String> offered = new HashSet<>();
        for (JsonNode p : t.path("properties")) {
          String binding = p.path("binding").path("type").asText();
          String label = "“" + p.path("label").asText() + "”";
          if ("camunda:inputParameter".equals(binding)) {
            offered.add(p.path("binding").path("name").asText());
          }
          if ("camunda:executionListener".equals(binding)) {
            boolean found = children(extensions(element), CAMUNDA, "executionListener").stream().anyMatch(l ->
                l.getAttribute("event").equals(p.path("binding").path("event").asText())
                    && l.getAttribute("delegateExpression").equals(p.path("value").asText()));
            if (!found) {
              problems.add(where + "：缺少模板的执行监听器 " + p.path("value").asText());
            }
            continue;
          }
          if ("camunda:outputParameter".equals(binding)) {
            String source = p.path("binding").path("source").asText();
            boolean found = parameters(element, "outputParameter").entrySet().stream()
                .anyMatch(o -> o.getKey().equals(p.path("value").asText()) && o.getValue().equals(source));
            if (!found) {
              problems.add(where + "：缺少模板的输出映射 " + p.path("value").asText() + " = " + source);
            }
            continue;
          }
          String value = value(element, p.path("binding"));
          String fixed = p.path("value").asText();
          boolean isFixed = "Hidden".equals(p.path("type").asText()) || p.path("editable").asBoolean(true) == false;
          if (isFixed && !fixed.equals(value)) {
            problems.add(where + " 的" + label + "（" + p.path("binding").path("name").asText() + "）应为 " + fixed
                + "，实际为 " + value);
          }
          if ("Dropdown".equals(p.path("type").asText())) {
            Set<String> choices = new HashSet<>();
            p.path("choices").forEach(c -> choices.add(c.path("value").asText()));
            if (!choices.contains(value)) {
              problems.add(where + " 的" + label + "：" + value + " 不在下拉选项中");
            }
          }
          JsonNode constraints = p.path("constraints");
          if (constraints.path("notEmpty").asBoolean() && (value == null || value.isBlank())) {
            problems.add(where + " 的" + label + "不能为空");
          }
          if (constraints.has("pattern") && value != null && !value.isEmpty()) {
            JsonNode pattern = constraints.get("pattern");
            String regex = pattern.isObject() ? pattern.path("value").asText() : pattern.asText();
            if (!value.matches(regex)) {
              problems.add(where + " 的" + label + "：" + value + " 不符合 " + regex);
            }
          }
        }
        for (String parameter : parameters(element, "inputParameter").keySet()) {
          if (!offered.contains(parameter)) {
            problems.add(where + "：输入参数 " + parameter + " 不在模板 " + key + " 中（模板关联后 Modeler 不显示它）");
          }
        }
      }
      problems.addAll(unlinkedProblems());
      return problems;
    }

    /** Elements a template is meant for but that do not name it (an analyst drew them without the template). */
    private List<String> unlinkedProblems() {
      Map<String, String> delegateTemplates = new HashMap<>();
      Map<String, String> listenerTemplates = new HashMap<>();
      for (JsonNode t : byKey.values()) {
        for (JsonNode p : t.path("properties")) {
          if ("camunda:delegateExpression".equals(p.path("binding").path("name").asText())) {
            delegateTemplates.put(p.path("value").asText(), t.path("id").asText());
          }
          if ("camunda:executionListener".equals(p.path("binding").path("type").asText())
              && t.path("appliesTo").toString().contains("bpmn:EndEvent")) {
            listenerTemplates.put(p.path("value").asText(), t.path("id").asText());
          }
        }
      }
      List<String> problems = new ArrayList<>();
      for (Document model : models.values()) {
        for (Element e : all(model)) {
          String expected = delegateTemplates.get(e.getAttributeNS(CAMUNDA, "delegateExpression"));
          if ("endEvent".equals(e.getLocalName())) {
            for (Element l : children(extensions(e), CAMUNDA, "executionListener")) {
              expected = listenerTemplates.getOrDefault(l.getAttribute("delegateExpression"), expected);
            }
          }
          if ("userTask".equals(e.getLocalName()) && !reminders(e).isEmpty()) {
            expected = "cn.shequflow.guardedUserTask";
          }
          if (expected != null && !expected.equals(e.getAttributeNS(CAMUNDA, "modelerTemplate"))) {
            problems.add(file(e) + " " + e.getAttribute("id") + "：应关联元素模板 " + expected);
          }
        }
      }
      return problems;
    }

    List<String> guardedTaskProblems() {
      List<String> problems = new ArrayList<>();
      for (Element task : elementsWithTemplate("cn.shequflow.guardedUserTask")) {
        String where = file(task) + " " + task.getAttribute("id");
        Matcher due = BEAN.matcher(task.getAttributeNS(CAMUNDA, "dueDate"));
        if (!due.matches()) {
          problems.add(where + "：到期时间应为一个日期变量");
          continue;
        }
        List<Element> reminders = attached(task, "cn.shequflow.guardedReminder");
        List<Element> overdue = attached(task, "cn.shequflow.guardedOverdue");
        if (reminders.size() != 1 || overdue.size() != 1) {
          problems.add(where + "：应正好有一个“即将到期”和一个“已逾期”边界事件，实际 " + reminders.size() + " 和 "
              + overdue.size());
          continue;
        }
        checkTimer(problems, reminders.get(0), "${workingDays.reminderBefore(" + due.group(1) + ")}");
        checkTimer(problems, overdue.get(0), "${" + due.group(1) + "}");
        checkChain(problems, reminders.get(0), "dueSoon", "task-due-soon", "${deadlineRecipients}");
        checkChain(problems, overdue.get(0), "overdue", "task-overdue", "group:managers");
      }
      return problems;
    }

    List<String> mailRetryProblems() {
      List<String> problems = new ArrayList<>();
      for (Element mail : elementsWithTemplate("cn.shequflow.sendMail")) {
        List<Element> retry = children(extensions(mail), CAMUNDA, "failedJobRetryTimeCycle");
        if (retry.size() != 1 || !"R5/PT10M".equals(retry.get(0).getTextContent().trim())) {
          problems.add(file(mail) + " " + mail.getAttribute("id") + "：邮件步骤应按 R5/PT10M 重试（模板无法设置，需在属性面板填写）");
        }
      }
      return problems;
    }

    private void checkTimer(List<String> problems, Element boundary, String expected) {
      List<Element> timers = children(boundary, BPMN, "timerEventDefinition");
      String actual = timers.size() == 1 && children(timers.get(0), BPMN, "timeDate").size() == 1
          ? children(timers.get(0), BPMN, "timeDate").get(0).getTextContent().trim() : null;
      if (!expected.equals(actual) || !"false".equals(boundary.getAttribute("cancelActivity"))) {
        problems.add(file(boundary) + " " + boundary.getAttribute("id") + "：应为非中断定时器，日期 " + expected
            + "，实际为 " + actual);
      }
    }

    /** Boundary → (exclusive gateways) → marker with the state → mail with the template and recipients. */
    private void checkChain(List<String> problems, Element boundary, String state, String mail, String mailTo) {
      Element marker = next(boundary);
      Element mailer = marker == null ? null : next(marker);
      String where = file(boundary) + " " + boundary.getAttribute("id");
      if (marker == null || !"cn.shequflow.deadlineMarker".equals(marker.getAttributeNS(CAMUNDA, "modelerTemplate"))
          || !state.equals(parameters(marker, "inputParameter").get("deadlineState"))) {
        problems.add(where + "：应连到“标记期限状态（" + state + "）”");
        return;
      }
      Map<String, String> mailParameters = mailer == null ? Map.of() : parameters(mailer, "inputParameter");
      if (mailer == null || !"cn.shequflow.sendMail".equals(mailer.getAttributeNS(CAMUNDA, "modelerTemplate"))
          || !mail.equals(mailParameters.get("mailTemplate")) || !mailTo.equals(mailParameters.get("mailTo"))) {
        problems.add(where + "：标记之后应发送邮件 " + mail + " 给 " + mailTo);
      }
    }

    /** The flow node after this one, passing through exclusive gateways (the chain's merge gateways). */
    private Element next(Element node) {
      Element current = node;
      for (int hops = 0; hops < 5; hops++) {
        List<Element> outgoing = children(current, BPMN, "outgoing");
        if (outgoing.size() != 1) {
          return null;
        }
        Element flow = byId(current, outgoing.get(0).getTextContent().trim());
        Element target = flow == null ? null : byId(current, flow.getAttribute("targetRef"));
        if (target == null || !"exclusiveGateway".equals(target.getLocalName())) {
          return target;
        }
        current = target;
      }
      return null;
    }

    private List<Element> attached(Element task, String templateId) {
      return all(task.getOwnerDocument()).stream().filter(e -> "boundaryEvent".equals(e.getLocalName())
          && task.getAttribute("id").equals(e.getAttribute("attachedToRef"))
          && templateId.equals(e.getAttributeNS(CAMUNDA, "modelerTemplate"))).toList();
    }

    /** Boundary events on this task whose timer is a reminder before a deadline. */
    private List<Element> reminders(Element task) {
      return all(task.getOwnerDocument()).stream().filter(e -> "boundaryEvent".equals(e.getLocalName())
          && task.getAttribute("id").equals(e.getAttribute("attachedToRef"))
          && e.getTextContent().contains("workingDays.reminderBefore(")).toList();
    }

    private List<Element> linked() {
      List<Element> linked = new ArrayList<>();
      for (Document model : models.values()) {
        for (Element e : all(model)) {
          if (e.hasAttributeNS(CAMUNDA, "modelerTemplate")) {
            linked.add(e);
          }
        }
      }
      return linked;
    }

    /** What a binding reads from the element: an attribute, or an input parameter's text. */
    private static String value(Element element, JsonNode binding) {
      String name = binding.path("name").asText();
      if ("camunda:inputParameter".equals(binding.path("type").asText())) {
        return parameters(element, "inputParameter").get(name);
      }
      if (name.startsWith("camunda:")) {
        String local = name.substring("camunda:".length());
        return element.hasAttributeNS(CAMUNDA, local) ? element.getAttributeNS(CAMUNDA, local) : null;
      }
      return element.hasAttribute(name) ? element.getAttribute(name) : null;
    }

    private static Map<String, String> parameters(Element element, String kind) {
      Map<String, String> parameters = new LinkedHashMap<>();
      for (Element io : children(extensions(element), CAMUNDA, "inputOutput")) {
        for (Element p : children(io, CAMUNDA, kind)) {
          parameters.put(p.getAttribute("name"), p.getTextContent().trim());
        }
      }
      return parameters;
    }

    private static Element extensions(Element element) {
      List<Element> extensions = children(element, BPMN, "extensionElements");
      return extensions.isEmpty() ? null : extensions.get(0);
    }

    private static List<Element> children(Element parent, String ns, String local) {
      List<Element> children = new ArrayList<>();
      if (parent == null) {
        return children;
      }
      for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
        if (child instanceof Element e && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
          children.add(e);
        }
      }
      return children;
    }

    private static List<Element> all(Document model) {
      List<Element> all = new ArrayList<>();
      NodeList nodes = model.getElementsByTagNameNS(BPMN, "*");
      for (int i = 0; i < nodes.getLength(); i++) {
        all.add((Element) nodes.item(i));
      }
      return all;
    }

    private static Element byId(Element anyInModel, String id) {
      return all(anyInModel.getOwnerDocument()).stream().filter(e -> id.equals(e.getAttribute("id"))).findFirst()
          .orElse(null);
    }

    private static String file(Element element) {
      return models.entrySet().stream().filter(m -> m.getValue() == element.getOwnerDocument())
          .map(Map.Entry::getKey).findFirst().orElse("?");
    }
  }

  /**
   * The string constants a compiled class (and its nested classes) uses: what it can pass to getVariable. Constants
   * of other classes, such as TaskFilterProvisioner.DEADLINE_STATE, are compiled into the class that uses them.
   */
  static Set<String> stringConstants(Class<?> type) {
    Set<String> constants = new HashSet<>();
    List<Class<?>> classes = new ArrayList<>(List.of(type.getDeclaredClasses()));
    classes.add(type);
    for (Class<?> c : classes) {
      String resource = c.getName().replace('.', '/') + ".class";
      try (InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
        constants.addAll(constantPoolStrings(new DataInputStream(Objects.requireNonNull(in, resource))));
      } catch (IOException e) {
        throw new IllegalStateException(resource, e);
      }
    }
    return constants;
  }

  private static Set<String> constantPoolStrings(DataInputStream in) throws IOException {
    in.readInt(); // magic
    in.readUnsignedShort(); // minor
    in.readUnsignedShort(); // major
    int count = in.readUnsignedShort();
    Map<Integer, String> utf8 = new HashMap<>();
    List<Integer> strings = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8.put(i, in.readUTF());
        case 8 -> strings.add(in.readUnsignedShort());
        case 7, 16, 19, 20 -> in.skipBytes(2);
        case 15 -> in.skipBytes(3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
        case 5, 6 -> {
          in.skipBytes(8);
          i++;
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    Set<String> values = new HashSet<>();
    strings.forEach(index -> values.add(utf8.get(index)));
    return values;
  }
}
