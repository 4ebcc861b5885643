package cn.shequflow.online;

import cn.shequflow.casefile.CaseFile;
import cn.shequflow.casefile.CaseVariables;
import cn.shequflow.organisation.CaseAccess;
import cn.shequflow.organisation.Organisation;
import java.sql.Timestamp;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The intake queue (新留言与邮件) on the reception's first task: while the case waits ({@code grid} is
 * {@link Organisation#INTAKE}), its task is offered to every grid; the worker who claims it becomes the first responder,
 * the case and its task move to that worker's grid (the other grids lose sight of them) and the register row follows.
 */
@Component("intakeClaimListener")
class IntakeClaimListener implements TaskListener {

  private final CaseFile caseFile;
  private final CaseAccess access;
  private final Organisation organisation;
  private final JdbcTemplate jdbc;

  IntakeClaimListener(CaseFile caseFile, CaseAccess access, Organisation organisation, JdbcTemplate jdbc) {
    this.caseFile = caseFile;
    this.access = access;
    this.organisation = organisation;
    this.jdbc = jdbc;
  }

  @Override
  public void notify(DelegateTask task) {
    DelegateExecution execution = task.getExecution();
    if (!CaseFile.inIntake(execution)) {
      return;
    }
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      access.grantWhileQueued(null, task.getId(), caseFile.gridIds());
      return;
    }
    String worker = task.getAssignee();
    if (!EVENTNAME_ASSIGNMENT.equals(task.getEventName()) || worker == null) {
      return;
    }
    String grid = caseFile.claimFromIntake(execution, task.getId(), worker);
    task.deleteCandidateGroup(Organisation.INTAKE);
    task.addCandidateGroup(grid);
    jdbc.update("update case_register set grid = ?, first_responder = ?, first_responder_name = ?, updated_at = ? "
        + "where case_number = ?", grid, worker, organisation.displayName(worker),
        new Timestamp(ClockUtil.getCurrentTime().getTime()), execution.getVariable(CaseVariables.CASE_NUMBER));
  }
}
