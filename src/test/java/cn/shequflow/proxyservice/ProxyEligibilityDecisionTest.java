package cn.shequflow.proxyservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import cn.shequflow.DecisionTableFixture;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks who gets which kind of proxy service in {@code processes/proxy-eligibility.dmn}. */
class ProxyEligibilityDecisionTest {

  /** The resident conditions the table knows, {@code none} first. */
  private static final List<String> CONDITIONS = List.of("none", "lonelyElderly", "sick", "injured", "disabled");

  private static DecisionTableFixture dmn;

  @BeforeAll
  static void parseModel() throws IOException {
    dmn = DecisionTableFixture.load("proxy-eligibility.dmn", "proxy-eligibility");
  }

  static Stream<Arguments> everyConditionWithAndWithoutDifficulty() {
    return CONDITIONS.stream().flatMap(condition -> Stream.of(Arguments.of(condition, true), Arguments.of(condition, false)));
  }

  static Stream<Arguments> specialGroupsWithAndWithoutDifficulty() {
    return everyConditionWithAndWithoutDifficulty().filter(arguments -> !"none".equals(arguments.get()[0]));
  }

  @ParameterizedTest(name = "[{index}] {0}, hasDifficulty {1} → notProxiable")
  @MethodSource("everyConditionWithAndWithoutDifficulty")
  @DisplayName("R-3.1.3-1: an item that may not be proxied is refused (and explained) whatever the resident's situation")
  void notProxiableItemIsRefused(String residentCondition, boolean hasDifficulty) {
    assertEligibility(false, residentCondition, hasDifficulty, "notProxiable", "Rule_not_proxiable", "R-3.1.3-1");
  }

  @ParameterizedTest(name = "[{index}] {0}, hasDifficulty {1} → doorToDoor")
  @MethodSource("specialGroupsWithAndWithoutDifficulty")
  @DisplayName("R-3.1.3-2: lonely elderly, sick, injured or disabled residents get door-to-door proxy service")
  void specialGroupsGetDoorToDoorService(String residentCondition, boolean hasDifficulty) {
    assertEligibility(true, residentCondition, hasDifficulty, "doorToDoor", "Rule_door_to_door", "R-3.1.3-2");
  }

  @Test
  @DisplayName("R-3.1.3-1: a resident with real difficulty and no special condition is served at the desk")
  void residentWithDifficultyIsServedAtTheDesk() {
    assertEligibility(true, "none", true, "atDesk", "Rule_at_desk", "R-3.1.3-1");
  }

  @Test
  @DisplayName("R-3.1.3-1: a resident without real difficulty is guided to do it themselves")
  void residentWithoutDifficultyIsGuidedToSelfService() {
    assertEligibility(true, "none", false, "selfService", "Rule_self_service", "R-3.1.3-1");
  }

