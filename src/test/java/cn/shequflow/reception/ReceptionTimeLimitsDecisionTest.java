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

/** Checks the reply deadlines per reception channel in {@code processes/reception-time-limits.dmn}. */
class ReceptionTimeLimitsDecisionTest {

  private static final Path MODEL = Path.of("processes", "reception-time-limits.dmn");
  private static final String DECISION_KEY = "reception-time-limits";

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

  @ParameterizedTest(name = "[{index}] {0} ({3}): reply in {1} working days, materials wait {2} — {4}")
  @CsvSource(delimiter = '|', textBlock = """
      visit  | 0 | 10 | 来访     | R-3.1.1-1
      phone  | 0 | 10 | 来电     | R-3.1.1-2
      letter | 3 | 10 | 来信     | R-3.1.1-3
      email  | 1 | 10 | 电子邮件 | R-3.1.1-3
      online | 1 | 10 | 网上留言 | R-3.1.1-3
      """)
  @DisplayName("R-3.1.1-1/-2/-3, R-4.2-3: each channel's reply deadline, materials wait and Chinese name")
  void eachChannelHasItsDeadlines(String channel, int replyWorkingDays, int materialsWaitWorkingDays,
      String channelName, String clause) {
    DmnDecisionTableResult result = evaluate(channel);

    assertThat(result).hasSize(1);
    assertThat(result.getSingleResult().getEntryMap()).isEqualTo(Map.of(
        "replyWorkingDays", replyWorkingDays,
        "materialsWaitWorkingDays", materialsWaitWorkingDays,
        "channelName", channelName));
    // the rule names the clause it realises, plus the one-time-notice clause for the materials wait
    assertThat(ruleFor(channel).getDescription().getTextContent()).contains(clause, "R-4.2-3");
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(strings = {"fax", "", "Letter", "wechat", "来信"})
  @DisplayName("R-3.1.1: an unknown channel matches no rule")
  void unknownChannelMatchesNothing(String channel) {
    assertThat(evaluate(channel)).isEmpty();
  }

  @Test
  @DisplayName("R-3.1.1: a missing channel matches no rule")
  void missingChannelMatchesNothing() {
    assertThat(evaluate(null)).isEmpty();
  }

  @Test
  @DisplayName("R-3.1.1-3: decision reception-time-limits (居民接待答复时限), UNIQUE, P180D, five rules, DMNDI shape")
  void decisionMetadata() throws Exception {
    Decision modelDecision = model.getModelElementById(DECISION_KEY);
    DecisionTable table = (DecisionTable) modelDecision.getExpression();

    assertThat(modelDecision.getName()).isEqualTo("居民接待答复时限");
    assertThat(modelDecision.getCamundaHistoryTimeToLiveString()).isEqualTo("P180D");
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.UNIQUE);
    assertThat(table.getInputs()).singleElement()
        .satisfies(input -> assertThat(input.getInputExpression().getTextContent()).isEqualTo("channel"));
    assertThat(table.getOutputs()).extracting(Output::getName, Output::getTypeRef).containsExactly(
        tuple("replyWorkingDays", "integer"),
        tuple("materialsWaitWorkingDays", "integer"),
        tuple("channelName", "string"));
    assertThat(rules()).extracting(ReceptionTimeLimitsDecisionTest::inputOf)
        .containsExactly("visit", "phone", "letter", "email", "online"); // no catch-all row
    assertThat(hasDiagramShape(DECISION_KEY)).as("DMNDI shape for Camunda Modeler").isTrue();
  }

  private static DmnDecisionTableResult evaluate(String channel) {
    return engine.evaluateDecisionTable(decision, Variables.createVariables().putValue("channel", channel));
  }

  private static List<Rule> rules() {
    return List.copyOf(((DecisionTable) ((Decision) model.getModelElementById(DECISION_KEY)).getExpression())
        .getRules());
  }

  private static String inputOf(Rule rule) {
    return rule.getInputEntries().iterator().next().getTextContent().strip().replace("\"", "");
  }

  private static Rule ruleFor(String channel) {
    return rules().stream().filter(rule -> inputOf(rule).equals(channel)).findFirst().orElseThrow();
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
