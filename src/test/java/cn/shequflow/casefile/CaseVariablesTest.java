package cn.shequflow.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The catalogue of case variables ({@link CaseVariables}) against what the files really use: the models' expressions
 * and variable mappings, the forms' keys, the mail templates' placeholders and the Java code's variable reads and
 * writes.
 */
class CaseVariablesTest {

  enum Kind { MODEL, FORM, TEMPLATE, JAVA }

  private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]*");
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");
  /** An identifier in an expression that is neither a property (after a dot) nor a method call. */
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![.\\w])([a-z][A-Za-z0-9]*)\\b(?!\\s*\\()");
  private static final Pattern MAPPING = Pattern.compile(
      "(?:source|target|resultVariable|camunda:initiator|camunda:collection|camunda:elementVariable)=\"([a-z][A-Za-z0-9]*)\"");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z][A-Za-z0-9]*)");
  private static final Pattern JAVA_VARIABLE = Pattern.compile(
      "(?:[gs]etVariable(?:Local)?|hasVariable|put|get)\\(\\s*\"([a-z][A-Za-z0-9]*)\"");

  @Test
  @DisplayName("三类及以上文件共用的变量名都登记在 CaseVariables 中")
  void everyNameSharedByThreeKindsOfFileIsCatalogued() throws IOException {
    Map<String, Set<Kind>> uses = uses();
    Set<String> shared = uses.entrySet().stream().filter(e -> e.getValue().size() >= 3).map(Map.Entry::getKey)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(shared).as("sanity: the scan finds the case header").contains("caseNumber", "residentName")
        .hasSizeGreaterThan(30);
    assertThat(catalogue()).containsAll(shared);
  }

  @Test
  @DisplayName("CaseVariables 中的每个变量名都确实被模型、表单或邮件模板使用")
  void everyCataloguedNameIsUsedByTheModelsFormsOrTemplates() throws IOException {
    Map<String, Set<Kind>> uses = uses();
    for (String name : catalogue()) {
      Set<Kind> kinds = uses.getOrDefault(name, Set.of());
      assertThat(kinds).as(name).containsAnyOf(Kind.MODEL, Kind.FORM, Kind.TEMPLATE);
      assertThat(kinds).as(name + " is shared").hasSizeGreaterThanOrEqualTo(2);
    }
  }

  @Test
  @DisplayName("扫描能发现一个新加入三类文件的变量名（本测试本身会失败的证明）")
  void theScanSeesANewName() {
    Map<String, Set<Kind>> uses = new TreeMap<>();
    scanModel("<bpmn:userTask camunda:assignee=\"${volunteerLead}\"/>", uses);
    scanForm("{\"components\":[{\"key\":\"volunteerLead\"}]}", uses);
    scanTemplate("志愿者负责人：{{volunteerLead}}", uses);
    assertThat(uses.get("volunteerLead")).containsExactlyInAnyOrder(Kind.MODEL, Kind.FORM, Kind.TEMPLATE);
    assertThat(catalogue()).doesNotContain("volunteerLead");
  }

  /** Java code that names a variable through the catalogue: CaseVariables.CASE_NUMBER. */
  private static final Pattern CONSTANT = Pattern.compile("CaseVariables\\.([A-Z_]+)");

  private static Map<String, String> constants() {
    Map<String, String> constants = new TreeMap<>();
    for (Field field : CaseVariables.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          constants.put(field.getName(), (String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return constants;
  }

  static Set<String> catalogue() {
    return new TreeSet<>(constants().values());
  }

  static Map<String, Set<Kind>> uses() throws IOException {
    Map<String, Set<Kind>> uses = new TreeMap<>();
    for (Path model : files("processes", ".bpmn", ".dmn")) {
      scanModel(Files.readString(model), uses);
    }
    for (Path form : files("forms", ".form")) {
      scanForm(Files.readString(form), uses);
    }
    for (Path template : files("mail-templates", ".txt")) {
      scanTemplate(Files.readString(template), uses);
    }
    Map<String, String> constants = constants();
    for (Path java : files("src/main/java", ".java")) {
      String code = Files.readString(java);
      find(JAVA_VARIABLE, code, Kind.JAVA, uses);
      Matcher constant = CONSTANT.matcher(code);
      while (constant.find()) {
        if (constants.containsKey(constant.group(1))) {
          add(constants.get(constant.group(1)), Kind.JAVA, uses);
        }
      }
    }
    return uses;
  }

  static void scanModel(String xml, Map<String, Set<Kind>> uses) {
    Matcher expression = EXPRESSION.matcher(xml);
    while (expression.find()) {
      find(IDENTIFIER, expression.group(1), Kind.MODEL, uses);
    }
    find(MAPPING, xml, Kind.MODEL, uses);
  }

  static void scanForm(String json, Map<String, Set<Kind>> uses) {
    try {
      collectKeys(new ObjectMapper().readTree(json), uses);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void scanTemplate(String text, Map<String, Set<Kind>> uses) {
    find(PLACEHOLDER, text, Kind.TEMPLATE, uses);
  }

  private static void collectKeys(JsonNode node, Map<String, Set<Kind>> uses) {
    if (node.has("key") && NAME.matcher(node.get("key").asText()).matches()) {
      add(node.get("key").asText(), Kind.FORM, uses);
    }
    node.path("components").forEach(child -> collectKeys(child, uses));
  }

  private static void find(Pattern pattern, String text, Kind kind, Map<String, Set<Kind>> uses) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      add(m.group(1), kind, uses);
    }
  }

  private static void add(String name, Kind kind, Map<String, Set<Kind>> uses) {
    uses.computeIfAbsent(name, n -> EnumSet.noneOf(Kind.class)).add(kind);
  }

  private static List<Path> files(String folder, String... suffixes) throws IOException {
    try (Stream<Path> files = Files.walk(Path.of(folder))) {
      return files.filter(p -> Stream.of(suffixes).anyMatch(p.toString()::endsWith)).sorted().toList();
    }
  }
}
