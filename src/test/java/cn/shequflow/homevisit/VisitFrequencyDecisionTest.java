package cn.shequflow.homevisit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.DecisionTableFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** processes/visit-frequency.dmn: yearly for every household, monthly for special households (COLLECT MAX). */
class VisitFrequencyDecisionTest {

  private static DecisionTableFixture dmn;

  @BeforeAll
  static void parse() throws Exception {
    dmn = DecisionTableFixture.load("visit-frequency.dmn", "visit-frequency");
  }

  @ParameterizedTest(name = "{0} → {1} 次/年")
  @CsvSource({"livingAlone, 12", "lonelyElderly, 12", "oldOld, 12", "disabled, 12", "lowIncome, 12",
      "leftBehindChild, 12", "childInDifficulty, 12", "dvVictim, 12", "keyFamily, 12"})
  @DisplayName("R-3.1.2-2 每种特殊家庭每月走访或联系")
  void eachSpecialTypeIsMonthly(String type, int visits) {
    assertThat(visitsPerYear(type)).isEqualTo(visits);
  }

  @ParameterizedTest(name = "[{0}] → 1 次/年")
  @ValueSource(strings = {"", "unknownType"})
  @DisplayName("R-3.1.2-1 普通住户（及未知类型）每年走访一次")
  void ordinaryHouseholdsAreYearly(String types) {
    assertThat(visitsPerYear(types)).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} → 12")
  @ValueSource(strings = {"disabled,lowIncome", "keyFamily,livingAlone,oldOld"})
  @DisplayName("R-3.1.2-2 多种特殊类型：取最高频次")
  void severalTypesTakeTheHighestFrequency(String types) {
    assertThat(visitsPerYear(types)).isEqualTo(12);
  }

  private static int visitsPerYear(String types) {
    return ((Number) dmn.evaluate("specialTypes", types).getSingleResult().getSingleEntry()).intValue();
  }
}
