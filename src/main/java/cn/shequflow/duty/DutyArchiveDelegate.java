package cn.shequflow.duty;

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
 * Archives the shift in duty_log (R-4.3-2): shift, worker, next worker, the shift's events and notes, who
 * acknowledged the handover and when, and whether the managers had to chase it. Modelled asyncBefore, so it runs in
 * a new transaction and reads the finished handover task from history.
 */
@Component("dutyArchiveDelegate")
class DutyArchiveDelegate implements JavaDelegate {

  private final JdbcTemplate jdbc;
  private final HistoryService historyService;

  DutyArchiveDelegate(JdbcTemplate jdbc, HistoryService historyService) {
    this.jdbc = jdbc;
    this.historyService = historyService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<HistoricTaskInstance> handovers = historyService.createHistoricTaskInstanceQuery()
        .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey("Task_Handover").finished()
        .orderByHistoricTaskInstanceEndTime().desc().list();
    HistoricTaskInstance handover = handovers.isEmpty() ? null : handovers.get(0);
    boolean supervised = historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(execution.getProcessInstanceId()).activityId("BoundaryEvent_HandoverOverdue").count() > 0;
    Date acknowledgedAt = handover == null ? ClockUtil.getCurrentTime() : handover.getEndTime();
    String acknowledgedBy = handover == null || handover.getAssignee() == null
        ? (String) execution.getVariable("nextWorker") : handover.getAssignee();
    Object count = execution.getVariable("eventCount");
    jdbc.update("""
        insert into duty_log (process_instance_id, shift_key, shift_date, shift, duty_worker, next_worker, events,
          event_count, acknowledged, acknowledged_by, acknowledged_at, handover_note, supervised, archived_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        execution.getProcessInstanceId(), execution.getProcessBusinessKey(),
        java.sql.Date.valueOf((String) execution.getVariable("shiftDate")), execution.getVariable("shift"),
        execution.getVariable("dutyWorker"), execution.getVariable("nextWorker"), execution.getVariable("shiftEvents"),
        count instanceof Number n ? n.intValue() : 0, Boolean.TRUE.equals(execution.getVariable("acknowledged")),
        acknowledgedBy, new Timestamp(acknowledgedAt.getTime()), execution.getVariable("handoverNote"), supervised,
        new Timestamp(ClockUtil.getCurrentTime().getTime()));
  }
}
