package cn.shequflow.deployment;

import cn.shequflow.deployment.JuelExpressionCheck.Position;
import cn.shequflow.deployment.ModelRefusedException.Finding;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.camunda.bpm.engine.Problem;

/**
 * Reads one resource of a deployment and lists what the deployment guard refuses in it (issue 10 item 2): in BPMN
 * scripts, classes, external scripts, connectors, field injection and every expression the JUEL check refuses; in
 * DMN any expression language but FEEL and every FEEL expression the FEEL check refuses; in forms components that
 * load or run outside content; and any other kind of file. Every finding names the file, the element and the text.
 */
final class ModelInspection {

  static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final String CAMUNDA_BPMN = "http://camunda.org/schema/1.0/bpmn";
  static final String CAMUNDA_DMN = "http://camunda.org/schema/1.0/dmn";
  static final String MODELER = "http://camunda.org/schema/modeler/1.0";
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

  // what Camunda Modeler writes; anything else (XHTML, SVG, activiti: — which the engine reads as camunda:) is refused
  private static final Set<String> BPMN_ELEMENT_NAMESPACES = Set.of(BPMN, CAMUNDA_BPMN,
      "http://www.omg.org/spec/BPMN/20100524/DI", "http://www.omg.org/spec/DD/20100524/DC",
      "http://www.omg.org/spec/DD/20100524/DI", MODELER);
  private static final Set<String> BPMN_ATTRIBUTE_NAMESPACES = Set.of("", CAMUNDA_BPMN, XSI, MODELER,
      "http://bpmn.io/schema/bpmn/biocolor/1.0", "http://www.omg.org/spec/BPMN/non-normative/color/1.0");
  private static final Set<String> DMN_ELEMENT_NAMESPACES = Set.of(
      "http://www.omg.org/spec/DMN/20151101/dmn.xsd", "http://www.omg.org/spec/DMN/20180521/MODEL/",
      "https://www.omg.org/spec/DMN/20191111/MODEL/", "http://www.omg.org/spec/DMN/20180521/DMNDI/",
      "https://www.omg.org/spec/DMN/20191111/DMNDI/", "http://www.omg.org/spec/DMN/20180521/DC/",
      "http://www.omg.org/spec/DMN/20180521/DI/", CAMUNDA_DMN, MODELER,
      "http://bpmn.io/schema/dmn/biodi/1.0", "http://bpmn.io/schema/dmn/biodi/2.0");
  private static final Set<String> DMN_ATTRIBUTE_NAMESPACES = Set.of("", CAMUNDA_DMN, XSI, MODELER,
      "http://bpmn.io/schema/dmn/biodi/1.0", "http://bpmn.io/schema/dmn/biodi/2.0");
  // the names the DMN engine accepts for FEEL (DefaultDmnEngineConfiguration); "juel", scripts and the rest are refused
  private static final Set<String> FEEL_LANGUAGES = Set.of("feel", "http://www.omg.org/spec/feel/20140401",
      "http://www.omg.org/spec/dmn/20180521/feel/", "https://www.omg.org/spec/dmn/20191111/feel/",
      "https://www.omg.org/spec/dmn/20211108/feel/", "https://www.omg.org/spec/dmn/20230324/feel/");
  // DMN elements whose <text> is FEEL: unary tests in the input entries, expressions elsewhere
  private static final Set<String> DMN_UNARY_TESTS = Set.of("inputEntry", "inputValues", "outputValues");
  private static final Set<String> DMN_EXPRESSIONS = Set.of("inputExpression", "outputEntry", "literalExpression",
      "defaultOutputEntry");

  private static final Map<String, String> CAMUNDA_ELEMENTS = Map.of(
      "script", "不允许脚本（camunda:script）",
      "connector", "不允许连接器（camunda:connector）",
      "field", "不允许字段注入（camunda:field）：它会调用 Bean 的 setter",
      "formData", "不允许生成式表单（camunda:formData），请使用 Camunda 表单（camunda:formRef）",
      "formProperty", "不允许表单属性（camunda:formProperty），请使用 Camunda 表单（camunda:formRef）");
  private static final Set<String> FORM_COMPONENTS = Set.of("default", "text", "textfield", "textarea", "number",
      "datetime", "checkbox", "checklist", "radio", "select", "taglist", "group", "dynamiclist", "separator",
      "spacer", "button");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JuelExpressionCheck juel;
  private final FeelExpressionCheck feel;

  ModelInspection(JuelExpressionCheck juel, FeelExpressionCheck feel) {
    this.juel = juel;
    this.feel = feel;
  }

