package cn.shequflow.escalation;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Archives a report upward (R-4.2-4, R-3.1.1-3): unit, report and due dates, the answer and when it came, and who
 * told the resident what, when; dates are read from the task history (the step runs in its own transaction).
 */
@Component("archiveEscalationDelegate")
class ArchiveEscalationDelegate implements JavaDelegate {

  private final EscalationRecords records;
  private final HistoryService historyService;

  ArchiveEscalationDelegate(EscalationRecords records, HistoryService historyService) {
    this.records = records;
    this.historyService = historyService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    HistoricTaskInstance answer = lastFinished(execution, "Task_StreetOfficeAnswer", "Task_RecordDepartmentReply");
    HistoricTaskInstance feedback = lastFinished(execution, "Task_FeedbackToResident");
    Date closedAt = ClockUtil.getCurrentTime();
    records.add(new EscalationRecords.Closed(execution.getProcessInstanceId(), execution.getProcessBusinessKey(),
        execution.getVariable("firstResponder"), execution.getVariable("unitName"),
        (Date) execution.getVariable("reportedAt"), (Date) execution.getVariable("unitReplyDueAt"),
        answer == null ? null : answer.getEndTime(), execution.getVariable("escalationAnswer"),
        execution.getVariable("residentFeedback"), feedback == null ? null : feedback.getAssignee(),
        feedback == null ? null : feedback.getEndTime(), closedAt));
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
}
