package cn.shequflow.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.DecisionTableFixture;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Checks processes/deadline-pause.dmn: where the clock stops and which deadlines an extension moves. */
class DeadlinePauseDecisionTest {

  private static DecisionTableFixture pause;
  private static DecisionTableFixture extension;

  @BeforeAll
  static void parseModel() throws IOException {
    pause = DecisionTableFixture.load("deadline-pause.dmn", "deadline-pause");
    extension = DecisionTableFixture.load("deadline-pause.dmn", "deadline-extension");
  }

  @Test
  @DisplayName("R-4.2-3 居民接待等待补齐材料：服务目录办结期限暂停，答复期限不停；表中写明理由")
  void receptionsWaitForMaterials_pausesTheCatalogueDeadline() {
    var result = pause.evaluate(Map.of("processKey", "reception", "waitingTask", "Task_AwaitMaterials"));
    assertThat(result.getSingleResult().getEntryMap()).isEqualTo(Map.of(
        "deadlines", "catalogueDueAt", "pauseLabel", "已暂停（等待居民补正材料）"));
    String why = pause.decision().getDescription().getTextContent();
    assertThat(why).contains("R-4.2-3", "catalogueDueAt", "replyDueAt 不暂停", "materialsWaitWorkingDays）不暂停",
        "proxy-service");
    assertThat(pause.rules().get(0).getDescription().getTextContent()).contains("R-4.2-3");
  }

  @Test
  @DisplayName("R-4.2-3 其他步骤和流程不暂停（无匹配）")
  void otherStepsDoNotPause() {
    assertThat(pause.evaluate(Map.of("processKey", "reception", "waitingTask", "Task_HandleMatter"))).isEmpty();
    assertThat(pause.evaluate(Map.of("processKey", "proxy-service", "waitingTask", "Task_NoticeMissing"))).isEmpty();
  }

  @Test
  @DisplayName("R-4.2-1 居民接待的延期：承诺答复日期和办结期限一起后移，一次最多30个工作日；其他流程不能延期")
  void receptionExtension_movesThePromiseAndTheCatalogueDeadline() {
    assertThat(extension.evaluate("processKey", "reception").getSingleResult().getEntryMap()).isEqualTo(Map.of(
        "deadlines", "promisedReplyAt,catalogueDueAt", "maxWorkingDays", 30));
    assertThat(extension.evaluate("processKey", "home-visit")).isEmpty();
    assertThat(extension.rules().get(0).getDescription().getTextContent()).contains("R-4.2-1");
  }
}