  /** The findings in one resource; empty when it may be deployed. */
  List<Problem> inspect(String file, byte[] content) {
    String name = file.toLowerCase(Locale.ROOT);
    if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
      return new XmlWalk(file, false).run(content);
    }
    if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
      return new XmlWalk(file, true).run(content);
    }
    if (name.endsWith(".form")) {
      return form(file, content);
    }
    return List.of(new Finding(file + " 被拒绝：不允许部署此类文件（只允许 .bpmn、.dmn 和 .form；脚本、网页、图片和 CMMN 会被拒绝）",
        0, 0, null));
  }

  /** Walks a BPMN or DMN document as a stream, keeping the ids of the enclosing elements for the messages. */
  private final class XmlWalk {
    private final String file;
    private final boolean dmn;
    private final List<Problem> findings = new ArrayList<>();
    private final Deque<Frame> open = new ArrayDeque<>();
    private XMLStreamReader xml;
    private boolean stopped;

    XmlWalk(String file, boolean dmn) {
      this.file = file;
      this.dmn = dmn;
    }

    List<Problem> run(byte[] content) {
      XMLInputFactory factory = XMLInputFactory.newFactory();
      factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
      factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
      factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
      factory.setProperty(XMLInputFactory.IS_COALESCING, true);
      try {
        xml = factory.createXMLStreamReader(new ByteArrayInputStream(content));
        while (xml.hasNext() && !stopped) {
          switch (xml.next()) {
            case XMLStreamConstants.START_ELEMENT -> start();
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
              if (!open.isEmpty()) {
                open.peek().text.append(xml.getText());
              }
            }
            case XMLStreamConstants.END_ELEMENT -> end(open.pop());
            case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION -> {
              refuse(null, "不允许 DOCTYPE 和实体声明");
              stopped = true; // entities are not read, so the rest could not be checked as the engine would see it
            }
            case XMLStreamConstants.PROCESSING_INSTRUCTION ->
                refuse(null, "不允许 XML 处理指令（<?" + xml.getPITarget() + " …?>）");
            default -> { }
          }
        }
      } catch (XMLStreamException e) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
        findings.add(new Finding(file + " 被拒绝：不是格式正确的 XML，无法检查（第 " + line + " 行附近）", line, 0, null));
      }
      return findings;
    }

    private void start() {
      QName element = xml.getName();
      String ns = element.getNamespaceURI();
      String local = element.getLocalPart();
      String id = xml.getAttributeValue(null, "id");
      Frame frame = new Frame(local, id, xml.getLocation().getLineNumber());
      open.push(frame);
      if (!(dmn ? DMN_ELEMENT_NAMESPACES : BPMN_ELEMENT_NAMESPACES).contains(ns)) {
        refuse(null, "不允许的 XML 元素 " + display(element) + "（命名空间 " + ns + "）");
        return;
      }
      if (!dmn) {
        if (BPMN.equals(ns) && "scriptTask".equals(local)) {
          refuse(null, "不允许脚本任务（bpmn:scriptTask）");
        }
        if (CAMUNDA_BPMN.equals(ns) && CAMUNDA_ELEMENTS.containsKey(local)) {
          refuse(null, CAMUNDA_ELEMENTS.get(local));
        }
      }
      for (int i = 0; i < xml.getAttributeCount(); i++) {
        attribute(xml.getAttributeName(i), xml.getAttributeValue(i), frame, ns);
      }
    }

    private void attribute(QName name, String value, Frame frame, String elementNamespace) {
      String ns = name.getNamespaceURI() == null ? "" : name.getNamespaceURI();
      String local = name.getLocalPart();
      if (!(dmn ? DMN_ATTRIBUTE_NAMESPACES : BPMN_ATTRIBUTE_NAMESPACES).contains(ns)) {
        refuse(null, "不允许的属性 " + display(name) + "（命名空间 " + ns + "）");
        return;
      }
      if (ns.isEmpty() && CAMUNDA_BPMN.equals(elementNamespace)) {
        // <camunda:executionListener class="…" delegateExpression="…"> — unqualified, read as camunda attributes
        ns = CAMUNDA_BPMN;
      }
      if (dmn) {
        if ("expressionLanguage".equals(local)) {
          frame.language = value;
          if (!FEEL_LANGUAGES.contains(value.trim().toLowerCase(Locale.ROOT))) {
            refuse(null, "DMN 只允许 FEEL 表达式，不允许 expressionLanguage=\"" + value + "\"（JUEL、JavaScript、Groovy 等）");
          }
        }
        return;
      }
      if (ns.isEmpty() && "language".equals(local)) {
        refuse(null, "不允许脚本条件（language=\"" + value + "\"），条件只能是表达式");
        return;
      }
      if (CAMUNDA_BPMN.equals(ns)) {
        if (local.endsWith("Class") || "class".equals(local)) {
          refuse(value, "不允许 Java 类（camunda:" + local + "），请使用白名单中的委托 Bean（delegateExpression）");
          return;
        }
        if ("resource".equals(local) || "scriptFormat".equals(local)) {
          refuse(value, "不允许外部脚本或脚本格式（camunda:" + local + "）");
          return;
        }
        if ("formKey".equals(local) && !value.startsWith("camunda-forms:")) {
          refuse(null, "不允许 camunda:formKey=\"" + value + "\"（嵌入式 HTML 表单和外部表单），请使用 camunda:formRef");
          return;
        }
        if ("delegateExpression".equals(local) || "variableMappingDelegateExpression".equals(local)) {
          expression(value, Position.DELEGATE);
          return;
        }
      }
      if (JuelExpressionCheck.containsExpression(value)) {
        expression(value, Position.VALUE);
      }
    }

    private void end(Frame frame) {
      String text = frame.text.toString().trim();
      if (text.isEmpty()) {
        return;
      }
      if (!dmn) {
        // conditions, timers, due dates, input/output parameters, and user-task documentation (the task description)
        if (JuelExpressionCheck.containsExpression(text)) {
          restoreAndCheck(frame, text);
        }
        return;
      }
      Frame parent = open.peek();
      if (!"text".equals(frame.local) || parent == null) {
        return;
      }
      boolean unaryTests = DMN_UNARY_TESTS.contains(parent.local);
      if (!unaryTests && !DMN_EXPRESSIONS.contains(parent.local)) {
        return;
      }
      if (parent.language != null && !FEEL_LANGUAGES.contains(parent.language.trim().toLowerCase(Locale.ROOT))) {
        return; // already refused for its language
      }
      if (unaryTests && "-".equals(text)) {
        return;
      }
      Optional<String> refusal = feel.refusal(text, unaryTests);
      if (refusal.isPresent()) {
        open.push(frame);
        refuse(text, true, refusal.get());
        open.pop();
      }
    }

    /** Text is checked when its element closes; the element is put back so the message names it. */
    private void restoreAndCheck(Frame frame, String text) {
      open.push(frame);
      expression(text, Position.VALUE);
      open.pop();
    }

    private void expression(String text, Position position) {
      juel.refusal(text, position).ifPresent(reason -> refuse(text, true, reason));
    }

    private void refuse(String value, String reason) {
      refuse(value, false, reason);
    }

    /** "processes/x.bpmn 中元素 Task_A 的表达式“${…}” 被拒绝：…", once per message. */
    private void refuse(String value, boolean expression, String reason) {
      String element = elementId();
      String where = element == null ? file : file + " 中元素 " + element;
      String what = value == null ? "" : (expression ? " 的表达式“" : " 的“") + abbreviate(value) + "”";
      Frame current = open.peek();
      int line = current == null ? 0 : current.line;
      String message = where + what + " 被拒绝：" + reason;
      if (findings.stream().noneMatch(finding -> finding.getMessage().equals(message))) {
        findings.add(new Finding(message, line, 0, element));
      }
    }

    private String elementId() {
      for (Iterator<Frame> frames = open.iterator(); frames.hasNext(); ) {
        Frame frame = frames.next();
        if (frame.id != null && !frame.id.isBlank()) {
          return frame.id;
        }
      }
      return null;
    }
  }

  /** A Camunda Form: form-js components only, none that embeds or runs outside content. */
  private List<Problem> form(String file, byte[] content) {
    List<Problem> findings = new ArrayList<>();
    JsonNode root;
    try {
      root = JSON.readTree(content);
    } catch (IOException e) {
      return List.of(new Finding(file + " 被拒绝：不是格式正确的 JSON 表单", 0, 0, null));
    }
    if (root == null || !root.isObject()) {
      return List.of(new Finding(file + " 被拒绝：不是 Camunda 表单（应为 JSON 对象）", 0, 0, null));
    }
    formNode(file, root, root.path("id").asText(null), findings);
    return findings;
  }

  private void formNode(String file, JsonNode node, String element, List<Problem> findings) {
    if (node.isObject()) {
      String id = node.hasNonNull("id") ? node.get("id").asText() : element;
      JsonNode type = node.get("type");
      if (type != null && type.isTextual() && (node.has("components") || node.has("key") || node.has("id"))
          && !FORM_COMPONENTS.contains(type.asText())) {
        findings.add(new Finding(file + " 中组件 " + id + " 被拒绝：不允许表单组件类型 \"" + type.asText()
            + "\"（iframe、html、script、image 等会加载或运行外部内容）", 0, 0, id));
      }
      node.fields().forEachRemaining(field -> formNode(file, field.getValue(), id, findings));
    } else if (node.isArray()) {
      node.forEach(child -> formNode(file, child, element, findings));
    } else if (node.isTextual()) {
      String text = node.asText().toLowerCase(Locale.ROOT).replaceAll("\\s", "");
      if (text.contains("javascript:") || text.contains("vbscript:") || text.contains("data:text/html")
          || text.contains("<script") || text.contains("<iframe")) {
        findings.add(new Finding(file + " 中组件 " + element + " 被拒绝：文本中不允许脚本链接或 HTML 脚本（“"
            + abbreviate(node.asText()) + "”）", 0, 0, element));
      }
    }
  }

  private static String display(QName name) {
    return name.getPrefix() == null || name.getPrefix().isEmpty() ? name.getLocalPart()
        : name.getPrefix() + ":" + name.getLocalPart();
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
  }

  private static final class Frame {
    final String local;
    final String id;
    final int line;
    final StringBuilder text = new StringBuilder();
    String language;

    Frame(String local, String id, int line) {
      this.local = local;
      this.id = id;
      this.line = line;
    }
  }
}
