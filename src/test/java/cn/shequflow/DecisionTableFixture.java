package cn.shequflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Loads one decision table from {@code processes/<file>} and evaluates and inspects it on the plain DMN engine. */
public final class DecisionTableFixture {

  private static final String DMNDI_NAMESPACE = "https://www.omg.org/spec/DMN/20191111/DMNDI/";

  private final Path file;
  private final String decisionKey;
  private final DmnEngine engine;
  private final DmnDecision decision;
  private final DmnModelInstance model;

  private DecisionTableFixture(Path file, String decisionKey, DmnEngine engine, DmnDecision decision,
      DmnModelInstance model) {
    this.file = file;
    this.decisionKey = decisionKey;
    this.engine = engine;
    this.decision = decision;
    this.model = model;
  }

  /** Parses decision {@code decisionKey} of {@code processes/<file>} (e.g. {@code "case-priority.dmn"}). */
  public static DecisionTableFixture load(String file, String decisionKey) throws IOException {
    Path path = Path.of("processes", file);
    DmnEngine engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    DmnDecision decision;
    try (InputStream in = Files.newInputStream(path)) {
      decision = engine.parseDecision(decisionKey, in);
    }
    DmnModelInstance model = Dmn.readModelFromFile(path.toFile()); // validates against the DMN 1.3 schema
    return new DecisionTableFixture(path, decisionKey, engine, decision, model);
  }

  /** Evaluates the decision with the single input variable {@code inputName} (which may be {@code null}). */
  public DmnDecisionTableResult evaluate(String inputName, Object value) {
    return engine.evaluateDecisionTable(decision, Variables.createVariables().putValue(inputName, value));
  }

  /** Evaluates the decision with the given variables. */
  public DmnDecisionTableResult evaluate(Map<String, Object> variables) {
    return engine.evaluateDecisionTable(decision, variables);
  }

  /** The decision element of the model instance. */
  public Decision decision() {
    return model.getModelElementById(decisionKey);
  }

  /** The decision table of the decision. */
  public DecisionTable table() {
    return (DecisionTable) decision().getExpression();
  }

  /** The rules of the table, in table order. */
  public List<Rule> rules() {
    return List.copyOf(table().getRules());
  }

  /** The text of the rule's first input entry, stripped and unquoted (a string literal's value). */
  public String inputOf(Rule rule) {
    return rule.getInputEntries().iterator().next().getTextContent().strip().replace("\"", "");
  }

  /** The first rule whose first input entry is {@code input}; fails if there is none. */
  public Rule ruleFor(String input) {
    return rules().stream().filter(rule -> inputOf(rule).equals(input)).findFirst().orElseThrow();
  }

  /** Whether the file has a DMNDI shape for the decision, so Camunda Modeler can draw it. */
  public boolean hasDiagramShape() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    NodeList shapes = factory.newDocumentBuilder().parse(file.toFile())
        .getElementsByTagNameNS(DMNDI_NAMESPACE, "DMNShape");
    for (int i = 0; i < shapes.getLength(); i++) {
      if (decisionKey.equals(((Element) shapes.item(i)).getAttribute("dmnElementRef"))) {
        return true;
      }
    }
    return false;
  }

  /** The text of every rule's input entries, trimmed, in table order. */
  public List<String> inputEntryTexts() {
    return rules().stream().flatMap(rule -> rule.getInputEntries().stream())
        .map(entry -> entry.getTextContent().strip()).toList();
  }
}
