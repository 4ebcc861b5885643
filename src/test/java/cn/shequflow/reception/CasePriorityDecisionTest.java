package cn.shequflow.reception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import cn.shequflow.DecisionTableFixture;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks the task priority for priority groups in {@code processes/case-priority.dmn}. */
class CasePriorityDecisionTest {

  private static DecisionTableFixture dmn;

  @BeforeAll
  static void parseModel() throws IOException {
    dmn = DecisionTableFixture.load("case-priority.dmn", "case-priority");
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
    assertThat(dmn.ruleFor(priorityGroup).getDescription().getTextContent()).contains("R-4.2-2");
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
    Decision modelDecision = dmn.decision();
    DecisionTable table = dmn.table();

    assertThat(modelDecision.getName()).isEqualTo("优先服务");
    assertThat(modelDecision.getCamundaHistoryTimeToLiveString()).isEqualTo("P180D");
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.UNIQUE);
    assertThat(table.getInputs()).singleElement()
        .satisfies(input -> assertThat(input.getInputExpression().getTextContent()).isEqualTo("priorityGroup"));
    assertThat(table.getOutputs()).extracting(Output::getName, Output::getTypeRef)
        .containsExactly(tuple("taskPriority", "integer"), tuple("priorityLabel", "string"));
    assertThat(dmn.rules()).extracting(dmn::inputOf)
        .containsExactly("none", "pregnant", "elderly", "disabled"); // no catch-all row
    assertThat(dmn.hasDiagramShape()).as("DMNDI shape for Camunda Modeler").isTrue();
  }

  private static DmnDecisionTableResult evaluate(String priorityGroup) {
    return dmn.evaluate("priorityGroup", priorityGroup);
  }
}
