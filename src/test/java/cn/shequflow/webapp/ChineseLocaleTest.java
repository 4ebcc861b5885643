package cn.shequflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the Simplified Chinese translations of the Camunda webapps (简体中文界面检查).
 *
 * <p>The English originals are read from the camunda-webapp-webjar on the test classpath, the
 * Chinese files from {@code src/main/resources} of this project, so the test always compares
 * against the webjar version the application actually ships with.
 */
@DisplayName("Camunda webapps in Simplified Chinese (简体中文界面)")
class ChineseLocaleTest {

  private static final String WEBJAR_APP_PATH = "META-INF/resources/webjars/camunda/app/";
  private static final Path PROJECT_APP_DIR =
      projectDir().resolve("src/main/resources").resolve(WEBJAR_APP_PATH);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{.*?\\}\\}");
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}: zh.json has every key of en.json (每个键都已翻译)")
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void zhJsonHasEveryKeyOfEnJson(String app) throws IOException {
    Map<String, JsonNode> en = flatten(englishLocale(app));
    Map<String, JsonNode> zh = flatten(chineseLocale(app));

    List<String> missing = new ArrayList<>();
    for (String key : en.keySet()) {
      if (!zh.containsKey(key)) {
        missing.add(key);
      }
    }
    List<String> unknown = new ArrayList<>();
    for (String key : zh.keySet()) {
      // SHEQU_…: the app's own texts, e.g. its password policy rules (issue 10 item 1), which Camunda does not have
      if (!en.containsKey(key) && !key.replaceFirst("^labels\\.", "").startsWith("SHEQU_")) {
        unknown.add(key);
      }
    }
    List<String> wrongType = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : en.entrySet()) {
      JsonNode z = zh.get(e.getKey());
      if (z != null && z.getNodeType() != e.getValue().getNodeType()) {
        wrongType.add(e.getKey() + " (en " + e.getValue().getNodeType() + ", zh " + z.getNodeType() + ")");
      }
    }

    assertThat(missing).as("%s: keys of en.json missing in zh.json (%d)", app, missing.size()).isEmpty();
    assertThat(unknown).as("%s: keys in zh.json that en.json does not have", app).isEmpty();
    assertThat(wrongType).as("%s: zh.json values of a different JSON type", app).isEmpty();
  }

  @ParameterizedTest(name = "{0}: zh.json keeps the '{{…}}' placeholders (占位符不变)")
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void zhJsonKeepsPlaceholders(String app) throws IOException {
    Map<String, JsonNode> en = flatten(englishLocale(app));
    Map<String, JsonNode> zh = flatten(chineseLocale(app));

    List<String> changed = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : en.entrySet()) {
      JsonNode z = zh.get(e.getKey());
      if (z == null || !e.getValue().isTextual() || !z.isTextual()) {
        continue; // missing keys and non-text values are reported by the other test
      }
      List<String> enPlaceholders = placeholders(e.getValue().asText());
      List<String> zhPlaceholders = placeholders(z.asText());
      if (!enPlaceholders.equals(zhPlaceholders)) {
        changed.add(e.getKey() + ": en " + enPlaceholders + " but zh " + zhPlaceholders);
      }
    }
    assertThat(changed).as("%s: values whose {{...}} placeholders differ from en.json", app).isEmpty();
  }

  @ParameterizedTest(name = "{0}: config.js makes Chinese the default (默认中文)")
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void configJsFallsBackToChinese(String app) throws IOException {
    Path config = PROJECT_APP_DIR.resolve(app).resolve("scripts/config.js");
    assertThat(config).as("%s: config.js", app).isRegularFile();
    String js = Files.readString(config, StandardCharsets.UTF_8);

    assertThat(js).as("%s: config.js", app).contains("fallbackLocale: 'zh'");
    assertThat(js).as("%s: config.js must stay an ES module", app).contains("export default {");
  }

  private static JsonNode englishLocale(String app) throws IOException {
    String resource = WEBJAR_APP_PATH + app + "/locales/en.json";
    List<URL> urls = Collections.list(ChineseLocaleTest.class.getClassLoader().getResources(resource));
    URL fromWebjar = urls.stream()
        .filter(u -> u.toString().contains("camunda-webapp-webjar"))
        .findFirst()
        .orElse(urls.isEmpty() ? null : urls.get(0));
    assertThat(fromWebjar).as("%s on the test classpath (camunda-webapp-webjar)", resource).isNotNull();
    // the webjar's en.json starts with a UTF-8 byte order mark; Jackson skips it when reading bytes
    try (InputStream in = fromWebjar.openStream()) {
      return JSON.readTree(in);
    }
  }

  private static JsonNode chineseLocale(String app) throws IOException {
    Path zh = PROJECT_APP_DIR.resolve(app).resolve("locales/zh.json");
    assertThat(zh).as("%s: zh.json", app).isRegularFile();
    try (InputStream in = Files.newInputStream(zh)) {
      return JSON.readTree(in);
    }
  }

  /** Flattens a JSON tree into "a.b.c" / "a.list[0]" keys, keeping the leaf nodes. */
  private static Map<String, JsonNode> flatten(JsonNode root) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    flatten("", root, out);
    return out;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e ->
          flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(prefix + "[" + i + "]", node.get(i), out);
      }
    } else {
      out.put(prefix, node);
    }
  }

  private static List<String> placeholders(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    Collections.sort(found);
    return found;
  }

  private static Path projectDir() {
    String basedir = System.getProperty("basedir"); // set by Maven Surefire
    return basedir != null ? Paths.get(basedir) : Paths.get("").toAbsolutePath();
  }
}
