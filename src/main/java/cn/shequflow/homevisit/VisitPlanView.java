package cn.shequflow.homevisit;

import cn.shequflow.casefile.CaseNumbers;
import cn.shequflow.household.SpecialTypes;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A month's visit plan as the staff page shows it: what the plan run for that month covers — the special households'
 * visits of the month and every other household's visit of the year (R-3.1.2-1, R-3.1.2-2) — counted per grid and
 * listed a page at a time with each visit's step and holder. Reads visit_plan, visit_record and the open tasks.
 */
@Component
class VisitPlanView {

  static final String MONTHLY = "monthly";
  static final String ANNUAL = "annual";

  private final JdbcTemplate jdbc;
  private final TaskService taskService;

  VisitPlanView(JdbcTemplate jdbc, TaskService taskService) {
    this.jdbc = jdbc;
    this.taskService = taskService;
  }

  /** A grid's counts: households in the registry, not yet in the plan, planned and visited of each kind, overdue. */
  record GridCounts(String grid, long households, long unplanned, long monthlyPlanned, long monthlyVisited,
      long annualPlanned, long annualVisited, long overdue) {}

  /** One planned visit, with the worker who visited or the open task's step and assignee (null when unclaimed). */
  record PlannedVisit(String visitNumber, long householdId, String householdNo, String address, String grid,
      String kind, String specialTypes, Date dueAt, String processInstanceId, String visitedBy, Date visitedAt,
      String step, String assignee, boolean overdue) {

    boolean visited() {
      return visitedBy != null;
    }
  }

  /** The planned visits of the month: one page of them, and how many there are. */
  record Page(List<PlannedVisit> visits, long total) {}

  /** Per grid (only the given grid when not null), in grid order. */
  List<GridCounts> counts(YearMonth month, String grid) {
    String[] periods = periods(month);
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    List<Object> args = new ArrayList<>(List.of(periods[0], periods[1]));
    if (grid != null) {
      args.add(grid);
    }
    Map<String, long[]> registry = jdbc.query("select h.grid, count(*), sum(case when exists (select 1 from visit_plan p"
        + " where p.household_id = h.id and p.period in (?, ?)) then 0 else 1 end) from household h"
        + (grid == null ? "" : " where h.grid = ?") + " group by h.grid",
        (rs, i) -> Map.entry(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)}), args.toArray())
        .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    List<Object> planArgs = new ArrayList<>(List.of(now, periods[0], periods[1]));
    if (grid != null) {
      planArgs.add(grid);
    }
    // grid → [monthly planned, monthly visited, annual planned, annual visited, overdue]
    Map<String, long[]> plan = new java.util.TreeMap<>();
    jdbc.query("select h.grid, p.visit_kind, count(*), sum(case when " + VISITED + " then 1 else 0 end),"
        + " sum(case when p.due_at < ? and not " + VISITED + " then 1 else 0 end)"
        + " from visit_plan p join household h on h.id = p.household_id where p.period in (?, ?)"
        + (grid == null ? "" : " and h.grid = ?") + " group by h.grid, p.visit_kind", rs -> {
          long[] numbers = plan.computeIfAbsent(rs.getString(1), g -> new long[5]);
          int offset = MONTHLY.equals(rs.getString(2)) ? 0 : 2;
          numbers[offset] += rs.getLong(3);
          numbers[offset + 1] += rs.getLong(4);
          numbers[4] += rs.getLong(5);
        }, planArgs.toArray());
    java.util.TreeSet<String> grids = new java.util.TreeSet<>(registry.keySet());
    grids.addAll(plan.keySet());
    return grids.stream().map(g -> {
      long[] r = registry.getOrDefault(g, new long[2]);
      long[] p = plan.getOrDefault(g, new long[5]);
      return new GridCounts(g, r[0], r[1], p[0], p[1], p[2], p[3], p[4]);
    }).toList();
  }

  /** One page of the month's planned visits, by grid, monthly before annual, household number. */
  Page page(YearMonth month, String grid, String kind, int offset, int limit) {
    String[] periods = periods(month);
    StringBuilder where = new StringBuilder(" from visit_plan p join household h on h.id = p.household_id"
        + " where p.period in (?, ?)");
    List<Object> args = new ArrayList<>(List.of(periods[0], periods[1]));
    if (grid != null) {
      where.append(" and h.grid = ?");
      args.add(grid);
    }
    if (kind != null) {
      where.append(" and p.visit_kind = ?");
      args.add(kind);
    }
    Long total = jdbc.queryForObject("select count(*)" + where, Long.class, args.toArray());
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(limit);
    pageArgs.add(offset);
    Date now = ClockUtil.getCurrentTime();
    List<PlannedVisit> rows = jdbc.query("select p.household_id, h.household_no, h.address, h.grid, h.special_types,"
        + " p.period, p.visit_kind, p.due_at, p.process_instance_id,"
        + " (select min(v.worker) from visit_record v where " + SAME_VISIT + "),"
        + " (select max(v.visited_at) from visit_record v where " + SAME_VISIT + ")"
        + where + " order by h.grid, p.visit_kind desc, h.household_no limit ? offset ?",
        (rs, i) -> {
          Date due = rs.getTimestamp(8);
          String visitedBy = rs.getString(10);
          return new PlannedVisit(CaseNumbers.homeVisit(rs.getString(2), rs.getString(6)), rs.getLong(1),
              rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(7), labels(rs.getString(5)), due,
              rs.getString(9), visitedBy, rs.getTimestamp(11), null, null,
              visitedBy == null && due != null && due.before(now));
        }, pageArgs.toArray());
    return new Page(withTasks(rows), total == null ? 0 : total);
  }

  /** The open visits with their current step and assignee, in one task query for the page. */
  private List<PlannedVisit> withTasks(List<PlannedVisit> rows) {
    String[] open = rows.stream().filter(v -> !v.visited() && v.processInstanceId() != null)
        .map(PlannedVisit::processInstanceId).toArray(String[]::new);
    if (open.length == 0) {
      return rows;
    }
    Map<String, Task> tasks = taskService.createTaskQuery().processInstanceIdIn(open).list().stream()
        .collect(Collectors.toMap(Task::getProcessInstanceId, Function.identity(), (a, b) -> a));
    return rows.stream().map(v -> {
      Task task = v.processInstanceId() == null ? null : tasks.get(v.processInstanceId());
      return task == null || v.visited() ? v : new PlannedVisit(v.visitNumber(), v.householdId(), v.householdNo(),
          v.address(), v.grid(), v.kind(), v.specialTypes(), v.dueAt(), v.processInstanceId(), null, null,
          task.getName(), task.getAssignee(), v.overdue());
    }).toList();
  }

  private static final String SAME_VISIT = "v.household_id = p.household_id and v.period = p.period"
      + " and v.outcome = 'visited'";
  private static final String VISITED = "exists (select 1 from visit_record v where " + SAME_VISIT + ")";

  /** What the plan run of a month covers: the month (special households) and its year (everyone else). */
  private static String[] periods(YearMonth month) {
    return new String[] {month.toString(), String.valueOf(month.getYear())};
  }

  private static String labels(String codes) {
    if (codes == null || codes.isBlank()) {
      return "";
    }
    return Arrays.stream(codes.split(",")).map(String::trim).filter(c -> !c.isEmpty()).map(SpecialTypes::label)
        .collect(Collectors.joining("、"));
  }
}
