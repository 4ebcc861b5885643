package cn.shequflow.deadline;

import cn.shequflow.calendar.WorkingDayCalendar;
import java.util.Date;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

/**
 * Moves one deadline variable of a case to a new date, and with it what holds the old date (issue 15 item 4): the
 * variable (and its "…Text" twin when the case has one), the case's open tasks due at the old date, the case's
 * pending timers whose model expression reads the variable (re-evaluated, so a reminder computed from the deadline
 * by {@code workingDays.reminderBefore} moves with it), and the register's due date. Runs inside the engine's command.
 */
@Component
class DeadlineMover {

  private final TaskService taskService;
  private final ManagementService managementService;
  private final WorkingDayCalendar workingDays;
  private final DeadlineChanges changes;

  DeadlineMover(TaskService taskService, ManagementService managementService, WorkingDayCalendar workingDays,
      DeadlineChanges changes) {
    this.taskService = taskService;
    this.managementService = managementService;
    this.workingDays = workingDays;
    this.changes = changes;
  }

  /** The variable's current date on the case, or null when the case has none. */
  static Date current(DelegateExecution execution, String variable) {
    return execution.getProcessInstance().getVariable(variable) instanceof Date date ? date : null;
  }

  void move(DelegateExecution execution, String variable, Date newDue) {
    DelegateExecution instance = execution.getProcessInstance();
    Date oldDue = current(execution, variable);
    if (oldDue == null || oldDue.equals(newDue)) {
      return;
    }
    instance.setVariable(variable, newDue);
    if (variable.endsWith("At")) {
      String twin = variable.substring(0, variable.length() - 2) + "Text";
      if (instance.hasVariable(twin)) {
        instance.setVariable(twin, workingDays.text(newDue));
      }
    }
    for (Task task : taskService.createTaskQuery().processInstanceId(instance.getId()).list()) {
      if (oldDue.equals(task.getDueDate())) {
        task.setDueDate(newDue);
        taskService.saveTask(task);
      }
    }
    Pattern reads = Pattern.compile("\\b" + Pattern.quote(variable) + "\\b");
    for (Job job : managementService.createJobQuery().processInstanceId(instance.getId()).timers().list()) {
      String expression = timeDateOf(instance, job);
      if (expression != null && reads.matcher(expression).find()) {
        ExecutionEntity scope = Context.getCommandContext().getExecutionManager().findExecutionById(job.getExecutionId());
        Expression compiled = Context.getProcessEngineConfiguration().getExpressionManager().createExpression(expression);
        if (compiled.getValue(scope) instanceof Date due) {
          managementService.setJobDuedate(job.getId(), due);
        }
      }
    }
    changes.registerDueMoved(instance.getProcessBusinessKey(), oldDue, newDue);
  }

  /** The timeDate expression of the timer event the job belongs to, or null (a cycle, or no such element). */
  private String timeDateOf(DelegateExecution instance, Job job) {
    JobDefinition definition = job.getJobDefinitionId() == null ? null
        : managementService.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult();
    if (definition == null) {
      return null;
    }
    ModelElementInstance element = instance.getBpmnModelInstance().getModelElementById(definition.getActivityId());
    if (!(element instanceof CatchEvent event)) {
      return null;
    }
    for (var eventDefinition : event.getEventDefinitions()) {
      if (eventDefinition instanceof TimerEventDefinition timer && timer.getTimeDate() != null) {
        return timer.getTimeDate().getTextContent();
      }
    }
    return null;
  }
}
