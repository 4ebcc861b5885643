package cn.shequflow.deadline;

import cn.shequflow.calendar.ComputedDate;
import cn.shequflow.calendar.ComputedDateListener;
import cn.shequflow.casefile.CaseClosed;
import java.sql.Timestamp;
import java.util.Date;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records the inputs of every working-day date a process computes (table working_day_date): when the calendar
 * computes a date inside an engine command with a current execution (a model's {@code ${workingDays.deadline(…)}},
 * {@code fromNow}, {@code fromNowNotBefore}, {@code reminderBefore} in a mapping, a task's due date or a timer, or a
 * delegate calling the calendar, a working-day cycle re-evaluated when its timer fires), one insert in the engine's
 * transaction — no engine query (the execution is the one the engine holds already). Outside a case (the
 * calendar endpoints) nothing is recorded. A closed case's rows are deleted with the close.
 */
@Component("deadlineLedger")
class DeadlineLedger implements ComputedDateListener {

  private final JdbcTemplate jdbc;

  DeadlineLedger(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void computed(ComputedDate date) {
    ExecutionEntity execution = currentExecution();
    if (execution == null || execution.getProcessInstanceId() == null || date.from() == null
        || date.result() == null) {
      return;
    }
    Date now = ClockUtil.getCurrentTime();
    if (!date.result().after(now)) {
      return; // a moment already past (an exhausted chase cycle) moves nothing later
    }
    jdbc.update("insert into working_day_date (process_instance_id, case_number, kind, from_at, working_days, "
        + "not_before, result_at, computed_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
        execution.getProcessInstanceId(), caseNumber(execution), date.kind().name(),
        timestamp(date.from()), date.workingDays(), timestamp(date.notBefore()), timestamp(date.result()),
        timestamp(now));
  }

  /**
   * The case number, when the business key can be one: a start with a business key longer than the column is refused
   * by the engine itself (400), not by this row (a database error, 500) before the engine could.
   */
  private static String caseNumber(ExecutionEntity execution) {
    String key = execution.getProcessBusinessKey();
    return key != null && key.length() <= 64 ? key : null;
  }

  /**
   * The execution the engine is working on: the current atomic operation's, or else the one of the job being run
   * (a timer cycle re-evaluated when due is computed outside any operation); null outside an engine command.
   */
  private static ExecutionEntity currentExecution() {
    BpmnExecutionContext context = Context.getBpmnExecutionContext();
    if (context != null && context.getExecution() != null) {
      return context.getExecution();
    }
    CommandContext command = Context.getCommandContext();
    JobEntity job = command == null ? null : command.getCurrentJob();
    return job == null ? null : job.getExecution();
  }

  /** The case closed: its dates are history now (the case's own instance; called procedures go at the recompute). */
  @EventListener
  public void onClosed(CaseClosed closed) {
    jdbc.update("delete from working_day_date where process_instance_id = ?",
        closed.execution().getProcessInstanceId());
  }

  static Timestamp timestamp(Date date) {
    return date == null ? null : new Timestamp(date.getTime());
  }
}
