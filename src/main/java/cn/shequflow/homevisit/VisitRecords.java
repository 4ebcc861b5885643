package cn.shequflow.homevisit;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The visit tables: visit_plan (one planned visit per household and period, R-3.1.2-1/2), visit_record (every
 * attempt, for coverage and the archive, R-3.1.2-5/9) and visit_note (a key family's demands, problems and opinions,
 * R-3.1.2-7). Coverage reads visit_record with its own queries ({@link Coverage}).
 */
@Repository
class VisitRecords {

  private final JdbcTemplate jdbc;

  VisitRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A visit attempt: outcome visited, refused or nobodyHome; policies holds what was promoted or the note. */
  record Attempt(long householdId, String grid, String period, String visitKind, String outcome, String worker,
      Date visitedAt, String policies, String processInstanceId) {}

  /** The household/period pairs of the given households that already have a planned visit, as "id/period". */
  Set<String> plannedOf(List<Long> householdIds) {
    if (householdIds.isEmpty()) {
      return Set.of();
    }
    String placeholders = String.join(",", Collections.nCopies(householdIds.size(), "?"));
    return jdbc.queryForList("select household_id || '/' || period from visit_plan where household_id in ("
        + placeholders + ")", String.class, new ArrayList<Object>(householdIds).toArray()).stream()
        .collect(Collectors.toSet());
  }

  void plan(long householdId, String period, String visitKind, Date dueAt, String processInstanceId, Date createdAt) {
    jdbc.update("insert into visit_plan (household_id, period, visit_kind, due_at, process_instance_id, created_at) "
        + "values (?, ?, ?, ?, ?, ?)", householdId, period, visitKind, new Timestamp(dueAt.getTime()),
        processInstanceId, new Timestamp(createdAt.getTime()));
  }

  void record(Attempt attempt) {
    jdbc.update("insert into visit_record (household_id, grid, period, visit_kind, outcome, worker, visited_at, "
        + "policies, process_instance_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        attempt.householdId(), attempt.grid(), attempt.period(), attempt.visitKind(), attempt.outcome(),
        attempt.worker(), new Timestamp(attempt.visitedAt().getTime()), attempt.policies(),
        attempt.processInstanceId());
  }

  /** A key family's demands, problems and opinions (R-3.1.2-7); each may be null. */
  void note(long householdId, String processInstanceId, String demands, String problems, String opinions,
      String recordedBy, Date recordedAt) {
    jdbc.update("insert into visit_note (household_id, process_instance_id, demands, problems, opinions, recorded_by, "
        + "recorded_at) values (?, ?, ?, ?, ?, ?, ?)", householdId, processInstanceId, demands, problems, opinions,
        recordedBy, new Timestamp(recordedAt.getTime()));
  }
}
