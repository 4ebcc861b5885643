package cn.shequflow.deadline;

import cn.shequflow.calendar.WorkingDayCalendar;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The clock stops while the resident holds the case (issue 15 item 4, R-4.2-3): a task listener on a waiting step
 * (create, complete, delete). At create, when deadline-pause.dmn has a rule for the process and the step, the rule's
 * deadlines stop; at complete (the materials arrived) they restart with the working days they had left, counted from
 * now ({@link WorkingDayCalendar#resumedDeadline}), and everything holding them moves ({@link DeadlineMover}); at
 * delete (the wait ran out and the case closes as before) the pause only ends. Both are recorded on the case.
 */
@Component("deadlinePauseListener")
class DeadlinePauseListener implements TaskListener {

  /** While paused, on the case: when the clock stopped, which deadlines, and what cards and forms say. */
  static final String PAUSED_AT = "deadlinePausedAt";
  static final String PAUSED_DEADLINES = "deadlinePausedVariables";
  static final String PAUSE_LABEL = "deadlinePauseLabel";

  private final DeadlineRules rules;
  private final DeadlineMover mover;
  private final DeadlineChanges changes;
  private final WorkingDayCalendar workingDays;

  DeadlinePauseListener(DeadlineRules rules, DeadlineMover mover, DeadlineChanges changes,
      WorkingDayCalendar workingDays) {
    this.rules = rules;
    this.mover = mover;
    this.changes = changes;
    this.workingDays = workingDays;
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getEventName()) {
      case EVENTNAME_CREATE -> pause(task);
      case EVENTNAME_COMPLETE -> end(task.getExecution(), true);
      case EVENTNAME_DELETE -> end(task.getExecution(), false);
      default -> { }
    }
  }

  private void pause(DelegateTask task) {
    DelegateExecution execution = task.getExecution();
    String processKey = execution.getProcessDefinitionId().split(":")[0];
    Optional<DeadlineRules.Pause> rule = rules.pause(processKey, task.getTaskDefinitionKey());
    if (rule.isEmpty() || execution.getProcessInstance().hasVariable(PAUSED_AT)) {
      return;
    }
    Date now = ClockUtil.getCurrentTime();
    DelegateExecution instance = execution.getProcessInstance();
    instance.setVariable(PAUSED_AT, now);
    instance.setVariable(PAUSED_DEADLINES, String.join(",", rule.get().deadlines()));
    instance.setVariable(PAUSE_LABEL, rule.get().label());
    changes.paused(instance.getProcessBusinessKey(), instance.getId(), rule.get().deadlines(),
        firstDue(execution, rule.get().deadlines()), now);
  }

  private void end(DelegateExecution execution, boolean materialsArrived) {
    DelegateExecution instance = execution.getProcessInstance();
    if (!(instance.getVariable(PAUSED_AT) instanceof Date pausedAt)) {
      return;
    }
    Date now = ClockUtil.getCurrentTime();
    List<String> deadlines = instance.getVariable(PAUSED_DEADLINES) instanceof String names && !names.isBlank()
        ? Arrays.stream(names.split(",")).toList() : List.of();
    Date firstNew = null;
    if (materialsArrived) {
      for (String variable : deadlines) {
        Date old = DeadlineMover.current(execution, variable);
        if (old != null) {
          Date moved = workingDays.resumedDeadline(old, pausedAt, now);
          mover.move(execution, variable, moved);
          firstNew = firstNew == null ? moved : firstNew;
        }
      }
    }
    changes.pauseEnded(instance.getProcessBusinessKey(), materialsArrived, firstNew,
        workingDays.workingDaysBetween(pausedAt, now), now);
    instance.removeVariable(PAUSED_AT);
    instance.removeVariable(PAUSED_DEADLINES);
    instance.removeVariable(PAUSE_LABEL);
  }

  private static Date firstDue(DelegateExecution execution, List<String> deadlines) {
    return deadlines.stream().map(name -> DeadlineMover.current(execution, name)).filter(d -> d != null)
        .findFirst().orElse(null);
  }
}
