package cn.shequflow.casefile;

import java.sql.Timestamp;
import java.util.Date;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The archive of closed cases (case_record, R-3.1.1-1 "record"): one row per case with its outcome. */
@Repository
class CaseRecords {

  /** A closed case: outcome is the end event's id, outcomeLabel its Chinese name. */
  record Closed(String caseNumber, String processKey, String processInstanceId, Object category, Object categoryName,
      Object channel, Object firstResponder, Object grid, Date receivedAt, Date closedAt, String outcome,
      String outcomeLabel) {}

  private final JdbcTemplate jdbc;

  CaseRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void add(Closed c) {
    jdbc.update("""
        insert into case_record (case_number, process_key, process_instance_id, category, category_name, channel,
          first_responder, grid, received_at, closed_at, outcome, outcome_label)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        c.caseNumber(), c.processKey(), c.processInstanceId(), c.category(), c.categoryName(), c.channel(),
        c.firstResponder(), c.grid(), c.receivedAt() == null ? null : new Timestamp(c.receivedAt().getTime()),
        new Timestamp(c.closedAt().getTime()), c.outcome(), c.outcomeLabel());
  }
}
