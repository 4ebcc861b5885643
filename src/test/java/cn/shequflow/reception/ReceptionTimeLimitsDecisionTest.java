package cn.shequflow.reception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import cn.shequflow.DecisionTableFixture;
import java.io.IOException;
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

/** Checks the reply deadlines per reception channel in {@code processes/reception-time-limits.dmn}. */
class ReceptionTimeLimitsDecisionTest {

  private static DecisionTableFixture dmn;

  @BeforeAll
  static void parseModel() throws IOException {
    dmn = DecisionTableFixture.load("reception-time-limits.dmn", "reception-time-limits");
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
        "channelName", channelName,
        "referralWorkingDays", 0));
    // the rule names the clause it realises, plus the one-time-notice clause for the materials wait
    assertThat(dmn.ruleFor(channel).getDescription().getTextContent()).contains(clause, "R-4.2-3");
  }

  @ParameterizedTest(name = "[{index}] {0}: referral the same day")
  @ValueSource(strings = {"visit", "phone", "letter", "email", "online"})
  @DisplayName("R-4.1-4: every channel refers the same day it is chosen, and its rule says the reply deadline given still holds")
  void everyChannelRefersTheSameDay(String channel) {
    assertThat(evaluate(channel).getSingleResult().getEntryMap()).containsEntry("referralWorkingDays", 0);
    assertThat(dmn.ruleFor(channel).getDescription().getTextContent()).contains("R-4.1-4", "答复期限");
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
    Decision modelDecision = dmn.decision();
    DecisionTable table = dmn.table();

    assertThat(modelDecision.getName()).isEqualTo("居民接待答复时限");
    assertThat(modelDecision.getCamundaHistoryTimeToLiveString()).isEqualTo("P180D");
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.UNIQUE);
    assertThat(table.getInputs()).singleElement()
        .satisfies(input -> assertThat(input.getInputExpression().getTextContent()).isEqualTo("channel"));
    assertThat(table.getOutputs()).extracting(Output::getName, Output::getTypeRef).containsExactly(
        tuple("replyWorkingDays", "integer"),
        tuple("materialsWaitWorkingDays", "integer"),
        tuple("channelName", "string"),
        tuple("referralWorkingDays", "integer"));
    assertThat(dmn.rules()).extracting(dmn::inputOf)
        .containsExactly("visit", "phone", "letter", "email", "online"); // no catch-all row
    assertThat(dmn.hasDiagramShape()).as("DMNDI shape for Camunda Modeler").isTrue();
  }

  private static DmnDecisionTableResult evaluate(String channel) {
    return dmn.evaluate("channel", channel);
  }
}
