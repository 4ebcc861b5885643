package cn.shequflow.escalation;

import java.sql.Timestamp;
import java.util.Date;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The archive of reports upward (escalation_record): one row per closed escalation. */
@Repository
class EscalationRecords {

  /** What is kept of a closed report: unit, dates, the answer, and who told the resident what and when. */
  record Closed(String processInstanceId, String caseNumber, Object firstResponder, Object unitName, Date reportedAt,
      Date replyDueAt, Date answeredAt, Object answer, Object residentTold, String residentToldBy, Date residentToldAt,
      Date closedAt) {}

  private final JdbcTemplate jdbc;

  EscalationRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void add(Closed c) {
    jdbc.update("""
        insert into escalation_record (process_instance_id, case_number, first_responder, unit_name, reported_at,
          reply_due_at, answered_at, answer, resident_told, resident_told_by, resident_told_at, closed_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        c.processInstanceId(), c.caseNumber(), c.firstResponder(), c.unitName(), timestamp(c.reportedAt()),
        timestamp(c.replyDueAt()), timestamp(c.answeredAt()), c.answer(), c.residentTold(), c.residentToldBy(),
        timestamp(c.residentToldAt()), timestamp(c.closedAt()));
  }

  private static Timestamp timestamp(Date date) {
    return date == null ? null : new Timestamp(date.getTime());
  }
}
