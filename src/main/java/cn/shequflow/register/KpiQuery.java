package cn.shequflow.register;

import cn.shequflow.homevisit.Coverage;
import cn.shequflow.organisation.Organisation;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The service figures (issue 14 item 2, the contract's {@code GET /api/kpi}) computed from the register on the cohort
 * of resident cases received in the period, as of now: every count as numerator and denominator, every rate (null
 * when its denominator is 0), the same by grid, worker, channel and category, and the visits' coverage.
 */
@Component
class KpiQuery {

  /** What each rate means, as the dashboard and the README say it. */
  static final Map<String, String> DEFINITIONS = definitions();

  /** One line of counts (key and name empty for the whole) and its rates. */
  record Figures(String key, String name, long received, long responded, long respondedOnTime, long closed,
      long closedOnTime, long overdueOpen, long ratings, long satisfied, long unsatisfied, long unsatisfiedRectified,
      Double responseRate, Double closeRate, Double onTimeRate, Double satisfactionRate, Double returnVisitRate,
      Double rectificationRate) {}

  /** The visits' coverage for the period's last month: households visited this year, special ones this month. */
  record VisitCoverage(long households, long visitedThisYear, Double yearRate, long specialHouseholds,
      long specialReachedThisMonth, Double monthRate) {}

  /** The answer of GET /api/kpi. */
  record Kpi(String from, String to, String scope, String asOf, Figures total, List<Figures> byGrid,
      List<Figures> byWorker, List<Figures> byChannel, List<Figures> byCategory, VisitCoverage visitCoverage,
      Map<String, String> definitions) {}

  private static final String COUNTS = "count(*), " + String.join(", ", Measures.MEASURES.values().stream().skip(1).limit(9) // the contract's counts, not the dashboard's lists
      .map(condition -> "sum(case when " + condition + " then 1 else 0 end)").toList());

  private final JdbcTemplate jdbc;
  private final RegisterQuery register;
  private final Organisation organisation;
  private final Coverage coverage;

  KpiQuery(JdbcTemplate jdbc, RegisterQuery register, Organisation organisation, Coverage coverage) {
    this.jdbc = jdbc;
    this.register = register;
    this.organisation = organisation;
    this.coverage = coverage;
  }

  /** The figures of the cases received from..to (this month when absent) that this viewer may see. */
  Kpi compute(RegisterQuery.Scope scope, Map<String, String> params) {
    LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), RegisterQuery.SHANGHAI);
    String from = blank(params.get("from")) ? today.withDayOfMonth(1).toString() : params.get("from");
    String to = blank(params.get("to")) ? today.withDayOfMonth(today.lengthOfMonth()).toString() : params.get("to");
    RegisterQuery.Filter filter = new RegisterQuery.Filter(null, from, to, params.get("grid"), params.get("worker"),
        null, params.get("category"), params.get("channel"), null, null, null);
    List<Object> whereArgs = new ArrayList<>();
    String where = register.where(scope, filter, whereArgs);
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    List<Object> args = new ArrayList<>(List.of(now, now)); // the overdue measure's "now", twice
    args.addAll(whereArgs);

    // one pass over the period's rows, grouped as finely as the breakdowns need; the counts are sums, so the whole
    // and each breakdown add the groups up (five queries, one per breakdown, read every row five times)
    Tally total = new Tally();
    Map<String, Tally> byGrid = new java.util.TreeMap<>(KEYS);
    Map<String, Tally> byWorker = new java.util.TreeMap<>(KEYS);
    Map<String, Tally> byChannel = new java.util.TreeMap<>(KEYS);
    Map<String, Tally> byCategory = new java.util.TreeMap<>(KEYS);
    jdbc.query("select grid, first_responder, channel, category, max(first_responder_name), max(category_name), "
        + COUNTS + " from case_register where " + where + " group by grid, first_responder, channel, category",
        (org.springframework.jdbc.core.RowCallbackHandler) rs -> {
          long[] counts = counts(rs, 7);
          total.add(counts, null);
          byGrid.computeIfAbsent(rs.getString(1), k -> new Tally()).add(counts, null);
          byWorker.computeIfAbsent(rs.getString(2), k -> new Tally()).add(counts, rs.getString(5));
          byChannel.computeIfAbsent(rs.getString(3), k -> new Tally()).add(counts, null);
          byCategory.computeIfAbsent(rs.getString(4), k -> new Tally()).add(counts, rs.getString(6));
        }, args.toArray());
    return new Kpi(from, to, scope.description(), RegisterQuery.instant(now), total.figures(null, null),
        figures(byGrid, organisation::groupName), figures(byWorker, null),
        figures(byChannel, RegisterQuery.CHANNEL_NAMES::get), figures(byCategory, null),
        visits(scope, LocalDate.parse(to)), DEFINITIONS);
  }

  /** The whole's figures of the cases received from..to (yyyy-MM-dd), for a month of the dashboard's trend. */
  Figures total(RegisterQuery.Scope scope, String from, String to) {
    List<Object> args = new ArrayList<>();
    String where = register.where(scope, new RegisterQuery.Filter(null, from, to, null, null, null, null, null, null,
        null, null), args);
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    args.add(0, now);
    args.add(0, now);
    return jdbc.queryForObject("select " + COUNTS + " from case_register where " + where, (rs, i) -> {
      Tally tally = new Tally();
      tally.add(counts(rs, 1), null);
      return tally.figures(null, null);
    }, args.toArray());
  }

  /** Keys in order, the rows without one (no grid, no worker) last, as on every database. */
  private static final java.util.Comparator<String> KEYS =
      java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder());

  /** The contract's counts in COUNTS' order: received, responded, respondedOnTime, … unsatisfiedRectified. */
  private static final int COUNT_COLUMNS = 10;

  /** The COUNTS columns of a result row, from the given column on. */
  private static long[] counts(java.sql.ResultSet rs, int first) throws java.sql.SQLException {
    long[] counts = new long[COUNT_COLUMNS];
    for (int c = 0; c < COUNT_COLUMNS; c++) {
      counts[c] = rs.getLong(first + c);
    }
    return counts;
  }

  /** The counts of some groups added up, and the name the rows give their key (the largest, as SQL's max). */
  private static final class Tally {
    final long[] counts = new long[COUNT_COLUMNS];
    String name;

    void add(long[] more, String rowName) {
      for (int c = 0; c < COUNT_COLUMNS; c++) {
        counts[c] += more[c];
      }
      if (rowName != null && (name == null || rowName.compareTo(name) > 0)) {
        name = rowName;
      }
    }

    Figures figures(String key, String shownName) {
      long received = counts[0];
      long respondedOnTime = counts[2];
      long closed = counts[3];
      long closedOnTime = counts[4];
      long ratings = counts[6];
      long satisfied = counts[7];
      long unsatisfied = counts[8];
      long rectified = counts[9];
      String named = shownName != null ? shownName : name;
      return new Figures(key == null ? "" : key, named == null ? (key == null ? "（未登记）" : key) : named, received,
          counts[1], respondedOnTime, closed, closedOnTime, counts[5], ratings, satisfied, unsatisfied, rectified,
          rate(respondedOnTime, received), rate(closed, received), rate(closedOnTime, closed),
          rate(satisfied, ratings), rate(ratings, closed), rate(rectified, unsatisfied));
    }
  }

  private static List<Figures> figures(Map<String, Tally> groups,
      java.util.function.Function<String, String> naming) {
    List<Figures> list = new ArrayList<>();
    groups.forEach((key, tally) -> list.add(tally.figures(key, naming != null && key != null
        ? naming.apply(key) : null)));
    return list;
  }

  private VisitCoverage visits(RegisterQuery.Scope scope, LocalDate to) {
    long households = 0;
    long visited = 0;
    long special = 0;
    long reached = 0;
    for (Coverage.GridCoverage grid : coverage.grids(YearMonth.from(to))) {
      if (scope.all() || scope.grids().contains(grid.grid())) {
        households += grid.households();
        visited += grid.visitedThisYear();
        special += grid.specialHouseholds();
        reached += grid.specialReachedThisMonth();
      }
    }
    return new VisitCoverage(households, visited, rate(visited, households), special, reached, rate(reached, special));
  }

  /** A share with four decimals (0.8571), null when there is nothing to share. */
  static Double rate(long part, long whole) {
    return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 10000.0;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static Map<String, String> definitions() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("received", "统计期内受理的居民事项（接待、代办、投诉与建议；走访和值班不计）");
    d.put("responseRate", "响应率 = 按时首次响应的事项 ÷ 受理的事项（首次响应：事项的第一个办理步骤完成，或事项办结）");
    d.put("closeRate", "办结率 = 已办结的事项 ÷ 受理的事项");
    d.put("onTimeRate", "按时办结率 = 按时办结的事项 ÷ 已办结的事项（期限：承诺日期，未承诺的按服务目录时限；"
        + "第一步即办结的，按第一步的期限）");
    d.put("satisfactionRate", "满意率 = 评为满意或基本满意的事项 ÷ 已评价的事项");
    d.put("returnVisitRate", "回访率 = 已评价的事项（居民评价卡或工作人员记录） ÷ 已办结的事项");
    d.put("rectificationRate", "差评整改率 = 不满意评价转成的投诉在时限内结案的 ÷ 不满意的评价");
    d.put("overdueOpen", "逾期未办结 = 仍在办理、当前期限（未响应的按首次响应期限）已过的事项，按现在计算；等待居民补正材料、办结期限暂停计时的不计");
    return java.util.Collections.unmodifiableMap(d);
  }
}
