package cn.shequflow.casefile;

import cn.shequflow.organisation.CaseAccess;
import cn.shequflow.organisation.Organisation;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Opens a resident's case, the one place that does: its number (which is also the business key and the
 * {@code caseNumber} variable), its first responder and its grid, whose workers may then read it. Every procedure's
 * register step calls {@link #open} and {@link #assign}; duty shifts and home visits, numbered by their shift and
 * household, name themselves through {@link CaseNumbers}. The case closes through {@code archiveCaseDelegate},
 * which announces {@link CaseClosed}.
 */
@Component
public class CaseFile {

  /** The kinds of case a resident is given a number for, with the number's prefix (JD20261129-00042). */
  public enum Kind {
    RECEPTION("JD"), PROXY_SERVICE("DB"), COMPLAINT("TS");

    final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }
  }

  private final CaseNumbers numbers;
  private final CaseAccess access;
  private final Organisation organisation;
  private final HistoryService history;

  CaseFile(CaseNumbers numbers, CaseAccess access, Organisation organisation, HistoryService history) {
    this.numbers = numbers;
    this.access = access;
    this.organisation = organisation;
    this.history = history;
  }

  /**
   * The case of a procedure with that number, open or closed. Business keys are not unique in the engine (older
   * versions took one from the caller), so of several the one the number was given to wins — itself, or the case
   * that called it — else the earliest (issue 10 item 8: a duplicate key made another case's print pages fail).
   */
  public Optional<HistoricProcessInstance> find(String processKey, String caseNumber) {
    List<HistoricProcessInstance> found = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(processKey).processInstanceBusinessKey(caseNumber)
        .orderByProcessInstanceStartTime().asc().list();
    if (found.size() <= 1) {
      return found.stream().findFirst();
    }
    return Optional.of(numbers.owner(caseNumber)
        .flatMap(owner -> found.stream()
            .filter(i -> owner.equals(i.getId()) || owner.equals(i.getRootProcessInstanceId())).findFirst())
        .orElse(found.get(0)));
  }

  /**
   * Gives the case being started its number: recorded in case_number (unique in the database), set as business key
   * and as {@code caseNumber}. A business key given by the caller is replaced: the number is the app's.
   */
  public String open(DelegateExecution execution, Kind kind, Date receivedAt) {
    String number = numbers.assign(kind.prefix, receivedAt, execution);
    execution.setProcessBusinessKey(number);
    set(execution, CaseVariables.CASE_NUMBER, number);
    return number;
  }

  /**
   * A procedure called by another case (proxy service from reception) carries on that case: the caller's number,
   * passed as business key, stays the number.
   */
  public String carryOn(DelegateExecution execution) {
    String number = execution.getProcessBusinessKey();
    set(execution, CaseVariables.CASE_NUMBER, number);
    return number;
  }

  /**
   * The first responder answers for the case to its end (R-4.1-2) and the case belongs to a grid (R-4.1-1): sets
   * {@code firstResponder}, {@code firstResponderName} and {@code grid}, and lets the grid's workers read the case.
   * The case is held by its first responder ({@code caseHolder}), unless a calling case passes on who holds it now:
   * every follow-up task is assigned to the holder, so nobody has to claim each step again.
   */
  public void assign(DelegateExecution execution, String firstResponder, String grid) {
    access.grantToGroup(execution.getProcessInstanceId(), grid);
    if (!(execution.getVariable(CaseVariables.CASE_HOLDER) instanceof String holder) || holder.isBlank()) {
      execution.setVariable(CaseVariables.CASE_HOLDER, firstResponder);
    }
    set(execution, CaseVariables.FIRST_RESPONDER, firstResponder);
    set(execution, CaseVariables.FIRST_RESPONDER_NAME, organisation.displayName(firstResponder));
    set(execution, CaseVariables.GRID, grid);
  }

  /**
   * A case nobody received in person (an online message) waits in the intake queue: no first responder or holder
   * yet, {@code grid} is {@link Organisation#INTAKE}, and every grid may read the case until one of its workers
   * claims it
   * ({@link #claimFromIntake}).
   */
  public void queueForIntake(DelegateExecution execution) {
    access.grantWhileQueued(execution.getProcessInstanceId(), null, gridIds());
    execution.setVariable(CaseVariables.CASE_HOLDER, null);
    execution.setVariable(CaseVariables.FIRST_RESPONDER, null);
    set(execution, CaseVariables.GRID, Organisation.INTAKE);
  }

  /** Whether the case is still waiting in the intake queue. */
  public static boolean inIntake(DelegateExecution execution) {
    return Organisation.INTAKE.equals(execution.getVariable(CaseVariables.GRID));
  }

  /**
   * The worker who claims a queued case becomes its first responder (R-4.1-2) and the case moves to their grid: the
   * other grids lose what they could read while it waited. Refused in Chinese for someone without a grid.
   */
  public String claimFromIntake(DelegateExecution execution, String taskId, String worker) {
    String grid = organisation.gridOf(worker).orElseThrow(() -> new InvalidCaseInputException("assignee",
        "新留言与邮件只能由网格员认领：认领后事项归入该网格员所在网格"));
    List<String> others = new java.util.ArrayList<>(gridIds());
    others.remove(grid);
    others.add(Organisation.INTAKE);
    access.revokeQueued(execution.getProcessInstanceId(), taskId, others);
    execution.setVariable(CaseVariables.CASE_HOLDER, worker);
    assign(execution, worker, grid);
    return grid;
  }

  /** Every grid of the community: whom a queued case's task is offered to. */
  public List<String> gridIds() {
    return organisation.grids().stream().map(g -> g.getId()).sorted().toList();
  }

  /**
   * The grid a new case belongs to (R-4.1-1): its first responder's, or the one given when the first responder — a
   * manager, say — has none; refused in Chinese when neither is known.
   */
  public String gridOf(String firstResponder, Object givenGrid) {
    requireFirstResponder(firstResponder);
    return gridOf(firstResponder, organisation.groupsOf(firstResponder), givenGrid);
  }

  /**
   * The same, for a caller who has already read the first responder's groups (one query per case instead of three:
   * issue 11, cheaper cases); a grid taken from the memberships exists, only a given one is looked up.
   */
  public String gridOf(String firstResponder, List<String> groupsOfFirstResponder, Object givenGrid) {
    requireFirstResponder(firstResponder);
    Optional<String> own = groupsOfFirstResponder.stream().filter(Organisation::isGrid).sorted().findFirst();
    if (own.isPresent()) {
      return own.get();
    }
    String grid = givenGrid == null ? "" : givenGrid.toString().trim();
    if (!Organisation.isGrid(grid)) {
      throw new InvalidCaseInputException("grid",
          "首问责任人“" + firstResponder + "”不属于任何网格，请指定事项所属网格（grid，如 grid-1）");
    }
    // a grid no one works would hide the case from every worker (and a made-up id would land in case_record.grid)
    if (!organisation.gridExists(grid)) {
      throw new InvalidCaseInputException("grid", "网格“" + grid + "”不存在");
    }
    return grid;
  }

  private static void requireFirstResponder(String firstResponder) {
    if (firstResponder == null || firstResponder.isBlank()) {
      throw new InvalidCaseInputException("firstResponder", "无法确定首问责任人：请登录后再受理");
    }
  }

  /** A variable that already holds the value is not written again: each write costs runtime and history rows. */
  private static void set(DelegateExecution execution, String name, Object value) {
    if (!execution.hasVariable(name) || !Objects.equals(execution.getVariable(name), value)) {
      execution.setVariable(name, value);
    }
  }
}
