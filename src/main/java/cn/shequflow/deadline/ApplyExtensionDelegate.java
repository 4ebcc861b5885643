package cn.shequflow.deadline;

import cn.shequflow.calendar.WorkingDayCalendar;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * An approved extension (issue 15 item 4): every deadline of the deadline-extension rule that the case has moves by
 * the approved working days ({@code workingDays.deadline(old, N)}: N working days after the old due day, closing
 * time), with the tasks and timers holding it; recorded on the case and in the register's extension total.
 */
@Component("applyExtensionDelegate")
class ApplyExtensionDelegate implements JavaDelegate {

  private final DeadlineRules rules;
  private final DeadlineMover mover;
  private final DeadlineChanges changes;
  private final WorkingDayCalendar workingDays;

  ApplyExtensionDelegate(DeadlineRules rules, DeadlineMover mover, DeadlineChanges changes,
      WorkingDayCalendar workingDays) {
    this.rules = rules;
    this.mover = mover;
    this.changes = changes;
    this.workingDays = workingDays;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int days = ((Number) execution.getVariable("extensionWorkingDays")).intValue();
    String processKey = execution.getProcessDefinitionId().split(":")[0];
    Date firstOld = null;
    Date firstNew = null;
    for (String variable : rules.extension(processKey).map(DeadlineRules.Extension::deadlines)
        .orElse(java.util.List.of())) {
      Date old = DeadlineMover.current(execution, variable);
      if (old != null) {
        Date moved = workingDays.deadline(old, days);
        mover.move(execution, variable, moved);
        if (firstOld == null) {
          firstOld = old;
          firstNew = moved;
        }
      }
    }
    execution.setVariable("extensionNewDueText", firstNew == null ? "" : workingDays.text(firstNew));
    changes.extensionApplied(execution.getProcessBusinessKey(), firstOld, firstNew, days, ClockUtil.getCurrentTime());
  }
}
