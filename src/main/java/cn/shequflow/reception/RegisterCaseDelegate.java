package cn.shequflow.reception;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.casefile.CaseFile;
import cn.shequflow.casefile.CaseInput;
import cn.shequflow.casefile.InvalidCaseInputException;
import cn.shequflow.catalogue.CatalogueEntry;
import cn.shequflow.catalogue.ServiceCatalogue;
import cn.shequflow.household.Household;
import cn.shequflow.household.HouseholdRepository;
import cn.shequflow.organisation.Organisation;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Registers a reception case: checks the start input, fixes the first responder and their grid (R-4.1-1), looks
 * the category up in the service catalogue (R-1.2-3, a check of the code and the matter's reference data) and
 * assigns the case number. The reply limit and the priority (R-3.1.1-3, R-4.2-2) steer the case and are decided by
 * the model's business rule tasks that follow this step (reception-time-limits.dmn, case-priority.dmn).
 */
@Component("registerCaseDelegate")
class RegisterCaseDelegate implements JavaDelegate {

  /**
   * What a caller may give when starting a reception case (DESIGN.md's contract, plus grid and householdId), and the
   * engine's initiator variable firstResponder, which is replaced by whoever is logged in.
   */
  static final Set<String> START_VARIABLES = Set.of("channel", "receivedAt", "residentName", "residentPhone",
      "residentEmail", "category", "summary", "priorityGroup", "grid", "householdId", "firstResponder");

  private final ServiceCatalogue catalogue;
  private final Organisation organisation;
  private final CaseFile caseFile;
  private final WorkingDayCalendar workingDays;
  private final HouseholdRepository households;
  private final Duration receivedAtWindow;
  private final Duration managersReceivedAtWindow;

  RegisterCaseDelegate(ServiceCatalogue catalogue, Organisation organisation, CaseFile caseFile,
      WorkingDayCalendar workingDays,
      HouseholdRepository households, @Value("${shequ.cases.received-at-window:P30D}") Duration receivedAtWindow,
      @Value("${shequ.cases.received-at-window-managers:P366D}") Duration managersReceivedAtWindow) {
    this.catalogue = catalogue;
    this.organisation = organisation;
    this.caseFile = caseFile;
    this.workingDays = workingDays;
    this.households = households;
    this.receivedAtWindow = receivedAtWindow;
    this.managersReceivedAtWindow = managersReceivedAtWindow;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseInput.keepOnlyStartVariables(execution, START_VARIABLES);
    // the first responder is whoever is logged in (the initiator variable could be given by the caller instead)
    String user = CaseInput.loggedInUser(execution);
    String firstResponder = user != null ? user : CaseInput.text(execution.getVariable("firstResponder"));
    String channel = CaseInput.channel(execution.getVariable("channel"));
    String residentName = CaseInput.residentName(execution.getVariable("residentName"));
    // a resident's own message (online, or mail the app took from the community mailbox: nobody is logged in) waits in
    // the community-wide intake queue until a worker claims it (IntakeClaimListener); every other start names its
    // worker. A mail gives no phone: its case is looked up with a lookup code instead (mailintake)
    boolean intake = user == null && firstResponder.isEmpty() && Set.of("online", "email").contains(channel)
        && !CaseInput.calledByAnotherCase(execution);
    String residentPhone = intake && "email".equals(channel)
        && CaseInput.text(execution.getVariable("residentPhone")).isEmpty() ? ""
        : CaseInput.residentPhone(execution.getVariable("residentPhone"));
    String residentEmail = CaseInput.residentEmail(execution.getVariable("residentEmail"));
    String priorityGroup = CaseInput.priorityGroup(execution.getVariable("priorityGroup"));
    String category = CaseInput.text(execution.getVariable("category"));
    CatalogueEntry entry = catalogue.lookup(category).orElseThrow(() -> new InvalidCaseInputException("category",
        category.isEmpty() ? "请选择事项类别" : "未知的事项类别“" + category + "”，请从服务目录中选择"));
    String summary = CaseInput.text(execution.getVariable("summary"), "summary", "事项摘要", CaseInput.TEXT_MAX);
    // one look-up of the first responder's groups serves the manager check and the case's grid
    List<String> groups = firstResponder.isEmpty() ? List.of() : organisation.groupsOf(firstResponder);
    boolean manager = groups.contains(Organisation.MANAGERS);
    Date receivedAt = CaseInput.receivedAt(execution.getVariable("receivedAt"), ClockUtil.getCurrentTime(),
        workingDays.zone(), manager ? managersReceivedAtWindow : receivedAtWindow);

    if (intake && summary.isEmpty()) {
      throw new InvalidCaseInputException("summary", "请写下您要反映的事项或问题");
    }
    String grid = intake ? Organisation.INTAKE : caseFile.gridOf(firstResponder, groups, execution.getVariable("grid"));
    Long householdId = intake ? null : household(execution.getVariable("householdId"), grid);

    Date catalogueDueAt = workingDays.deadline(receivedAt, entry.timeLimitDays());

    caseFile.open(execution, CaseFile.Kind.RECEPTION, receivedAt);
    if (intake) {
      caseFile.queueForIntake(execution);
    } else {
      caseFile.assign(execution, firstResponder, grid);
    }
    if (householdId != null) {
      set(execution, "householdId", householdId);
    }
    // Only what a later step, form, mail template or integrator reads is kept on the case, and a start variable that
    // is already what the check made of it is not written again: each variable costs a runtime row, a history row
    // and a detail row, and one delete at the end (issue 11, cheaper cases). The catalogue's service area, handling
    // code and fee and the reply limit in days are read by nothing after this step; the referral prefill is written
    // only when the worker chooses to refer (HandleMatterCompletedListener); mails and the street office's form take
    // the community's name from the configuration.
    set(execution, "channel", channel);
    set(execution, "receivedAt", receivedAt);
    set(execution, "receivedText", workingDays.text(receivedAt));
    set(execution, "residentName", residentName);
    set(execution, "residentPhone", residentPhone);
    set(execution, "residentEmail", residentEmail);
    set(execution, "summary", summary);
    set(execution, "priorityGroup", priorityGroup);
    set(execution, "category", category);
    set(execution, "categoryName", entry.categoryName());
    set(execution, "handlingName", entry.handlingName());
    set(execution, "timeLimitDays", entry.timeLimitDays());
    set(execution, "catalogueDueAt", catalogueDueAt);
    set(execution, "catalogueDueText", workingDays.text(catalogueDueAt));
    set(execution, "materials", entry.materials());
    set(execution, "basis", entry.basis());
    set(execution, "department", entry.department());
    set(execution, "departmentContact", entry.departmentContact());
    set(execution, "departmentEmail", entry.departmentEmail());
    // channelName, materialsWaitWorkingDays, replyDueAt, replyDueText and calendarWarning come from
    // Task_DecideReplyLimit, taskPriority and priorityLabel from Task_DecidePriority (reception.bpmn)
  }

  /** Writes a case variable unless it already holds that value (a start variable the check left as it was). */
  private static void set(DelegateExecution execution, String name, Object value) {
    if (!execution.hasVariable(name) || !Objects.equals(execution.getVariable(name), value)) {
      execution.setVariable(name, value);
    }
  }

  /**
   * A case raised on a visit names its household (StartCaseFromVisitDelegate); it must be one of the case's grid, so
   * no start can tie a case to another grid's family (issue 10 finding 2).
   */
  private Long household(Object value, String grid) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      return null;
    }
    long id;
    try {
      id = value instanceof Number number ? number.longValue() : Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new InvalidCaseInputException("householdId", "住户编号“" + value + "”无效");
    }
    String householdGrid = households.find(id).map(Household::grid).orElse(null);
    if (!grid.equals(householdGrid)) {
      throw new InvalidCaseInputException("householdId", "住户 " + id + " 不存在或不属于本事项的网格");
    }
    return id;
  }
}