  @Test
  @DisplayName("R-3.1.3-1, R-3.1.3-2: every combination of known inputs matches exactly one rule (UNIQUE, no gaps)")
  void everyKnownCombinationMatchesExactlyOneRule() {
    SoftAssertions softly = new SoftAssertions();
    for (boolean proxiable : List.of(true, false)) {
      for (String condition : CONDITIONS) {
        for (boolean hasDifficulty : List.of(true, false)) {
          softly.assertThat(evaluate(proxiable, condition, hasDifficulty))
              .as("%s, %s, %s", proxiable, condition, hasDifficulty).hasSize(1);
        }
      }
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(strings = {"elderly", "pregnant", "", "None", "DISABLED", "lonely_elderly", "孤寡老人"})
  @DisplayName("R-3.1.3-1, R-3.1.3-2: an unknown resident condition matches no rule, whether or not the item is proxiable")
  void unknownConditionMatchesNothing(String residentCondition) {
    for (boolean proxiable : List.of(true, false)) {
      for (boolean hasDifficulty : List.of(true, false)) {
        assertThat(evaluate(proxiable, residentCondition, hasDifficulty))
            .as("%s, %s", proxiable, hasDifficulty).isEmpty();
      }
    }
  }

  @ParameterizedTest(name = "[{index}] proxiable {0}, residentCondition {1}, hasDifficulty {2}")
  @CsvSource(nullValues = "null", textBlock = """
      null, none,  true
      null, sick,  false
      true, null,  true
      false, null, false
      true, none,  null
      """)
  @DisplayName("R-3.1.3-1: a missing input that decides the outcome matches no rule")
  void missingInputMatchesNothing(Boolean proxiable, String residentCondition, Boolean hasDifficulty) {
    assertThat(evaluate(proxiable, residentCondition, hasDifficulty)).isEmpty();
  }

  @Test
  @DisplayName("R-3.1.3-1: every not-proxiable item of proxy-items is refused; every proxiable one is served for a resident in difficulty")
  void followsTheKnowledgeBase() throws IOException {
    DecisionTableFixture items = DecisionTableFixture.load("proxy-items.dmn", "proxy-items");
    SoftAssertions softly = new SoftAssertions();
    for (Rule rule : items.rules()) {
      String code = items.inputOf(rule);
      boolean proxiable = (Boolean) items.evaluate("proxyItem", code).getSingleResult().getEntry("proxiable");
      softly.assertThat(eligibility(proxiable, "none", true)).as(code)
          .isEqualTo(proxiable ? "atDesk" : "notProxiable");
      softly.assertThat(eligibility(proxiable, "disabled", true)).as(code)
          .isEqualTo(proxiable ? "doorToDoor" : "notProxiable");
    }
    softly.assertAll();
  }

  @Test
  @DisplayName("R-3.1.3-1, R-3.1.3-2: decision proxy-eligibility (代办资格), UNIQUE, P180D, three inputs, one output, four rules, DMNDI shape")
  void decisionMetadata() throws Exception {
    Decision modelDecision = dmn.decision();
    DecisionTable table = dmn.table();

    assertThat(modelDecision.getName()).isEqualTo("代办资格");
    assertThat(modelDecision.getCamundaHistoryTimeToLiveString()).isEqualTo("P180D");
    assertThat(modelDecision.getDescription().getTextContent()).contains("R-3.1.3-1", "R-3.1.3-2");
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.UNIQUE);
    assertThat(table.getInputs())
        .extracting(input -> input.getInputExpression().getTextContent(), input -> input.getInputExpression().getTypeRef())
        .containsExactly(tuple("proxiable", "boolean"), tuple("residentCondition", "string"),
            tuple("hasDifficulty", "boolean"));
    assertThat(table.getInputs()).extracting(Input::getLabel).doesNotContainNull();
    assertThat(table.getOutputs()).extracting(Output::getName, Output::getTypeRef)
        .containsExactly(tuple("eligibility", "string"));
    assertThat(dmn.rules()).extracting(Rule::getId)
        .containsExactly("Rule_not_proxiable", "Rule_door_to_door", "Rule_at_desk", "Rule_self_service");
    assertThat(dmn.rules()).extracting(rule -> rule.getOutputEntries().iterator().next().getTextContent().strip())
        .containsExactly("\"notProxiable\"", "\"doorToDoor\"", "\"atDesk\"", "\"selfService\"");
    assertThat(dmn.rules()).allSatisfy(rule -> assertThat(rule.getDescription().getTextContent()).matches("R-3\\.1\\.3-[12] .+"));
    assertThat(dmn.hasDiagramShape()).as("DMNDI shape for Camunda Modeler").isTrue();
  }

  private static void assertEligibility(boolean proxiable, String residentCondition, boolean hasDifficulty,
      String expected, String ruleId, String clause) {
    DmnDecisionTableResult result = evaluate(proxiable, residentCondition, hasDifficulty);

    assertThat(result).hasSize(1);
    assertThat(result.getSingleResult().getEntryMap()).isEqualTo(Map.of("eligibility", expected));
    assertThat(rule(ruleId).getDescription().getTextContent()).startsWith(clause);
  }

  private static String eligibility(boolean proxiable, String residentCondition, boolean hasDifficulty) {
    return (String) evaluate(proxiable, residentCondition, hasDifficulty).getSingleResult().getEntry("eligibility");
  }

  private static DmnDecisionTableResult evaluate(Boolean proxiable, String residentCondition, Boolean hasDifficulty) {
    Map<String, Object> variables = new HashMap<>(); // Map.of refuses nulls
    variables.put("proxiable", proxiable);
    variables.put("residentCondition", residentCondition);
    variables.put("hasDifficulty", hasDifficulty);
    return dmn.evaluate(variables);
  }

  private static Rule rule(String id) {
    return dmn.rules().stream().filter(rule -> id.equals(rule.getId())).findFirst().orElseThrow();
  }
}
