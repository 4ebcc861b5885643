package cn.shequflow.duty;

import java.sql.Timestamp;
import java.util.Date;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The duty tables (R-4.3-2): duty_event, one row per emergency a duty worker recorded, and duty_log, one row per
 * shift once its handover was acknowledged.
 */
@Repository
class DutyRecords {

  private final JdbcTemplate jdbc;

  DutyRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * An emergency of a shift, as 值班记录 recorded it; shiftDate is yyyy-mm-dd, note null when none was given, occurredAt
   * when it happened as the worker entered it (the recording time is the 值班记录 task's end in history).
   */
  record Event(String processInstanceId, String shiftKey, String eventCaseNumber, String shiftDate, String shift,
      String worker, String kind, String kindName, String place, String actionTaken, String note, Date occurredAt) {}

  /** A finished shift for the duty log; shiftDate is yyyy-mm-dd. */
  record ShiftLog(String processInstanceId, String shiftKey, String shiftDate, String shift, String dutyWorker,
      String nextWorker, String events, int eventCount, boolean acknowledged, String acknowledgedBy,
      Date acknowledgedAt, String handoverNote, boolean supervised, Date archivedAt) {}

  void recordEvent(Event event) {
    jdbc.update("""
        insert into duty_event (process_instance_id, shift_key, event_case_number, shift_date, shift, worker, kind,
          kind_name, place, action_taken, note, occurred_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        event.processInstanceId(), event.shiftKey(), event.eventCaseNumber(), java.sql.Date.valueOf(event.shiftDate()),
        event.shift(), event.worker(), event.kind(), event.kindName(), event.place(), event.actionTaken(),
        event.note(), new Timestamp(event.occurredAt().getTime()));
  }

  void archive(ShiftLog log) {
    jdbc.update("""
        insert into duty_log (process_instance_id, shift_key, shift_date, shift, duty_worker, next_worker, events,
          event_count, acknowledged, acknowledged_by, acknowledged_at, handover_note, supervised, archived_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        log.processInstanceId(), log.shiftKey(), java.sql.Date.valueOf(log.shiftDate()), log.shift(),
        log.dutyWorker(), log.nextWorker(), log.events(), log.eventCount(), log.acknowledged(), log.acknowledgedBy(),
        new Timestamp(log.acknowledgedAt().getTime()), log.handoverNote(), log.supervised(),
        new Timestamp(log.archivedAt().getTime()));
  }

  /** A variable's value as text for a varchar column; null stays null. */
  static String string(Object value) {
    return value == null ? null : value.toString();
  }
}
