package cn.shequflow.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;

/**
 * A deployment the guard refused, as the engine's own ParseException: the deployment rolls back, REST answers 400
 * with the Chinese message, and the report names every file and element the way the BPMN parser does.
 */
final class ModelRefusedException extends ParseException {

  ModelRefusedException(Map<String, List<Problem>> problemsByFile) {
    super(message(problemsByFile), first(problemsByFile).getKey(), first(problemsByFile).getValue(), List.of());
    List<ResourceReport> reports = new ArrayList<>();
    problemsByFile.forEach((file, problems) -> reports.add(new Report(file, List.copyOf(problems))));
    this.resorceReports = reports;
  }

  /** The first element named, for reports that show one. */
  String firstElement() {
    return getResorceReports().stream().flatMap(report -> report.getErrors().stream())
        .map(Problem::getMainElementId).filter(java.util.Objects::nonNull).findFirst().orElse("");
  }

  /** One finding: the Chinese message names the file, the element and the expression. */
  record Finding(String message, int line, int column, String mainElementId) implements Problem {
    @Override public String getMessage() { return message; }
    @Override public int getLine() { return line; }
    @Override public int getColumn() { return column; }
    @Override public String getMainElementId() { return mainElementId; }
    @Override public List<String> getElementIds() { return mainElementId == null ? List.of() : List.of(mainElementId); }
  }

  private record Report(String resourceName, List<Problem> errors) implements ResourceReport {
    @Override public String getResourceName() { return resourceName; }
    @Override public List<Problem> getErrors() { return errors; }
    @Override public List<Problem> getWarnings() { return List.of(); }
  }

  private static Map.Entry<String, List<Problem>> first(Map<String, List<Problem>> problemsByFile) {
    return problemsByFile.entrySet().iterator().next();
  }

  private static String message(Map<String, List<Problem>> problemsByFile) {
    List<String> lines = new ArrayList<>();
    problemsByFile.values().forEach(problems -> problems.forEach(problem -> lines.add(problem.getMessage())));
    int shown = Math.min(lines.size(), 10);
    String more = lines.size() > shown ? "；另有 " + (lines.size() - shown) + " 处" : "";
    return "模型未通过安全检查，未部署（已部署的版本继续运行）：" + String.join("；", lines.subList(0, shown)) + more;
  }
}
