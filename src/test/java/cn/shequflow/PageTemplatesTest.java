package cn.shequflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The app's own pages are Thymeleaf templates under src/main/resources/templates (issue 12): every view a controller
 * names and every fragment a template includes exists, and no template lets text it shows run in the page.
 */
class PageTemplatesTest {

  private static final Path TEMPLATES = Path.of("src/main/resources/templates");
  private static final Pattern VIEW = Pattern.compile("new ModelAndView\\(\\s*\"([^\"]+)\"");
  private static final Pattern FRAGMENT = Pattern.compile("~\\{\\s*([a-z][\\w/-]*)\\s*::");

  @Test
  @DisplayName("issue 12 控制器使用的每个页面模板、模板引用的每个片段都存在")
  void everyViewAndFragmentExists() throws IOException {
    Set<String> views = new TreeSet<>();
    for (Path source : files(Path.of("src/main/java"), ".java")) {
      Matcher view = VIEW.matcher(Files.readString(source, StandardCharsets.UTF_8));
      while (view.find()) {
        views.add(view.group(1));
      }
    }
    for (Path template : files(TEMPLATES, ".html")) {
      Matcher fragment = FRAGMENT.matcher(Files.readString(template, StandardCharsets.UTF_8));
      while (fragment.find()) {
        views.add(fragment.group(1));
      }
    }
    assertThat(views).contains("layout/message", "layout/community", "audit/log", "feedback/card",
        "household/profile", "homevisit/coverage", "security/lockouts", "proxyservice/document");
    List<String> missing = views.stream().filter(name -> !Files.isRegularFile(TEMPLATES.resolve(name + ".html")))
        .toList();
    assertThat(missing).isEmpty();
  }

  @Test
  @DisplayName("issue 12 模板只用转义输出（th:text、th:value 等），没有 th:utext、[(…)]、内联脚本或事件处理")
  void templatesOnlyEscape() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (Path template : files(TEMPLATES, ".html")) {
      String html = Files.readString(template, StandardCharsets.UTF_8);
      String name = TEMPLATES.relativize(template).toString();
      if (html.contains("th:utext") || html.contains("[(") || html.contains("th:inline=\"javascript\"")) {
        offenders.add(name + ": unescaped output");
      }
      if (html.matches("(?s).*\\son[a-z]+\\s*=.*") || html.matches("(?s).*<script(?![^>]*\\ssrc=)[^>]*>.*")) {
        offenders.add(name + ": inline script");
      }
      // the app's Content-Security-Policy blocks javascript: links: they would do nothing when clicked
      if (html.contains("javascript:")) {
        offenders.add(name + ": javascript: link");
      }
    }
    assertThat(offenders).isEmpty();
  }

  private static List<Path> files(Path root, String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(file -> file.toString().endsWith(suffix)).toList();
    }
  }
}
