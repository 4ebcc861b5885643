package cn.shequflow.homevisit;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Visit coverage (R-3.1.2-1, R-3.1.2-2): per grid the share of households visited this year and of special
 * households reached this month, per worker the households they visited, and who has not been reached yet.
 */
@Service
public class Coverage {

  private final JdbcTemplate jdbc;
  private final ZoneId zone;

  Coverage(JdbcTemplate jdbc, cn.shequflow.calendar.WorkingDayCalendar workingDays) {
    this.jdbc = jdbc;
    this.zone = workingDays.zone();
  }

  /** One grid's numbers; shares in percent with one decimal. */
  public record GridCoverage(String grid, long households, long visitedThisYear, double yearShare,
      long specialHouseholds, long specialReachedThisMonth, double monthShare) {}

  /** Households a worker visited this year. */
  public record WorkerCoverage(String worker, String grid, long householdsVisited) {}

  /** A household not yet reached in the period. */
  public record Unreached(long householdId, String householdNo, String address, String specialTypes) {}

  public List<GridCoverage> grids(YearMonth month) {
    Timestamp[] year = bounds(YearMonth.of(month.getYear(), 1), YearMonth.of(month.getYear(), 12));
    Timestamp[] inMonth = bounds(month, month);
    return jdbc.query("""
        select h.grid, count(*) households,
          sum(case when exists (select 1 from visit_record v where v.household_id = h.id and v.outcome = 'visited'
            and v.visited_at >= ? and v.visited_at < ?) then 1 else 0 end) visited_year,
          sum(case when h.special_types <> '' then 1 else 0 end) special,
          sum(case when h.special_types <> '' and exists (select 1 from visit_record v where v.household_id = h.id
            and v.outcome = 'visited' and v.visited_at >= ? and v.visited_at < ?) then 1 else 0 end) special_month
        from household h group by h.grid order by h.grid""",
        (rs, i) -> new GridCoverage(rs.getString(1), rs.getLong(2), rs.getLong(3), share(rs.getLong(3), rs.getLong(2)),
            rs.getLong(4), rs.getLong(5), share(rs.getLong(5), rs.getLong(4))),
        year[0], year[1], inMonth[0], inMonth[1]);
  }

  public List<WorkerCoverage> workers(int year) {
    Timestamp[] bounds = bounds(YearMonth.of(year, 1), YearMonth.of(year, 12));
    return jdbc.query("""
        select worker, grid, count(distinct household_id) from visit_record
        where outcome = 'visited' and visited_at >= ? and visited_at < ? group by worker, grid order by grid, worker""",
        (rs, i) -> new WorkerCoverage(rs.getString(1), rs.getString(2), rs.getLong(3)), bounds[0], bounds[1]);
  }

  /** annual: households of the grid not visited this year; monthly: special households not reached this month. */
  public List<Unreached> unreached(String grid, YearMonth month, boolean monthly, int limit) {
    Timestamp[] bounds = monthly ? bounds(month, month)
        : bounds(YearMonth.of(month.getYear(), 1), YearMonth.of(month.getYear(), 12));
    return jdbc.query("select h.id, h.household_no, h.address, h.special_types from household h where h.grid = ?"
        + (monthly ? " and h.special_types <> ''" : "")
        + " and not exists (select 1 from visit_record v where v.household_id = h.id and v.outcome = 'visited'"
        + " and v.visited_at >= ? and v.visited_at < ?) order by h.household_no limit ?",
        (rs, i) -> new Unreached(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)),
        grid, bounds[0], bounds[1], limit);
  }

  private Timestamp[] bounds(YearMonth from, YearMonth to) {
    LocalDate start = from.atDay(1);
    LocalDate end = to.atEndOfMonth().plusDays(1);
    return new Timestamp[] {Timestamp.from(start.atStartOfDay(zone).toInstant()),
        Timestamp.from(end.atStartOfDay(zone).toInstant())};
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0 : Math.round(part * 1000.0 / whole) / 10.0;
  }
}
