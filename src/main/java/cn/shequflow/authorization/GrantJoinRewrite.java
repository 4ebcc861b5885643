package cn.shequflow.authorization;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the engine's grant join into EXISTS subqueries, one per resource id the grant may name.
 *
 * <p>With authorization on, Camunda 7 checks a query's rows by joining the user's grants:
 * {@code left join (SELECT A.* FROM ACT_RU_AUTHORIZATION A WHERE <whose grants>) AUTH ON (AUTH.RESOURCE_ID_ IN (RES.ID_,
 * D.KEY_, '*'))} and then keeping the rows with {@code AUTH.RESOURCE_ID_ IS NOT NULL}. A join on an {@code IN} of three
 * columns cannot be hashed: PostgreSQL compares every task with every grant of the user's grid (208 million pairs at
 * 15,000 tasks in a grid). The same condition written as {@code EXISTS (... AND A.RESOURCE_ID_ = RES.ID_) OR EXISTS
 * (... = D.KEY_) OR EXISTS (... = '*')} keeps exactly the same rows, and each EXISTS is hashed once per query (or probes
 * the index on RESOURCE_ID_), so the check costs one pass over the grants instead of one per task.
 *
 * <p>The rewrite works on the SQL MyBatis built and its list of parameter positions: the join's text and its parameters
 * move, unchanged, into the WHERE clause where the null test stood. A statement that does not have exactly that shape
 * (a second grant join, the revoke-checking form, grant columns used elsewhere) is left as the engine wrote it.
 */
final class GrantJoinRewrite {

  /** The alias of the grants inside each EXISTS; the engine's own alias "A" may be taken by the outer query. */
  static final String ALIAS = "SHEQU_GRANT";

  private static final Pattern JOIN_START = Pattern.compile(
      "(?i)\\b(left|inner)\\s+join\\s*\\(\\s*SELECT\\s+A\\.\\*\\s+FROM\\s+(\\S*ACT_RU_AUTHORIZATION)\\s+A\\s+WHERE\\s");
  private static final Pattern JOIN_ON = Pattern.compile("(?i)^\\s*AUTH\\s+ON\\s*\\(\\s*AUTH\\.RESOURCE_ID_\\s+IN\\s*\\(");
  private static final Pattern NULL_TEST = Pattern.compile("(?i)AUTH\\.RESOURCE_ID_\\s+IS\\s+NOT\\s+NULL");
  private static final Pattern OTHER_GRANT_USE = Pattern.compile("(?i)\\bAUTH\\d*\\.");
  private static final Pattern GRANT_ALIAS = Pattern.compile("\\bA\\.");

  /** The rewritten SQL and, for each of its placeholders in order, the index of the original parameter it binds. */
  record Result(String sql, List<Integer> parameterOrder) {
  }

  private GrantJoinRewrite() {
  }

  /** The rewrite of {@code sql}, or empty when the statement is not of the one shape this rewrite is proven for. */
  static Optional<Result> of(String sql) {
    Matcher start = JOIN_START.matcher(sql);
    if (!start.find()) {
      return Optional.empty();
    }
    int joinStart = start.start();
    int subqueryOpen = sql.indexOf('(', start.start());
    int subqueryClose = closing(sql, subqueryOpen);
    if (subqueryClose < 0) {
      return Optional.empty();
    }
    String grantsTable = start.group(2);
    String whoseGrants = sql.substring(start.end(), subqueryClose);

    Matcher on = JOIN_ON.matcher(sql.substring(subqueryClose + 1));
    if (!on.find()) {
      return Optional.empty();
    }
    int listOpen = subqueryClose + on.end();
    int listClose = closing(sql, listOpen);
    int onClose = listClose < 0 ? -1 : sql.indexOf(')', listClose + 1);
    if (onClose < 0 || !sql.substring(listClose + 1, onClose).isBlank()) {
      return Optional.empty();
    }
    List<String> resourceIds = split(sql.substring(listOpen + 1, listClose));
    if (resourceIds.stream().anyMatch(id -> id.contains("("))) {
      return Optional.empty();
    }
    int joinEnd = onClose + 1;

    String before = sql.substring(0, joinStart);
    String after = sql.substring(joinEnd);
    Matcher nullTest = NULL_TEST.matcher(after);
    if (!nullTest.find()) {
      return Optional.empty();
    }
    int testStart = nullTest.start();
    int testEnd = nullTest.end();
    if (nullTest.find() || OTHER_GRANT_USE.matcher(before).find()
        || OTHER_GRANT_USE.matcher(after.substring(0, testStart) + after.substring(testEnd)).find()
        || resourceIds.isEmpty() || whoseGrants.toUpperCase(Locale.ROOT).contains("AUTH")) {
      return Optional.empty();
    }

    // parameters: those before the join, the join's own (whose grants, then the resource ids), those after it
    int beforeCount = count(before);
    int whoseCount = count(whoseGrants);
    List<Integer> whose = range(beforeCount, whoseCount);
    int next = beforeCount + whoseCount;
    String condition = GRANT_ALIAS.matcher(whoseGrants).replaceAll(ALIAS + ".");

    // the constant ids ('*', a parameter) first: PostgreSQL evaluates them once, and they decide most rows of a manager
    List<String> ordered = new ArrayList<>();
    List<List<Integer>> orderedParameters = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    List<List<Integer>> columnParameters = new ArrayList<>();
    for (String id : resourceIds) {
      int placeholders = count(id);
      List<Integer> own = range(next, placeholders);
      next += placeholders;
      boolean constant = !id.contains(".");
      (constant ? ordered : columns).add(id);
      (constant ? orderedParameters : columnParameters).add(own);
    }
    ordered.addAll(columns);
    orderedParameters.addAll(columnParameters);

    StringBuilder exists = new StringBuilder("(");
    List<Integer> existsParameters = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      if (i > 0) {
        exists.append(" OR ");
      }
      exists.append("EXISTS (SELECT 1 FROM ").append(grantsTable).append(' ').append(ALIAS).append(" WHERE ")
          .append(condition).append(" AND ").append(ALIAS).append(".RESOURCE_ID_ = ").append(ordered.get(i)).append(')');
      existsParameters.addAll(whose);
      existsParameters.addAll(orderedParameters.get(i));
    }
    exists.append(')');

    String between = after.substring(0, testStart);
    int betweenCount = count(between);
    List<Integer> order = new ArrayList<>(range(0, beforeCount));
    order.addAll(range(next, betweenCount));
    order.addAll(existsParameters);
    int rest = count(after.substring(testEnd));
    order.addAll(range(next + betweenCount, rest));
    return Optional.of(new Result(before + between + exists + after.substring(testEnd), List.copyOf(order)));
  }

  /** The index of the parenthesis closing the one at {@code open}, or -1. The engine's SQL has no quoted parentheses. */
  static int closing(String sql, int open) {
    if (open < 0 || sql.charAt(open) != '(') {
      return -1;
    }
    int depth = 0;
    for (int i = open; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> split(String list) {
    List<String> items = new ArrayList<>();
    for (String item : list.split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return items;
  }

  private static int count(String sql) {
    int placeholders = 0;
    for (int i = 0; i < sql.length(); i++) {
      if (sql.charAt(i) == '?') {
        placeholders++;
      }
    }
    return placeholders;
  }

  private static List<Integer> range(int from, int count) {
    List<Integer> indexes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      indexes.add(from + i);
    }
    return indexes;
  }
}
