package cn.shequflow.deadline;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.casefile.CaseHistory;
import cn.shequflow.organisation.Organisation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The pauses and extensions of cases' deadlines (table case_deadline_change, V41) and their totals in the case
 * register (case_register.paused_since, paused_working_days, extension_working_days, due_at), written in the
 * engine's transaction; read back as entries of the case history.
 */
@Repository
class DeadlineChanges implements CaseHistory.Entries {

  static final int REASON_MAX = 500;

  private final JdbcTemplate jdbc;
  private final WorkingDayCalendar workingDays;
  private final Organisation organisation;

  DeadlineChanges(JdbcTemplate jdbc, WorkingDayCalendar workingDays, Organisation organisation) {
    this.jdbc = jdbc;
    this.workingDays = workingDays;
    this.organisation = organisation;
  }

  void paused(String caseNumber, String processInstanceId, List<String> deadlines, Date oldDue, Date at) {
    jdbc.update("insert into case_deadline_change (case_number, process_instance_id, kind, status, deadlines, "
        + "old_due_at, started_at) values (?, ?, 'pause', 'paused', ?, ?, ?)", caseNumber, processInstanceId,
        String.join(",", deadlines), ts(oldDue), ts(at));
    jdbc.update("update case_register set paused_since = ?, updated_at = ? where case_number = ?", ts(at), ts(at),
        caseNumber);
  }

  /** The open pause ends: resumed (materials arrived, newDue set) or ended (the wait ran out, nothing moved). */
  void pauseEnded(String caseNumber, boolean resumed, Date newDue, long pausedWorkingDays, Date at) {
    jdbc.update("update case_deadline_change set status = ?, new_due_at = ?, working_days = ?, ended_at = ? "
        + "where case_number = ? and kind = 'pause' and status = 'paused'", resumed ? "resumed" : "ended", ts(newDue),
        pausedWorkingDays, ts(at), caseNumber);
    jdbc.update("update case_register set paused_since = null, paused_working_days = paused_working_days + ?, "
        + "updated_at = ? where case_number = ?", pausedWorkingDays, ts(at), caseNumber);
  }

  boolean extensionPending(String caseNumber) {
    return !jdbc.queryForList("select 1 from case_deadline_change where case_number = ? and kind = 'extension' "
        + "and status = 'requested'", caseNumber).isEmpty();
  }

  void extensionRequested(String caseNumber, String processInstanceId, List<String> deadlines, int workingDaysAsked,
      String reason, String user, Date at) {
    jdbc.update("insert into case_deadline_change (case_number, process_instance_id, kind, status, deadlines, "
        + "working_days, reason, requested_by, started_at) values (?, ?, 'extension', 'requested', ?, ?, ?, ?, ?)",
        caseNumber, processInstanceId, String.join(",", deadlines), workingDaysAsked, reason, user, ts(at));
  }

  void extensionDecided(String caseNumber, boolean approved, String manager, Date at) {
    jdbc.update("update case_deadline_change set status = ?, decided_by = ?, ended_at = ? where case_number = ? "
        + "and kind = 'extension' and status = 'requested'", approved ? "approved" : "refused", manager, ts(at),
        caseNumber);
  }

  /** The approved extension's deadlines moved: the latest approved row gets them, the register its total. */
  void extensionApplied(String caseNumber, Date oldDue, Date newDue, int workingDaysGranted, Date at) {
    jdbc.update("update case_deadline_change set old_due_at = ?, new_due_at = ? where id = (select max(id) from "
        + "case_deadline_change where case_number = ? and kind = 'extension' and status = 'approved')",
        ts(oldDue), ts(newDue), caseNumber);
    jdbc.update("update case_register set extension_working_days = extension_working_days + ?, updated_at = ? "
        + "where case_number = ?", workingDaysGranted, ts(at), caseNumber);
  }

  /** The register shows the moved deadline where it showed the old one (its finishing deadline). */
  void registerDueMoved(String caseNumber, Date oldDue, Date newDue) {
    jdbc.update("update case_register set due_at = ? where case_number = ? and due_at = ?", ts(newDue), caseNumber,
        ts(oldDue));
  }

  @Override
  public List<CaseHistory.Entry> of(String caseNumber) {
    return jdbc.query("select * from case_deadline_change where case_number = ? order by started_at, id",
        this::entry, caseNumber);
  }

  private CaseHistory.Entry entry(ResultSet rs, int row) throws SQLException {
    boolean pause = "pause".equals(rs.getString("kind"));
    String status = rs.getString("status");
    Date started = rs.getTimestamp("started_at");
    Date ended = rs.getTimestamp("ended_at");
    Map<String, String> shown = new LinkedHashMap<>();
    Date oldDue = rs.getTimestamp("old_due_at");
    Date newDue = rs.getTimestamp("new_due_at");
    if (oldDue != null) {
      shown.put("原期限", workingDays.text(oldDue));
    }
    if (newDue != null) {
      shown.put("新期限", workingDays.text(newDue));
    }
    String name;
    String holder;
    String state;
    if (pause) {
      name = "暂停计时：等待居民补正材料";
      holder = "系统";
      if (rs.getObject("working_days") != null) {
        shown.put("暂停工作日", rs.getInt("working_days") + " 个");
      }
      state = switch (status) {
        case "resumed" -> "材料已补齐，恢复计时";
        case "ended" -> "未补齐材料，等待结束";
        default -> "暂停中";
      };
    } else {
      name = "申请延期 " + rs.getInt("working_days") + " 个工作日";
      holder = organisation.displayName(rs.getString("requested_by"));
      shown.put("延期理由", rs.getString("reason"));
      if (rs.getString("decided_by") != null) {
        shown.put("审批人", organisation.displayName(rs.getString("decided_by")));
      }
      state = switch (status) {
        case "approved" -> "已批准";
        case "refused" -> "不批准";
        default -> "待审批";
      };
    }
    return new CaseHistory.Entry(started, new CaseHistory.Step(workingDays.text(started),
        ended == null ? null : workingDays.text(ended), "期限", name, holder, state, shown));
  }

  private static Timestamp ts(Date date) {
    return date == null ? null : new Timestamp(date.getTime());
  }
}
