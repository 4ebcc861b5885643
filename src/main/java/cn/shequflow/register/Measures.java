package cn.shequflow.register;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contract's counts as conditions on a register row, in the contract's order: the KPIs count the rows that meet
 * each one, and the register lists them ({@code measure=}), so every figure on the dashboard opens the very rows
 * behind it. The overdue condition takes the current time twice as arguments.
 */
final class Measures {

  static final String ON_TIME_RESPONSE =
      "first_response_at is not null and (first_response_due_at is null or first_response_at <= first_response_due_at)";
  /** A case closed at its first step is on time when that step was; else by its finishing deadline. */
  static final String ON_TIME_CLOSE = "status = 'closed' and ((step_count <= 1 and (" + ON_TIME_RESPONSE
      + ")) or (step_count > 1 and (due_at is null or closed_at <= due_at)))";
  /**
   * Still open and its current deadline (the first response's until done, then the finishing one) has passed; a case
   * whose finishing deadline is paused (waiting for the resident's materials, issue 15 item 4) is not overdue.
   */
  static final String OVERDUE_OPEN = "status = 'open' and ((first_response_at is null "
      + "and first_response_due_at < ?) or (first_response_at is not null and paused_since is null and due_at < ?))";
  static final String RECTIFIED = "rating = 'dissatisfied' and exists (select 1 from case_register c "
      + "where c.case_number = case_register.rating_complaint and c.status = 'closed' "
      + "and (c.due_at is null or c.closed_at <= c.due_at))";

  /** The dashboard's lists, beyond the contract's counts: open cases whose current deadline falls in the next 7 days, and open cases the street office holds. */
  static final String DUE_THIS_WEEK = "status = 'open' and ((first_response_at is null and first_response_due_at >= ? "
      + "and first_response_due_at < ?) or (first_response_at is not null and due_at >= ? and due_at < ?))";
  static final String AT_STREET_OFFICE = "status = 'open' and holder = 'street-office'";

  /** measure name → condition; received is every row of the cohort. */
  static final Map<String, String> MEASURES = measures();

  /** The Chinese name of each measure, as the register's page says what it lists. */
  static final Map<String, String> NAMES = Map.ofEntries(
      Map.entry("received", "受理的事项"),
      Map.entry("responded", "已首次响应"),
      Map.entry("respondedOnTime", "按时首次响应"),
      Map.entry("closed", "已办结"),
      Map.entry("closedOnTime", "按时办结"),
      Map.entry("overdueOpen", "逾期未办结"),
      Map.entry("ratings", "已评价"),
      Map.entry("satisfied", "满意或基本满意"),
      Map.entry("unsatisfied", "不满意"),
      Map.entry("unsatisfiedRectified", "不满意已按时整改"),
      Map.entry("dueThisWeek", "7天内到期"),
      Map.entry("atStreetOffice", "在街道办理"));

  /** The arguments a measure's condition takes at this moment. */
  static java.util.List<Object> arguments(String measure, java.sql.Timestamp now) {
    if ("overdueOpen".equals(measure)) {
      return java.util.List.of(now, now);
    }
    if ("dueThisWeek".equals(measure)) {
      java.sql.Timestamp week = new java.sql.Timestamp(now.getTime() + java.time.Duration.ofDays(7).toMillis());
      return java.util.List.of(now, week, now, week);
    }
    return java.util.List.of();
  }

  private Measures() {}

  private static Map<String, String> measures() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("received", "1 = 1");
    m.put("responded", "first_response_at is not null");
    m.put("respondedOnTime", ON_TIME_RESPONSE);
    m.put("closed", "status = 'closed'");
    m.put("closedOnTime", ON_TIME_CLOSE);
    m.put("overdueOpen", OVERDUE_OPEN);
    m.put("ratings", "rating is not null");
    m.put("satisfied", "rating in ('satisfied', 'basicallySatisfied')");
    m.put("unsatisfied", "rating = 'dissatisfied'");
    m.put("unsatisfiedRectified", RECTIFIED);
    m.put("dueThisWeek", DUE_THIS_WEEK);
    m.put("atStreetOffice", AT_STREET_OFFICE);
    return java.util.Collections.unmodifiableMap(m);
  }
}
