package cn.shequflow.reception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

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
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Checks the task priority for priority groups in {@code processes/case-priority.dmn}. */
class CasePriorityDecisionTest {

  private static final Path MODEL = Path.of("processes", "case-priority.dmn");
  private static final String DECISION_KEY = "case-priority";

  private static DmnEngine engine;
  private static DmnDecision decision;
  private static DmnModelInstance model;

  @BeforeAll
  static void parseModel() throws IOException {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(MODEL)) {
      decision = engine.parseDecision(DECISION_KEY, in);
    }
    model = Dmn.readModelFromFile(MODEL.toFile()); // validates against the DMN 1.3 schema
  }

  @ParameterizedTest(name = "[{index}] {0} → priority {1} ({2})")
  @CsvSource(delimiter = '|', textBlock = """
      none     | 50 | 普通
      pregnant | 80 | 孕妇优先
      elderly  | 80 | 老年人优先
      disabled | 80 | 残疾人优先
      """)
  @DisplayName("R-4.2-2: pregnant women, the elderly and the disabled get a higher task priority than ordinary cases")
  void eachGroupHasItsPriority(String priorityGroup, int taskPriority, String priorityLabel) {
    DmnDecisionTableResult result = evaluate(priorityGroup);

    assertThat(result).hasSize(1);
    assertThat(result.getSingleResult().getEntryMap())
        .isEqualTo(Map.of("taskPriority", taskPriority, "priorityLabel", priorityLabel));
    assertThat(ruleFor(priorityGroup).getDescription().getTextContent()).contains("R-4.2-2");
  }

  @Test
  @DisplayName("R-4.2-2: every priority group ranks above an ordinary case")
  void priorityGroupsRankAboveOrdinaryCases() {
    int ordinary = (Integer) evaluate("none").getSingleResult().getEntry("taskPriority");

    for (String group : List.of("pregnant", "elderly", "disabled")) {
      assertThat((Integer) evaluate(group).getSingleResult().getEntry("taskPriority")).as(group)
          .isGreaterThan(ordinary);
    }
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(strings = {"child", "", "Elderly", "老年人"})
  @DisplayName("R-4.2-2: an unknown priority group matches no rule")
  void unknownGroupMatchesNothing(String priorityGroup) {
    assertThat(evaluate(priorityGroup)).isEmpty();
  }

  @Test
  @DisplayName("R-4.2-2: a missing priority group matches no rule")
  void missingGroupMatchesNothing() {
    assertThat(evaluate(null)).isEmpty();
  }

  @Test
  @DisplayName("R-4.2-2: decision case-priority (优先服务), UNIQUE, P180D, four rules, DMNDI shape")
  void decisionMetadata() throws Exception {
    Decision modelDecision = model.getModelElementById(DECISION_KEY);
    DecisionTable table = (DecisionTable) modelDecision.getExpression();

    assertThat(modelDecision.getName()).isEqualTo("优先服务");
    assertThat(modelDecision.getCamundaHistoryTimeToLiveString()).isEqualTo("P180D");
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.UNIQUE);
    assertThat(table.getInputs()).singleElement()
        .satisfies(input -> assertThat(input.getInputExpression().getTextContent()).isEqualTo("priorityGroup"));
    assertThat(table.getOutputs()).extracting(Output::getName, Output::getTypeRef)
        .containsExactly(tuple("taskPriority", "integer"), tuple("priorityLabel", "string"));
    assertThat(rules()).extracting(CasePriorityDecisionTest::inputOf)
        .containsExactly("none", "pregnant", "elderly", "disabled"); // no catch-all row
    assertThat(hasDiagramShape(DECISION_KEY)).as("DMNDI shape for Camunda Modeler").isTrue();
  }

  private static DmnDecisionTableResult evaluate(String priorityGroup) {
    return engine.evaluateDecisionTable(decision, Variables.createVariables().putValue("priorityGroup", priorityGroup));
  }

  private static List<Rule> rules() {
    return List.copyOf(((DecisionTable) ((Decision) model.getModelElementById(DECISION_KEY)).getExpression())
        .getRules());
  }

  private static String inputOf(Rule rule) {
    return rule.getInputEntries().iterator().next().getTextContent().strip().replace("\"", "");
  }

  private static Rule ruleFor(String priorityGroup) {
    return rules().stream().filter(rule -> inputOf(rule).equals(priorityGroup)).findFirst().orElseThrow();
  }

  private static boolean hasDiagramShape(String decisionId) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    NodeList shapes = factory.newDocumentBuilder().parse(MODEL.toFile())
        .getElementsByTagNameNS("https://www.omg.org/spec/DMN/20191111/DMNDI/", "DMNShape");
    for (int i = 0; i < shapes.getLength(); i++) {
      if (decisionId.equals(((Element) shapes.item(i)).getAttribute("dmnElementRef"))) {
        return true;
      }
    }
    return false;
  }
}
