package cn.shequflow.duty;

import static cn.shequflow.duty.DutyRecords.string;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Archives the shift in duty_log ({@link DutyRecords}, R-4.3-2): shift, worker, next worker, the shift's events and
 * notes, who acknowledged the handover and when, and whether the managers had to chase it. Modelled asyncBefore, so it runs in
 * a new transaction and reads the finished handover task from history.
 */
@Component("dutyArchiveDelegate")
class DutyArchiveDelegate implements JavaDelegate {

  private final DutyRecords records;
  private final HistoryService historyService;

  DutyArchiveDelegate(DutyRecords records, HistoryService historyService) {
    this.records = records;
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
    records.archive(new DutyRecords.ShiftLog(execution.getProcessInstanceId(), execution.getProcessBusinessKey(),
        (String) execution.getVariable("shiftDate"), string(execution.getVariable("shift")),
        string(execution.getVariable("dutyWorker")), string(execution.getVariable("nextWorker")),
        string(execution.getVariable("shiftEvents")), count instanceof Number n ? n.intValue() : 0,
        Boolean.TRUE.equals(execution.getVariable("acknowledged")), acknowledgedBy, acknowledgedAt,
        string(execution.getVariable("handoverNote")), supervised, ClockUtil.getCurrentTime()));
  }
}
