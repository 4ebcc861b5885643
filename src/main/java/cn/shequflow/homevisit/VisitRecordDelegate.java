package cn.shequflow.homevisit;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.casefile.CaseInput;
import cn.shequflow.casefile.InvalidCaseInputException;
import cn.shequflow.organisation.Organisation;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Records a visit attempt in visit_record ({@link VisitRecords}) for the archive and for coverage (R-3.1.2-5,
 * R-3.1.2-9): visited, refused or nobody home, by whom and when, with the policies promoted (R-3.1.2-8). After a refusal
 * or nobody home the re-planned visit shows why (issue 13 item 8): previousAttemptText names when, who and the note,
 * and the arrival's own answers are cleared so the next arrival starts empty.
 */
@Component("visitRecordDelegate")
class VisitRecordDelegate implements JavaDelegate {

  static final Set<String> OUTCOMES = Set.of("visited", "refused", "nobodyHome");
  private static final Map<String, String> NOT_ENTERED = Map.of("refused", "居民拒绝入户", "nobodyHome", "无人在家");
  /** What the arrival form asked; answered again at the re-planned visit. */
  private static final List<String> ARRIVAL_FIELDS = List.of("identityShown", "purposeStated", "consent", "arrivalNote");
  private static final java.time.format.DateTimeFormatter WHEN =
      java.time.format.DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

  private final VisitRecords records;
  private final VisitHousehold visitHousehold;
  private final Organisation organisation;
  private final WorkingDayCalendar workingDays;

  VisitRecordDelegate(VisitRecords records, VisitHousehold visitHousehold, Organisation organisation,
      WorkingDayCalendar workingDays) {
    this.records = records;
    this.visitHousehold = visitHousehold;
    this.organisation = organisation;
    this.workingDays = workingDays;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String outcome = (String) execution.getVariable("visitOutcome");
    if (outcome == null) {
      // the arrival's answer was cleared after a failed attempt and not given again
      throw new InvalidCaseInputException("consent", "请选择居民是否同意入户");
    }
    if (!OUTCOMES.contains(outcome)) {
      throw new IllegalStateException("走访结果应为 visited、refused 或 nobodyHome，实际为：" + outcome);
    }
    long householdId = visitHousehold.of(execution).id();
    String worker = worker(execution);
    Date now = ClockUtil.getCurrentTime();
    // visit_record.policies is varchar(2000)
    String note = "visited".equals(outcome)
        ? CaseInput.text(execution.getVariable("policiesPromoted"), "policiesPromoted", "宣传的政策", 2000)
        : CaseInput.text(execution.getVariable("arrivalNote"), "arrivalNote", "情况说明", 2000);
    records.record(new VisitRecords.Attempt(householdId, string(execution.getVariable("grid")),
        string(execution.getVariable("period")), string(execution.getVariable("visitKind")), outcome,
        worker, now, note, execution.getProcessInstanceId()));
    execution.setVariable("lastVisitOutcome", outcome);
    if (NOT_ENTERED.containsKey(outcome)) {
      // R-3.1.2-5: the re-planned visit's forms show why the last attempt failed, read-only
      String who = "system".equals(worker) ? "" : organisation.displayName(worker) + "记录：";
      execution.setVariable("previousAttemptText", WHEN.format(now.toInstant().atZone(workingDays.zone())) + " "
          + who + NOT_ENTERED.get(outcome) + (note.isEmpty() ? "" : "。情况说明：" + note));
      ARRIVAL_FIELDS.forEach(field -> execution.setVariable(field, null));
    }
  }

  /** The worker completing the step (the REST or Tasklist user); "system" when run without one. */
  static String worker(DelegateExecution execution) {
    Authentication authentication = execution.getProcessEngineServices().getIdentityService()
        .getCurrentAuthentication();
    return authentication == null ? "system" : authentication.getUserId();
  }

  /** A variable's value as text for a varchar column; null stays null. */
  static String string(Object value) {
    return value == null ? null : value.toString();
  }
}
