package cn.shequflow.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The candidate-group rewrite on Tasklist's statements (captured from PostgreSQL, after the grant rewrite), and its refusals. */
class CandidateGroupRewriteTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"task-count-grid-filter.sql", "task-page-grid-filter-by-due.sql"})
  @DisplayName("本网格待办: the candidate-group join becomes EXISTS, DISTINCT goes, no placeholder moves")
  void gridFilterStatementsAreRewritten(String file) throws IOException {
    String granted = GrantJoinRewrite.of(resource(file)).orElseThrow().sql();

    String sql = CandidateGroupRewrite.of(granted).orElseThrow();

    assertThat(sql).doesNotContain("join ACT_RU_IDENTITYLINK").doesNotContainPattern("(?i)select\\s+distinct")
        .contains("EXISTS (SELECT 1 FROM ACT_RU_IDENTITYLINK I WHERE I.TASK_ID_ = RES.ID_ AND (  I.TYPE_ = ?");
    assertThat(placeholders(sql)).isEqualTo(placeholders(granted));
    // every placeholder keeps its place: the text around each one is the same, in the same order
    assertThat(sql.replaceAll("[^?]", "")).isEqualTo(granted.replaceAll("[^?]", ""));
  }

  @Test
  @DisplayName("without the grant rewrite (the grant join still in FROM) the join becomes EXISTS but DISTINCT stays")
  void otherJoinsKeepDistinct() throws IOException {
    String sql = CandidateGroupRewrite.of(resource("task-page-grid-filter-by-due.sql")).orElseThrow();

    assertThat(sql).startsWith("select distinct").contains("EXISTS (SELECT 1 FROM ACT_RU_IDENTITYLINK I WHERE");
  }

  @Test
  @DisplayName("a variable join (it can repeat a task) keeps DISTINCT")
  void variableJoinKeepsDistinct() {
    String sql = "select distinct RES.* from ACT_RU_TASK RES left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_ "
        + "inner join ACT_RU_VARIABLE A0 on RES.ID_ = A0.TASK_ID_ WHERE ( ( I.TYPE_ = ? and ( I.GROUP_ID_ IN ( ? ) ) ) "
        + "and A0.NAME_ = ? ) order by RES.DUE_DATE_ asc LIMIT ? OFFSET ?";

    assertThat(CandidateGroupRewrite.of(sql).orElseThrow()).startsWith("select distinct");
  }

  @Test
  @DisplayName("the identity link used elsewhere (assignee or candidate user checks) or twice (or-queries): unchanged")
  void otherShapesAreNotTouched() {
    String join = "select distinct RES.* from ACT_RU_TASK RES left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_ ";
    assertThat(CandidateGroupRewrite.of(join + "WHERE ( I.TYPE_ = ? and I.GROUP_ID_ IN ( ? ) ) or I.USER_ID_ = ?"))
        .isEmpty();
    assertThat(CandidateGroupRewrite.of(join + "WHERE ( I.TYPE_ = ? and I.GROUP_ID_ IN ( ? ) ) or ( I.TYPE_ = ? )"))
        .isEmpty();
    assertThat(CandidateGroupRewrite.of(join + "left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_ WHERE ( I.TYPE_ = ? )"))
        .isEmpty();
    assertThat(CandidateGroupRewrite.of("select * from ACT_RU_TASK RES where RES.ID_ = ?")).isEmpty();
  }

  private static int placeholders(String sql) {
    return (int) sql.chars().filter(c -> c == '?').count();
  }

  static String resource(String name) throws IOException {
    try (InputStream in = CandidateGroupRewriteTest.class.getResourceAsStream("/authorization/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
