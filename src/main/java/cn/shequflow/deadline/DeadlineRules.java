package cn.shequflow.deadline;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * Reads processes/deadline-pause.dmn: where a case's clock stops and which deadlines stop ({@code deadline-pause}),
 * and which deadlines an approved extension moves and by how much at most ({@code deadline-extension}). The rules are
 * the analyst's; this class only asks them.
 */
@Component
class DeadlineRules {

  static final String PAUSE = "deadline-pause";
  static final String EXTENSION = "deadline-extension";

  /** A pause rule: the deadline variables that stop, and what the task cards and forms say meanwhile. */
  record Pause(List<String> deadlines, String label) {}

  /** An extension rule: the deadline variables that move together, and the most working days one request may ask. */
  record Extension(List<String> deadlines, int maxWorkingDays) {}

  private final DecisionService decisions;

  DeadlineRules(DecisionService decisions) {
    this.decisions = decisions;
  }

  Optional<Pause> pause(String processKey, String waitingTask) {
    return single(decisions.evaluateDecisionTableByKey(PAUSE)
        .variables(Map.of("processKey", processKey, "waitingTask", waitingTask)).evaluate())
        .map(row -> new Pause(names(row.getEntry("deadlines")), text(row.getEntry("pauseLabel"))));
  }

  Optional<Extension> extension(String processKey) {
    return single(decisions.evaluateDecisionTableByKey(EXTENSION).variables(Map.of("processKey", processKey))
        .evaluate()).map(row -> new Extension(names(row.getEntry("deadlines")),
            row.getEntry("maxWorkingDays") instanceof Number max ? max.intValue() : 0));
  }

  private static Optional<DmnDecisionRuleResult> single(DmnDecisionTableResult result) {
    return result.isEmpty() ? Optional.empty() : Optional.of(result.getSingleResult());
  }

  private static List<String> names(Object list) {
    return list == null ? List.of() : Arrays.stream(list.toString().split(",")).map(String::trim)
        .filter(name -> !name.isEmpty()).toList();
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? "已暂停（等待居民补正材料）" : value.toString();
  }
}
