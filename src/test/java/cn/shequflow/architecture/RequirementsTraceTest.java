package cn.shequflow.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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

/** docs/requirements.md is the project's specification: every clause it lists is proved by at least one test. */
class RequirementsTraceTest {

  private static final Pattern CLAUSE = Pattern.compile("(?m)^- (R-\\d+(?:\\.\\d+)+-\\d+) ");

  @Test
  @DisplayName("规格说明中的每一条条款都至少有一个以其 ID 命名的测试")
  void everyClauseOfTheSpecificationHasATest() throws IOException {
    Set<String> clauses = new TreeSet<>();
    Matcher m = CLAUSE.matcher(Files.readString(Path.of("docs/requirements.md")));
    while (m.find()) {
      clauses.add(m.group(1));
    }
    assertThat(clauses).as("sanity: the clauses are found").contains("R-3.1.1-1", "R-4.2-1").hasSizeGreaterThan(30);

    StringBuilder tests = new StringBuilder();
    try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
      for (Path file : files.filter(p -> p.toString().endsWith("Test.java")).toList()) {
        tests.append(Files.readString(file)).append('\n');
      }
    }
    List<String> untested = new ArrayList<>();
    for (String clause : clauses) {
      if (!Pattern.compile(Pattern.quote(clause) + "(?![\\d.])").matcher(tests).find()) {
        untested.add(clause);
      }
    }
    assertThat(untested).as("clauses without a test").isEmpty();
  }
}
