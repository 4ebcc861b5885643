package cn.shequflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.deployment.HostileCorpus.Case;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.Problem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 10 item 2: what the deployment guard lets through and what it refuses, without an engine. */
class ModelInspectionTest {

  // bean names as the Spring context has them: the allowlisted ones and some it must refuse
  private static final Set<String> BEANS = Set.of("runtimeService", "processEngine", "dataSource", "workingDays",
      "sendMailDelegate", "archiveCaseDelegate", "repositoryService");

  private final JuelExpressionCheck juel = new JuelExpressionCheck(ExpressionAllowlist.APP, BEANS::contains);
  private final ModelInspection inspection = new ModelInspection(juel, new FeelExpressionCheck());

  @Test
  @DisplayName("issue 10 item 2：processes/ 和 forms/ 中现有的每个模型原样通过检查")
  void everyCurrentModelPassesUnchanged() throws IOException {
    List<Path> files;
    try (Stream<Path> processes = Files.walk(Path.of("processes")); Stream<Path> forms = Files.walk(Path.of("forms"))) {
      files = Stream.concat(processes, forms).filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(40);
    for (Path file : files) {
      assertThat(inspection.inspect(file.toString(), Files.readAllBytes(file))).as(file.toString()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"${grid}", "${residentEmail == null || residentEmail == ''}",
      "${!internalReport && (residentEmail == null || residentEmail == '')}", "${outcome == 'replyLater'}",
      "${workingDays.fromNow(1)}", "${workingDays.reminderBefore(replyDueAt)}",
      "${workingDays.reminderBefore(workingDays.fromNow(materialsWaitWorkingDays))}",
      "#{execution.processBusinessKey}", "#{eventCaseNumber}", "${empty missingMaterials}",
      "${priority > 50 ? 'high' : 'normal'}", "${-1 < taskPriority}", "${authenticatedUserId}", "第 ${visitNumber} 次走访",
      "${decision.output(decisionResult, 'channelName')}",
      "${workingDays.deadline(receivedAt, decision.output(decisionResult, 'replyWorkingDays'))}",
      "${decision.output(decisionResult, 'proxiable') ? '可以代办' : '不可代办'}"})
  @DisplayName("issue 10 item 2：变量引用、比较、逻辑组合和白名单 Bean 方法可以部署")
  void variablesComparisonsAndAllowlistedCallsAreAllowed(String expression) {
    assertThat(juel.refusal(expression, JuelExpressionCheck.Position.VALUE)).isEmpty();
  }

  @Test
  @DisplayName("issue 10 item 2：delegateExpression 只能是白名单中的委托 Bean")
  void delegateExpressionNamesAnAllowlistedDelegateOnly() {
    assertThat(juel.refusal("${sendMailDelegate}", JuelExpressionCheck.Position.DELEGATE)).isEmpty();
    assertThat(juel.refusal("${workingDays}", JuelExpressionCheck.Position.DELEGATE)).isPresent();
    assertThat(juel.refusal("${someVariable}", JuelExpressionCheck.Position.DELEGATE)).isPresent();
    assertThat(juel.refusal("${sendMailDelegate}x", JuelExpressionCheck.Position.DELEGATE)).isPresent();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cn.shequflow.deployment.HostileCorpus#all")
  @DisplayName("issue 10 item 2 恶意模型：拒绝，中文说明指明文件、元素和原因")
  void hostileModelIsRefusedNamingFileElementAndReason(Case hostile) {
    List<Problem> findings = inspection.inspect(hostile.file(), hostile.content().getBytes(StandardCharsets.UTF_8));

    assertThat(findings).as("findings").isNotEmpty();
    assertThat(findings).anySatisfy(finding -> {
      assertThat(finding.getMessage()).contains(hostile.file()).contains("被拒绝").contains(hostile.expected());
      if (hostile.element() != null) {
        assertThat(finding.getMainElementId()).isEqualTo(hostile.element());
        assertThat(finding.getMessage()).contains(hostile.element());
      }
    });
  }
}
