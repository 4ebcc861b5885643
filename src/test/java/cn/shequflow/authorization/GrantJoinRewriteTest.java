package cn.shequflow.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rewrite on SQL the engine built for Tasklist (captured from PostgreSQL), and its refusals. */
class GrantJoinRewriteTest {

  /**
   * Each captured statement: the grant join's 11 parameters come first (whose grants 10, the '*' 1), then the where
   * clause's own, the null test last but for the tenant check and the page (which have none, or come after it).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"task-count-grid-filter.sql", "task-count-deadline-filter.sql", "task-page-grid-filter-by-due.sql"})
  @DisplayName("Tasklist's statements: the grant join becomes three EXISTS, each parameter follows its placeholder")
  void tasklistStatementsAreRewritten(String file) throws IOException {
    String sql = resource(file);
    int original = placeholders(sql);
    boolean page = sql.contains("LIMIT ? OFFSET ?");

    GrantJoinRewrite.Result result = GrantJoinRewrite.of(sql).orElseThrow();

    assertThat(result.sql()).doesNotContain("AUTH ON").doesNotContain("AUTH.")
        .contains("EXISTS (SELECT 1 FROM ACT_RU_AUTHORIZATION SHEQU_GRANT WHERE")
        .contains("SHEQU_GRANT.RESOURCE_ID_ = RES.ID_)").contains("SHEQU_GRANT.RESOURCE_ID_ = D.KEY_)");
    assertThat(placeholders(result.sql())).isEqualTo(result.parameterOrder().size()).isEqualTo(original + 20);
    int whereEnd = original - (page ? 2 : 0);
    List<Integer> whose = range(0, 10);
    List<Integer> expected = new ArrayList<>(range(11, whereEnd));
    expected.addAll(whose);
    expected.add(10);
    expected.addAll(whose);
    expected.addAll(whose);
    if (page) {
      expected.addAll(List.of(original - 2, original - 1));
    }
    assertThat(result.parameterOrder()).containsExactlyElementsOf(expected);
    // the constant '*' is asked first, the task's own grant next, the definition's last
    assertThat(result.sql().indexOf("RESOURCE_ID_ = ?)")).isLessThan(result.sql().indexOf("RESOURCE_ID_ = RES.ID_)"));
    assertThat(result.sql().indexOf("RESOURCE_ID_ = RES.ID_)")).isLessThan(result.sql().indexOf("RESOURCE_ID_ = D.KEY_)"));
  }

  @Test
  @DisplayName("a statement without the grant join is not touched")
  void noJoinNoRewrite() {
    assertThat(GrantJoinRewrite.of("select * from ACT_RU_TASK RES where RES.ID_ = ?")).isEmpty();
  }

  @Test
  @DisplayName("a second grant join (AUTH1, composite checks) keeps the engine's SQL")
  void secondJoinNoRewrite() throws IOException {
    String sql = resource("task-count-grid-filter.sql").replace("(AUTH.RESOURCE_ID_ IS NOT NULL)",
        "(AUTH.RESOURCE_ID_ IS NOT NULL) AND AUTH1.RESOURCE_ID_ IS NOT NULL");
    assertThat(GrantJoinRewrite.of(sql)).isEmpty();
  }

  @Test
  @DisplayName("grant columns used beyond the null test (AUTH.PERMS_) keep the engine's SQL")
  void grantColumnsElsewhereNoRewrite() throws IOException {
    String sql = resource("task-count-grid-filter.sql").replace("(RES.TENANT_ID_ is null", "(AUTH.PERMS_ > 0 and RES.TENANT_ID_ is null");
    assertThat(GrantJoinRewrite.of(sql)).isEmpty();
  }

  @Test
  @DisplayName("a join without its null test (an inner join that filters by itself) keeps the engine's SQL")
  void joinWithoutNullTestNoRewrite() throws IOException {
    String sql = resource("task-count-grid-filter.sql").replace("(AUTH.RESOURCE_ID_ IS NOT NULL)", "(1 = 1)");
    assertThat(GrantJoinRewrite.of(sql)).isEmpty();
  }

  private static List<Integer> range(int from, int to) {
    return IntStream.range(from, to).boxed().toList();
  }

  private static int placeholders(String sql) {
    return (int) sql.chars().filter(c -> c == '?').count();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = GrantJoinRewriteTest.class.getResourceAsStream("/authorization/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
