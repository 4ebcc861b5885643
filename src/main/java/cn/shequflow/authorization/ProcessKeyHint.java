package cn.shequflow.authorization;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Adds to a task query's condition on process definition keys the ids of those definitions, so that the database can
 * count on the tasks' own statistics.
 *
 * <p>本网格待办 and 全社区待办 ask for the tasks of the case processes ({@code processDefinitionKeyIn}), which Camunda 7
 * writes as {@code ... from ACT_RU_TASK RES left join ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_ where ... D.KEY_ in
 * (?, ?, ...)}. PostgreSQL cannot tell how many tasks a key of another table stands for: it guessed a fifth of the grid
 * (five of seven definitions) where there were none, walked the grid's 15,000 home visits in due order and took 190 ms
 * (全社区待办: 47,000 tasks, 400 ms) to answer an empty page. With {@code (D.KEY_ in (?, ...) and RES.PROC_DEF_ID_ in
 * ('reception:1:…', ...))} it reads the few case tasks through the index on PROC_DEF_ID_ and sorts them (13 ms, 3 ms).
 *
 * <p>The added condition follows from the one it stands beside (D is the task's definition), so the rows are the same;
 * the ids are read just before the query, on its connection. Its placeholders do not move. Only a task query with the
 * one join to its definition and exactly one condition on its keys is hinted, and only with ids that need no escaping.
 */
final class ProcessKeyHint {

  private static final Pattern DEFINITION_JOIN = Pattern.compile(
      "(?i)\\bfrom\\s+\\S*ACT_RU_TASK\\s+RES\\s+(?:[^()]*?\\s)?left\\s+join\\s+(\\S*ACT_RE_PROCDEF)\\s+D\\s+on\\s+"
          + "RES\\.PROC_DEF_ID_\\s*=\\s*D\\.ID_(?![\\w.])");
  private static final Pattern KEY_CONDITION = Pattern.compile(
      "(?i)(?<![\\w.])D\\.KEY_\\s*(?:=\\s*\\?|in\\s*\\(\\s*\\?(?:\\s*,\\s*\\?)*\\s*\\))");
  private static final Pattern SAFE_ID = Pattern.compile("[\\p{L}\\p{N}:._\\-]{1,64}");

  /** Where the key condition stands: its text span, the definitions' table and its placeholders' positions. */
  record KeyCondition(int start, int end, String definitions, int firstParameter, int parameters) {

    /** The SQL with the ids added beside the condition; empty when there are none or one needs escaping. */
    Optional<String> hinted(String sql, List<String> ids) {
      if (ids.isEmpty() || !ids.stream().allMatch(id -> SAFE_ID.matcher(id).matches())) {
        return Optional.empty();
      }
      String list = ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
      return Optional.of(sql.substring(0, start) + "(" + sql.substring(start, end) + " and RES.PROC_DEF_ID_ in ("
          + list + "))" + sql.substring(end));
    }
  }

  private ProcessKeyHint() {
  }

  /** The key condition of a task query of the shape this hint is proven for, or empty. */
  static Optional<KeyCondition> find(String sql) {
    Matcher join = DEFINITION_JOIN.matcher(sql);
    if (!join.find()) {
      return Optional.empty();
    }
    Matcher condition = KEY_CONDITION.matcher(sql);
    if (!condition.find(join.end())) {
      return Optional.empty();
    }
    int start = condition.start();
    int end = condition.end();
    boolean inLiteral = sql.substring(0, start).chars().filter(c -> c == '\'').count() % 2 != 0;
    if (condition.find() || inLiteral) {
      return Optional.empty();
    }
    int before = (int) sql.substring(0, start).chars().filter(c -> c == '?').count();
    int inside = (int) sql.substring(start, end).chars().filter(c -> c == '?').count();
    return Optional.of(new KeyCondition(start, end, join.group(1), before, inside));
  }
}
