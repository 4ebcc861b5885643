package cn.shequflow.homevisit;

import cn.shequflow.casefile.CaseNumbers;
import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.household.Household;
import cn.shequflow.household.HouseholdProfiles;
import cn.shequflow.household.HouseholdRepository;
import cn.shequflow.organisation.CaseAccess;
import cn.shequflow.organisation.Organisation;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monthly visit plan (R-3.1.2-1, R-3.1.2-2): walks the registry in batches and starts a home-visit case for
 * every household that is due — special households each month, every other household once a year — with the due
 * date at the end of the month or year on the working-day calendar. No timer waits per household: the plan runs
 * once a month, and overdue visits are found by the daily sweep.
 */
@Service
public class VisitPlanner {

  static final int BATCH = 500;
  private static final Logger LOG = LoggerFactory.getLogger(VisitPlanner.class);

  private final HouseholdRepository households;
  private final DecisionService decisionService;
  private final RuntimeService runtimeService;
  private final HouseholdProfiles profiles;
  private final VisitRecords visits;
  private final TransactionTemplate transaction;
  private final WorkingDayCalendar workingDays;
  private final Organisation organisation;
  private final CaseAccess caseAccess;

  VisitPlanner(HouseholdRepository households, DecisionService decisionService, RuntimeService runtimeService,
      HouseholdProfiles profiles, VisitRecords visits, PlatformTransactionManager transactions, WorkingDayCalendar workingDays,
      Organisation organisation, CaseAccess caseAccess) {
    this.households = households;
    this.decisionService = decisionService;
    this.runtimeService = runtimeService;
    this.profiles = profiles;
    this.visits = visits;
    this.transaction = new TransactionTemplate(transactions);
    this.workingDays = workingDays;
    this.organisation = organisation;
    this.caseAccess = caseAccess;
  }

  /** What one run did. */
  public record PlanReport(String month, long householdsScanned, int monthlyCreated, int annualCreated,
      int alreadyPlanned, long millis) {}

  /** Plans the given month; a second run for the same month creates nothing. */
  public synchronized PlanReport plan(YearMonth month) {
    long started = System.currentTimeMillis();
    Map<String, Integer> frequencyBySpecialTypes = new HashMap<>();
    Date monthDue = lastWorkingDayClose(month);
    Date yearDue = lastWorkingDayClose(YearMonth.of(month.getYear(), 12));
    String monthPeriod = month.toString();
    String yearPeriod = String.valueOf(month.getYear());
    long scanned = 0;
    int[] created = new int[2];
    int already = 0;
    long afterId = 0;
    List<Household> page;
    while (!(page = households.page(afterId, BATCH)).isEmpty()) {
      afterId = page.get(page.size() - 1).id();
      scanned += page.size();
      List<Planned> due = new ArrayList<>();
      for (Household household : page) {
        String types = String.join(",", household.specialTypes());
        int perYear = frequencyBySpecialTypes.computeIfAbsent(types, this::visitsPerYear);
        boolean monthly = perYear >= 12;
        due.add(monthly ? new Planned(household, monthPeriod, "monthly", monthDue)
            : new Planned(household, yearPeriod, "annual", yearDue));
      }
      List<Planned> fresh = withoutExisting(due);
      already += due.size() - fresh.size();
      transaction.executeWithoutResult(status -> fresh.forEach(this::start));
      fresh.forEach(p -> created["monthly".equals(p.kind()) ? 0 : 1]++);
    }
    PlanReport report = new PlanReport(monthPeriod, scanned, created[0], created[1], already,
        System.currentTimeMillis() - started);
    LOG.info("走访计划 {}：扫描 {} 户，新建每月走访 {}、年度走访 {}，已有计划 {}，用时 {} 毫秒", monthPeriod, scanned,
        report.monthlyCreated(), report.annualCreated(), already, report.millis());
    return report;
  }

  private record Planned(Household household, String period, String kind, Date due) {}

  private List<Planned> withoutExisting(List<Planned> due) {
    Set<String> existing = visits.plannedOf(due.stream().map(p -> p.household().id()).toList());
    return due.stream().filter(p -> !existing.contains(p.household().id() + "/" + p.period())).toList();
  }

  private void start(Planned planned) {
    Household household = planned.household();
    Map<String, Object> variables = new HashMap<>();
    // only the household's id and number travel with the case (R-1.2-7); details stay in the registry
    variables.put("householdId", household.id());
    variables.put("householdNo", household.householdNo());
    variables.put("grid", household.grid());
    variables.put("visitKind", planned.kind());
    variables.put("visitKindName", "monthly".equals(planned.kind()) ? "每月走访或联系（特殊家庭）" : "年度走访");
    variables.put("period", planned.period());
    variables.put("dueAt", planned.due());
    variables.put("dueText", workingDays.text(planned.due()));
    variables.put("firstVisit", !profiles.exists(household.id()));
    variables.put("householdUrl", "/households/" + household.id());
    String visitNumber = CaseNumbers.homeVisit(household.householdNo(), planned.period());
    // what Tasklist's columns show for a visit: its number and kind, no name or address
    variables.put("caseNumber", visitNumber);
    variables.put("categoryName", variables.get("visitKindName"));
    // the plan starts visits as the app: home-visit refuses a start by a logged-in user (issue 10 item 3)
    ProcessInstance instance = organisation.runAsApp(
        () -> runtimeService.startProcessInstanceByKey("home-visit", visitNumber, variables));
    // the visit's grid reads it (Tasklist shows its number and kind), no other grid does (issue 10 item 7)
    caseAccess.grantToGroup(instance.getId(), household.grid());
    visits.plan(household.id(), planned.period(), planned.kind(), planned.due(), instance.getId(),
        ClockUtil.getCurrentTime());
  }

  private int visitsPerYear(String specialTypes) {
    Object value = decisionService.evaluateDecisionByKey("visit-frequency")
        .variables(Map.of("specialTypes", specialTypes)).evaluate().getSingleEntry();
    return ((Number) value).intValue();
  }

  /** Office closing time on the last working day of the month, so a visit is due when the office closes. */
  Date lastWorkingDayClose(YearMonth month) {
    LocalDate day = month.atEndOfMonth();
    while (!workingDays.isWorkingDay(day)) {
      day = day.minusDays(1);
    }
    return workingDays.closingTime(day);
  }
}
