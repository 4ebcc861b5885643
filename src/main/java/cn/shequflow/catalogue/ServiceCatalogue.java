package cn.shequflow.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Component;

/** Reads the service catalogue decision (processes/service-catalogue.dmn), which analysts edit without code. */
@Component
public class ServiceCatalogue {

  public static final String DECISION = "service-catalogue";

  /** A matter as a resident picks it on the public message page: the code, the catalogue's name, the residents' words. */
  public record Matter(String category, String categoryName, String residentWords, String serviceArea) {}

  private record Listed(String decisionId, List<Matter> matters) {}

  private final DecisionService decisionService;
  private final RepositoryService repositoryService;
  private final AtomicReference<Listed> listed = new AtomicReference<>();

  ServiceCatalogue(DecisionService decisionService, RepositoryService repositoryService) {
    this.decisionService = decisionService;
    this.repositoryService = repositoryService;
  }

  /**
   * Every matter of the deployed catalogue in its order (rule by rule), read from the decision table itself and kept
   * until a new version of the catalogue is deployed.
   */
  public List<Matter> matters() {
    DecisionDefinition latest = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION)
        .latestVersion().singleResult();
    if (latest == null) {
      return List.of();
    }
    Listed known = listed.get();
    if (known != null && known.decisionId().equals(latest.getId())) {
      return known.matters();
    }
    Decision decision = repositoryService.getDmnModelInstance(latest.getId()).getModelElementById(DECISION);
    DecisionTable table = (DecisionTable) decision.getExpression();
    List<String> outputs = table.getOutputs().stream().map(Output::getName).toList();
    List<Matter> matters = new ArrayList<>();
    for (Rule rule : table.getRules()) {
      List<String> values = rule.getOutputEntries().stream().map(OutputEntry::getTextContent)
          .map(ServiceCatalogue::literal).toList();
      String name = value(outputs, values, "categoryName");
      String words = value(outputs, values, "residentWords");
      matters.add(new Matter(literal(rule.getInputEntries().iterator().next().getTextContent()), name,
          words.isEmpty() ? name : words, value(outputs, values, "serviceArea")));
    }
    List<Matter> all = List.copyOf(matters);
    listed.set(new Listed(latest.getId(), all));
    return all;
  }

  private static String value(List<String> outputs, List<String> values, String name) {
    int index = outputs.indexOf(name);
    return index < 0 || index >= values.size() ? "" : values.get(index);
  }

  /** "general-inquiry" (a FEEL string literal as the table holds it) → general-inquiry. */
  private static String literal(String text) {
    String trimmed = text == null ? "" : text.trim();
    return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
        ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
  }

  /** The entry for a category code; empty for a code the catalogue does not know (never a silent default). */
  public Optional<CatalogueEntry> lookup(String category) {
    if (category == null || category.isBlank()) {
      return Optional.empty();
    }
    DmnDecisionResult result = decisionService.evaluateDecisionByKey(DECISION)
        .variables(Map.of("category", category)).evaluate();
    if (result.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> row = result.getSingleResult().getEntryMap();
    return Optional.of(new CatalogueEntry(category, text(row, "categoryName"), text(row, "serviceArea"),
        text(row, "handling"), ((Number) row.get("timeLimitDays")).intValue(), text(row, "materials"),
        text(row, "basis"), text(row, "department"), text(row, "departmentAddress"),
        text(row, "departmentPhone"), text(row, "departmentEmail"), text(row, "fee")));
  }

  private static String text(Map<String, Object> row, String key) {
    Object value = row.get(key);
    return value == null ? "" : value.toString();
  }
}
