package cn.shequflow.escalation;

import java.sql.Timestamp;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Archives a report upward (R-4.2-4, R-3.1.1-3): unit, report and due dates, the answer and when it came, and who
 * told the resident what, when; dates are read from the task history (the step runs in its own transaction).
 */
@Component("archiveEscalationDelegate")
class ArchiveEscalationDelegate implements JavaDelegate {

  private final JdbcTemplate jdbc;
  private final HistoryService historyService;

  ArchiveEscalationDelegate(JdbcTemplate jdbc, HistoryService historyService) {
    this.jdbc = jdbc;
    this.historyService = historyService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    HistoricTaskInstance answer = lastFinished(execution, "Task_StreetOfficeAnswer", "Task_RecordDepartmentReply");
    HistoricTaskInstance feedback = lastFinished(execution, "Task_FeedbackToResident");
    Date closedAt = ClockUtil.getCurrentTime();
    jdbc.update("""
        insert into escalation_record (process_instance_id, case_number, first_responder, unit_name, reported_at,
          reply_due_at, answered_at, answer, resident_told, resident_told_by, resident_told_at, closed_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        execution.getProcessInstanceId(), execution.getProcessBusinessKey(), execution.getVariable("firstResponder"),
        execution.getVariable("unitName"), timestamp((Date) execution.getVariable("reportedAt")),
        timestamp((Date) execution.getVariable("unitReplyDueAt")), answer == null ? null : timestamp(answer.getEndTime()),
        execution.getVariable("escalationAnswer"), execution.getVariable("residentFeedback"),
        feedback == null ? null : feedback.getAssignee(), feedback == null ? null : timestamp(feedback.getEndTime()),
        timestamp(closedAt));
    if (answer != null) {
      execution.setVariable("escalationAnsweredAt", answer.getEndTime());
    }
  }

  private HistoricTaskInstance lastFinished(DelegateExecution execution, String... taskKeys) {
    List<HistoricTaskInstance> tasks = historyService.createHistoricTaskInstanceQuery()
        .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKeyIn(taskKeys).finished()
        .orderByHistoricTaskInstanceEndTime().desc().list();
    return tasks.isEmpty() ? null : tasks.get(0);
  }

  private static Timestamp timestamp(Date date) {
    return date == null ? null : new Timestamp(date.getTime());
  }
}
