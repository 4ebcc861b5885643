package cn.shequflow.catalogue;

import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/** Reads the service catalogue decision (processes/service-catalogue.dmn), which analysts edit without code. */
@Component
public class ServiceCatalogue {

  public static final String DECISION = "service-catalogue";

  private final DecisionService decisionService;

  ServiceCatalogue(DecisionService decisionService) {
    this.decisionService = decisionService;
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
