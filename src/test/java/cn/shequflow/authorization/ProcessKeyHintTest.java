package cn.shequflow.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 2: the process-definition ids added beside a task query's key condition (本网格待办, 全社区待办), on
 * Tasklist's statement shape, and the shapes left alone.
 */
class ProcessKeyHintTest {

  @Test
  @DisplayName("本网格待办一页：D.KEY_ in (…) 旁加上这些流程定义的 id，占位符不动，其后的改写照旧")
  void theCaseProcessesGetTheirIds() throws IOException {
    String sql = withCaseProcesses(CandidateGroupRewriteTest.resource("task-page-grid-filter-by-due.sql"));

    ProcessKeyHint.KeyCondition condition = ProcessKeyHint.find(sql).orElseThrow();
    String hinted = condition.hinted(sql, List.of("reception:3:a1-b2", "complaint:1:c3")).orElseThrow();

    assertThat(condition.definitions()).isEqualTo("ACT_RE_PROCDEF");
    assertThat(condition.parameters()).isEqualTo(5);
    // before it: the 10 of the grant join, its '*', and the "? = ?" of "1 = 1"
    assertThat(condition.firstParameter()).isEqualTo(13);
    assertThat(hinted.replaceAll("\\s+", " "))
        .contains("(D.KEY_ in ( ? , ? , ? , ? , ? ) and RES.PROC_DEF_ID_ in ('reception:3:a1-b2', 'complaint:1:c3'))");
    assertThat(hinted.replaceAll("[^?]", "")).isEqualTo(sql.replaceAll("[^?]", ""));
    // the grant join and the candidate group still become EXISTS afterwards
    String granted = GrantJoinRewrite.of(hinted).orElseThrow().sql();
    assertThat(CandidateGroupRewrite.of(granted).orElseThrow()).contains("RES.PROC_DEF_ID_ in ('reception:3:a1-b2'")
        .doesNotContainPattern("(?i)select\\s+distinct");
  }

  /**
   * The captured 本网格待办 page from before the filter named the case processes, with the key condition where the
   * engine writes it: first in the main WHERE, after its "1 = 1" (here "? = ?").
   */
  private static String withCaseProcesses(String captured) {
    int where = captured.indexOf("WHERE", captured.indexOf("AUTH ON"));
    int first = captured.indexOf("and", where);
    return captured.substring(0, first) + "and D.KEY_ in ( ? , ? , ? , ? , ? ) " + captured.substring(first);
  }

  @Test
  @DisplayName("本网格走访（一个键 D.KEY_ = ?）也加上")
  void oneKey() {
    String sql = "select RES.* from ACT_RU_TASK RES left join ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_ "
        + "WHERE ( 1 = 1 and D.KEY_ = ? and RES.DUE_DATE_ < ? ) order by RES.DUE_DATE_ asc";

    ProcessKeyHint.KeyCondition condition = ProcessKeyHint.find(sql).orElseThrow();

    assertThat(condition.firstParameter()).isZero();
    assertThat(condition.parameters()).isEqualTo(1);
    assertThat(condition.hinted(sql, List.of("home-visit:2:x")).orElseThrow())
        .contains("(D.KEY_ = ? and RES.PROC_DEF_ID_ in ('home-visit:2:x')) and RES.DUE_DATE_ < ?");
  }

  @Test
  @DisplayName("不合形状的不动：没有流程定义连接、两处键条件（or 查询）、键在字符串里；没有流程定义或 id 需转义时也不加")
  void otherShapesAreLeftAlone() {
    String join = "select RES.* from ACT_RU_TASK RES left join ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_ WHERE ";
    assertThat(ProcessKeyHint.find("select RES.* from ACT_RU_TASK RES WHERE D.KEY_ = ?")).isEmpty();
    assertThat(ProcessKeyHint.find(join + "D.KEY_ = ? or ( D.KEY_ in ( ? , ? ) )")).isEmpty();
    assertThat(ProcessKeyHint.find(join + "RES.NAME_ = 'D.KEY_ = ?'")).isEmpty();
    assertThat(ProcessKeyHint.find("select RES.* from ACT_HI_TASKINST RES left join ACT_RE_PROCDEF D on "
        + "RES.PROC_DEF_ID_ = D.ID_ WHERE D.KEY_ = ?")).isEmpty();

    String sql = join + "D.KEY_ = ?";
    ProcessKeyHint.KeyCondition condition = ProcessKeyHint.find(sql).orElseThrow();
    assertThat(condition.hinted(sql, List.of())).isEmpty();
    assertThat(condition.hinted(sql, List.of("reception:1:x", "bad'); drop table x; --"))).isEmpty();
    assertThat(condition.hinted(sql, List.of("a\\b"))).isEmpty();
  }
}
