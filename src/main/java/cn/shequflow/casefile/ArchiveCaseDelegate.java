package cn.shequflow.casefile;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Records the outcome of a closed case for the archive (R-3.1.1-1 "record"): the end event's id is the outcome
 * code and its Chinese name the label, written to case_record; then announces {@link CaseClosed} (the feedback
 * module issues the case's service feedback card on it, R-1.2-4).
 */
@Component("archiveCaseDelegate")
class ArchiveCaseDelegate implements ExecutionListener {

  private final CaseRecords records;
  private final ApplicationEventPublisher events;

  ArchiveCaseDelegate(CaseRecords records, ApplicationEventPublisher events) {
    this.records = records;
    this.events = events;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String outcome = execution.getCurrentActivityId();
    String label = execution.getCurrentActivityName();
    Date closedAt = ClockUtil.getCurrentTime();
    // the outcome is kept in case_record (and in the engine's history as the end event and end time), not copied
    // into three more case variables at the last moment (issue 11, cheaper cases)
    Date receivedAt = (Date) execution.getVariable("receivedAt");
    String processKey = execution.getProcessDefinitionId().split(":")[0];
    records.add(new CaseRecords.Closed(execution.getProcessBusinessKey(), processKey, execution.getProcessInstanceId(),
        execution.getVariable("category"), execution.getVariable("categoryName"), execution.getVariable("channel"),
        execution.getVariable(CaseVariables.FIRST_RESPONDER), execution.getVariable(CaseVariables.GRID), receivedAt,
        closedAt, outcome, label));
    events.publishEvent(new CaseClosed(execution, execution.getProcessBusinessKey(), processKey, outcome, label));
  }
}
