package cn.shequflow.proxyservice;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.DecisionTableFixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The proxy forms' paperwork order (issue 13 item 7), read from forms/*.form: what the materials checklist offers for
 * every item of proxy-items.dmn (its FEEL evaluated by the engine's own FEEL), and that each document is printed
 * before the box that says it was signed.
 */
class ProxyFormsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @DisplayName("R-3.1.3-3, R-3.1.3-4: for every item the materials checklist offers exactly the server's checklist, without the entrustment letter")
  void checklistOffersEveryMaterialButTheEntrustment() throws IOException {
    String expression = field("proxy-prepare", "materialsReceived").path("valuesExpression").asText();
    assertThat(expression).startsWith("=");
    FeelEngine feel = new ScalaFeelEngineFactory().createInstance();
    DecisionTableFixture items = DecisionTableFixture.load("proxy-items.dmn", "proxy-items");

    SoftAssertions softly = new SoftAssertions();
    int proxiable = 0;
    for (String code : items.rules().stream().map(items::inputOf).toList()) {
      Map<String, Object> row = items.evaluate("proxyItem", code).getSingleResult().getEntryMap();
      if (!Boolean.TRUE.equals(row.get("proxiable"))) {
        continue;
      }
      proxiable++;
      String materials = (String) row.get("materials");
      Object offered = feel.evaluateSimpleExpression(expression.substring(1),
          Variables.createVariables().putValue("materials", materials).asVariableContext());
      List<String> values = new ArrayList<>();
      for (Object option : (List<?>) offered) {
        Map<?, ?> map = (Map<?, ?>) option;
        softly.assertThat(map.get("label")).as(code).isEqualTo(map.get("value"));
        values.add((String) map.get("value"));
      }
      softly.assertThat(values).as(code + " checklist").isNotEmpty()
          .containsExactlyElementsOf(ProxySteps.checklist(materials))
          .noneMatch(ProxySteps::isEntrustment);
      softly.assertThat(ProxySteps.split(materials)).as(code + " materials").anyMatch(ProxySteps::isEntrustment);
    }
    softly.assertThat(proxiable).as("proxiable items").isGreaterThanOrEqualTo(9);
    softly.assertAll();
  }

  @Test
  @DisplayName("R-3.1.3-4, R-3.1.3-6: the entrustment and the handover sheet are printed before the box that says they were signed")
  void eachDocumentIsPrintedBeforeItIsTicked() {
    List<String> entrustment = order("proxy-entrustment");
    assertThat(entrustment.indexOf("print:entrustment")).isNotNegative()
        .isLessThan(entrustment.indexOf("entrustedBy")).isLessThan(entrustment.indexOf("entrustmentSigned"));

    List<String> handover = order("proxy-handover");
    assertThat(handover.indexOf("handedOverItems")).isNotNegative()
        .isLessThan(handover.indexOf("print:handover"));
    assertThat(handover.indexOf("print:handover")).isLessThan(handover.indexOf("signerName"))
        .isLessThan(handover.indexOf("residentSigned"));
    // and the link stays valid once the case is closed (same address by case number)
    assertThat(text("proxy-handover")).contains("办结后", "/print/proxy/{{caseNumber}}/handover");
  }

  @Test
  @DisplayName("R-3.1.3-6: the result to hand over is recorded when the department finishes, so the sheet is filled before signing")
  void resultIsRecordedWhenTheDepartmentFinishes() {
    JsonNode items = field("proxy-progress", "handedOverItems");
    assertThat(items.path("validate").path("required").asBoolean()).isTrue();
    assertThat(items.path("conditional").path("hide").asText()).isEqualTo("=departmentStatus != \"approved\"");
    assertThat(field("proxy-prepare", "materialsReceived").path("description").asText()).contains("仍保持勾选");
    assertThat(field("proxy-submit", "submittedDate").path("description").asText()).contains("不得晚于今天");
  }

  /** The form field with this key, searched through groups. */
  static JsonNode field(String form, String key) {
    JsonNode found = find(read(form), key);
    assertThat(found).as(form + " " + key).isNotNull();
    return found;
  }

  /** The form's keys and print links ("print:<document>") in display order. */
  private static List<String> order(String form) {
    List<String> order = new ArrayList<>();
    walk(read(form), order);
    return order;
  }

  private static String text(String form) {
    return read(form).toString();
  }

  private static void walk(JsonNode node, List<String> order) {
    if (node.has("key")) {
      order.add(node.path("key").asText());
    }
    String text = node.path("text").asText();
    java.util.regex.Matcher link = java.util.regex.Pattern.compile("/print/proxy/\\{\\{caseNumber}}/(\\w+)\\)")
        .matcher(text);
    while (link.find()) {
      order.add("print:" + link.group(1));
    }
    node.path("components").forEach(child -> walk(child, order));
  }

  private static JsonNode read(String form) {
    try {
      return JSON.readTree(Path.of("forms", form + ".form").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode find(JsonNode node, String key) {
    if (key.equals(node.path("key").asText())) {
      return node;
    }
    for (JsonNode child : node.path("components")) {
      JsonNode found = find(child, key);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
