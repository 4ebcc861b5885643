package cn.shequflow.authorization;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the task query's join of candidate groups into an EXISTS subquery, and drops the DISTINCT the join needed.
 *
 * <p>For a filter on candidate groups (本网格待办: the tasks of the grid's group) Camunda 7 writes {@code select distinct
 * RES.* from ACT_RU_TASK RES left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_ ... where (I.TYPE_ = ? and
 * I.GROUP_ID_ IN (...)) order by RES.DUE_DATE_ LIMIT 15}. The DISTINCT forces PostgreSQL to build and sort every task
 * of the grid (15,000) before it can hand out one page. Written as {@code EXISTS (SELECT 1 FROM ACT_RU_IDENTITYLINK I
 * WHERE I.TASK_ID_ = RES.ID_ AND <the same condition>)} each task is kept at most once, so when no other join can
 * repeat a task (only the process definition, one per task, is joined) the DISTINCT goes, and the planner walks the
 * index on the sort column and stops after one page.
 *
 * <p>No placeholder moves (the condition stays where it stood), so the parameters bind unchanged. A statement in which
 * the identity link is used anywhere else, or the condition appears twice (an or-query), is left as it was.
 */
final class CandidateGroupRewrite {

  private static final Pattern JOIN = Pattern.compile(
      "(?i)\\b(left|inner)\\s+join\\s+(\\S*ACT_RU_IDENTITYLINK)\\s+I\\s+on\\s+I\\.TASK_ID_\\s*=\\s*RES\\.ID_(?![\\w.])");
  private static final Pattern CONDITION = Pattern.compile("(?i)\\(\\s*I\\.TYPE_\\s*=");
  private static final Pattern LINK_USE = Pattern.compile("(?i)(?<![\\w.])I\\.");
  private static final Pattern TASKS = Pattern.compile("(?i)\\bfrom\\s+\\S*ACT_RU_TASK\\s+RES\\b");
  private static final Pattern WHERE = Pattern.compile("(?i)\\bWHERE\\b");
  /** The only join that may remain for the DISTINCT to go: the task's process definition, at most one per task. */
  private static final Pattern DEFINITION_ONLY = Pattern.compile(
      "(?i)\\s*(left\\s+join\\s+\\S*ACT_RE_PROCDEF\\s+D\\s+on\\s+RES\\.PROC_DEF_ID_\\s*=\\s*D\\.ID_\\s*)?");
  private static final Pattern DISTINCT = Pattern.compile("(?i)\\bselect\\s+distinct\\b");

  private CandidateGroupRewrite() {
  }

  /** The rewritten SQL (same placeholders in the same order), or empty when {@code sql} is not of the proven shape. */
  static Optional<String> of(String sql) {
    Matcher join = JOIN.matcher(sql);
    if (!join.find()) {
      return Optional.empty();
    }
    String table = join.group(2);
    int joinStart = join.start();
    int joinEnd = join.end();
    if (join.find()) {
      return Optional.empty();
    }
    String rest = sql.substring(0, joinStart) + sql.substring(joinEnd);
    Matcher condition = CONDITION.matcher(rest);
    if (!condition.find()) {
      return Optional.empty();
    }
    int open = condition.start();
    int close = GrantJoinRewrite.closing(rest, open);
    if (close < 0 || condition.find()) {
      return Optional.empty();
    }
    String inner = rest.substring(open, close + 1);
    if (LINK_USE.matcher(rest.substring(0, open)).find() || LINK_USE.matcher(rest.substring(close + 1)).find()) {
      return Optional.empty();
    }
    String rewritten = rest.substring(0, open) + "EXISTS (SELECT 1 FROM " + table + " I WHERE I.TASK_ID_ = RES.ID_ AND "
        + inner + ")" + rest.substring(close + 1);
    return Optional.of(withoutDistinct(rewritten));
  }

  /** Drops the DISTINCT of the outermost task select when nothing but the process definition is joined to the tasks. */
  static String withoutDistinct(String sql) {
    Matcher tasks = TASKS.matcher(sql);
    if (!tasks.find()) {
      return sql;
    }
    Matcher where = WHERE.matcher(sql);
    if (!where.find(tasks.end()) || !DEFINITION_ONLY.matcher(sql.substring(tasks.end(), where.start())).matches()) {
      return sql;
    }
    String head = sql.substring(0, tasks.start());
    Matcher distinct = DISTINCT.matcher(head);
    if (!distinct.find()) {
      return sql;
    }
    int start = distinct.start();
    int end = distinct.end();
    if (distinct.find()) {
      return sql;
    }
    return head.substring(0, start) + "select" + head.substring(end) + sql.substring(tasks.start());
  }
}
