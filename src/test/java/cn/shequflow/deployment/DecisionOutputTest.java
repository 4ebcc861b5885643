package cn.shequflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shequflow.casefile.InvalidCaseInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a business rule task's output mapping reads through ${decision.output(decisionResult, 'name')}. */
class DecisionOutputTest {

  private static DmnEngine engine;
  private static DmnDecision limits;
  private final DecisionOutput decision = new DecisionOutput();

  @BeforeAll
  static void parse() throws IOException {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of("processes/reception-time-limits.dmn"))) {
      limits = engine.parseDecision("reception-time-limits", in);
    }
  }

  /** What the engine leaves in a business rule task's decisionResult for this channel. */
  private static DmnDecisionResult replyLimits(String channel) {
    return engine.evaluateDecision(limits, Variables.createVariables().putValue("channel", channel));
  }

  @Test
  @DisplayName("命中一条规则：返回该规则的输出，类型与决策表一致")
  void matchedRuleGivesItsOutput() {
    assertThat(decision.output(replyLimits("letter"), "replyWorkingDays")).isEqualTo(3);
    assertThat(decision.output(replyLimits("email"), "channelName")).isEqualTo("电子邮件");
  }

  @Test
  @DisplayName("没有匹配的规则：中文拒绝（400），不是静默的空值")
  void noMatchingRuleIsRefused() {
    assertThatThrownBy(() -> decision.output(replyLimits("fax"), "replyWorkingDays"))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageContaining("决策表没有匹配的规则")
        .hasMessageContaining("replyWorkingDays");
  }

  @Test
  @DisplayName("不存在的输出列、不是决策结果的参数：拒绝并说明")
  void unknownOutputOrNoDecisionResultIsRefused() {
    assertThatThrownBy(() -> decision.output(replyLimits("visit"), "replyDays"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replyDays");
    assertThatThrownBy(() -> decision.output("visit", "replyWorkingDays"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decisionResult");
  }
}
