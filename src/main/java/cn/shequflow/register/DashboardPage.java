package cn.shequflow.register;

import cn.shequflow.audit.AuditLog;
import cn.shequflow.casefile.CaseVariables;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.StaffPages;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * 服务指标 (/staff/dashboard, issue 14 item 3): a month's rates as tiles in their target colours, the last six
 * months' trend, the grids and workers side by side (Apache ECharts, shequ-assets/dashboard.js), what is overdue now
 * and due within a week, what waits at the street office and for how long, the 不满意 ratings and their rectification,
 * and the visits' coverage. Every figure links to the register rows behind it. Managers see the community, a grid
 * worker their grid, the street office what was escalated to it.
 */
@Controller
@EnableConfigurationProperties(DashboardTargets.class)
class DashboardPage {

  static final String PATH = "/staff/dashboard";
  private static final int TREND_MONTHS = 6;
  private static final int LIST_SIZE = 20;
  static final int NOTE_MAX = 200;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String[]> RATES = List.of(
      new String[] {"responseRate", "响应率", "respondedOnTime", "received"},
      new String[] {"closeRate", "办结率", "closed", "received"},
      new String[] {"onTimeRate", "按时办结率", "closedOnTime", "closed"},
      new String[] {"satisfactionRate", "满意率", "satisfied", "ratings"},
      new String[] {"returnVisitRate", "回访率", "ratings", "closed"},
      new String[] {"rectificationRate", "差评整改率", "unsatisfiedRectified", "unsatisfied"});

  private final KpiQuery kpi;
  private final RegisterQuery register;
  private final StaffPages pages;
  private final DashboardTargets targets;
  private final RuntimeService runtimeService;
  private final Organisation organisation;
  private final AuditLog audit;

  DashboardPage(KpiQuery kpi, RegisterQuery register, StaffPages pages, DashboardTargets targets,
      RuntimeService runtimeService, Organisation organisation, AuditLog audit) {
    this.kpi = kpi;
    this.register = register;
    this.pages = pages;
    this.targets = targets;
    this.runtimeService = runtimeService;
    this.organisation = organisation;
    this.audit = audit;
  }

  /** A rate's tile: the share, its numerator and denominator (each a link to its rows), and its colour. */
  record Tile(String label, String value, long numerator, String numeratorHref, long denominator,
      String denominatorHref, String colour, String target, String definition) {}

  /** A count's tile. */
  record Count(String label, long value, String href) {}

  /** A register row in one of the dashboard's lists. */
  record Item(String caseNumber, String href, String residentName, String categoryName, String holderName,
      String due, String note) {}

  /**
   * 督办 (R-4.2-1): a manager supervises an open case from the dashboard; the supervision procedure mails its holder
   * (the worker who waits on a department, for a case a department holds) and gives the managers a follow-up task.
   */
  @PostMapping(PATH + "/supervise")
  ModelAndView supervise(@RequestParam(required = false) String caseNumber,
      @RequestParam(required = false) String note, @RequestParam(required = false) String month,
      HttpServletRequest request) throws JsonProcessingException {
    String user = pages.user(request);
    ModelAndView refusal = pages.refuseUnless(request, user, pages.mayHandOver(user), "督办",
        "督办由社区书记/主任发起。");
    if (refusal != null) {
      return refusal;
    }
    if (!pages.tokenMatches(request)) {
      return pages.badToken(request, "督办");
    }
    String text = note == null || note.isBlank() ? "请尽快办理" : note.trim();
    if (text.length() > NOTE_MAX) {
      return pages.refusal(request, HttpStatus.BAD_REQUEST, "督办", "督办说明最多 " + NOTE_MAX + " 个字。");
    }
    var row = caseNumber == null ? java.util.Optional.<RegisterQuery.Row>empty()
        : register.find(register.scopeOf(user), caseNumber.trim());
    if (row.isEmpty() || !"open".equals(row.get().status()) || row.get().holder() == null) {
      return pages.refusal(request, HttpStatus.BAD_REQUEST, "督办", "只能督办正在办理的事项：没有找到编号为“"
          + (caseNumber == null ? "" : caseNumber) + "”的办理中事项。");
    }
    RegisterQuery.Row c = row.get();
    // a person by id, a unit's group (the street office) by its members; a department has no login: its worker
    String recipient = "department".equals(c.holder()) ? c.firstResponder()
        : organisation.exists(c.holder()) ? c.holder() : "group:" + c.holder();
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("caseNumber", c.caseNumber());
    variables.put("holder", c.holder());
    variables.put(CaseVariables.HOLDER_NAME, c.holderName());
    variables.put("mailRecipient", recipient);
    variables.put("categoryName", c.categoryName() == null ? "" : c.categoryName());
    variables.put(CaseVariables.DUE_TEXT, RegisterQuery.minute(c.currentDueAt()));
    variables.put(CaseVariables.SUPERVISION_NOTE, text);
    variables.put("supervisedBy", user);
    organisation.runAsApp(() -> runtimeService.startProcessInstanceByKey("supervision", c.caseNumber(), variables));
    audit.record(AuditLog.Event.of(user, AuditLog.CASE_VIEW, "supervision", c.caseNumber(), AuditLog.SUCCESS));
    return dashboard(month, "已督办事项 " + c.caseNumber() + "：已邮件提醒" + c.holderName()
        + "，跟进任务在任务列表的“逾期督办”中。", request);
  }

  @GetMapping(PATH)
  ModelAndView dashboard(@RequestParam(required = false) String month, HttpServletRequest request)
      throws JsonProcessingException {
    return dashboard(month, null, request);
  }

  private ModelAndView dashboard(String month, String done, HttpServletRequest request)
      throws JsonProcessingException {
    String user = pages.user(request);
    RegisterQuery.Scope scope = user == null ? null : register.scopeOf(user);
    ModelAndView refusal = pages.refuseUnless(request, user, scope != null && !scope.none(), "服务指标",
        "服务指标供社区书记/主任、网格工作人员（本网格）和街道办事处查看。");
    if (refusal != null) {
      return refusal;
    }
    LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), RegisterQuery.SHANGHAI);
    YearMonth shown;
    try {
      shown = month == null || month.isBlank() ? YearMonth.from(today) : YearMonth.parse(month.trim());
    } catch (DateTimeParseException e) {
      return pages.refusal(request, HttpStatus.BAD_REQUEST, "服务指标", "月份应为 yyyy-MM 格式，例如 2026-12。");
    }
    String from = shown.atDay(1).toString();
    String to = shown.atEndOfMonth().toString();
    KpiQuery.Kpi figures = kpi.compute(scope, Map.of("from", from, "to", to));
    KpiQuery.Figures total = figures.total();
    Function<String, String> rows = measure -> link(Map.of("from", from, "to", to, "measure", measure));

    Map<String, Object> model = pages.model(request, user, PATH);
    model.put("scope", scope.description());
    model.put("done", done);
    model.put("maySupervise", pages.mayHandOver(user));
    model.put("month", shown.toString());
    model.put("monthText", shown.getYear() + "年" + shown.getMonthValue() + "月");
    model.put("previousMonth", PATH + "?month=" + shown.minusMonths(1));
    model.put("nextMonth", shown.isBefore(YearMonth.from(today)) ? PATH + "?month=" + shown.plusMonths(1) : null);
    model.put("tiles", tiles(total, rows));
    model.put("counts", List.of(new Count("受理", total.received(), rows.apply("received")),
        new Count("已办结", total.closed(), rows.apply("closed")),
        new Count("逾期未办结", total.overdueOpen(), rows.apply("overdueOpen")),
        new Count("不满意", total.unsatisfied(), rows.apply("unsatisfied"))));
    model.put("coverage", figures.visitCoverage());
    model.put("coverageYear", percent(figures.visitCoverage().yearRate()));
    model.put("coverageMonth", percent(figures.visitCoverage().monthRate()));
    model.put("definitions", KpiQuery.DEFINITIONS.values());
    model.put("grids", figures.byGrid());
    model.put("overdue", items(scope, "overdueOpen", null, r -> ""));
    model.put("dueSoon", items(scope, "dueThisWeek", null, r -> ""));
    model.put("atStreet", items(scope, "atStreetOffice", null, DashboardPage::daysWaiting));
    model.put("unsatisfiedList", items(scope, "unsatisfied", new String[] {from, to}, register::rectification));
    model.put("overdueHref", link(Map.of("measure", "overdueOpen")));
    model.put("dueSoonHref", link(Map.of("measure", "dueThisWeek")));
    model.put("atStreetHref", link(Map.of("measure", "atStreetOffice")));
    model.put("unsatisfiedHref", rows.apply("unsatisfied"));
    model.put("charts", JSON.writeValueAsString(charts(scope, shown, figures)));
    return new ModelAndView("register/dashboard", model, HttpStatus.OK);
  }

  private List<Tile> tiles(KpiQuery.Figures total, Function<String, String> rows) {
    Map<String, Object> values = JSON.convertValue(total, Map.class);
    List<Tile> tiles = new ArrayList<>();
    for (String[] rate : RATES) {
      Double value = values.get(rate[0]) instanceof Number n ? n.doubleValue() : null;
      Double target = targets.targets().get(rate[0]);
      tiles.add(new Tile(rate[1], value == null ? "—" : percent(value), ((Number) values.get(rate[2])).longValue(),
          rows.apply(rate[2]), ((Number) values.get(rate[3])).longValue(), rows.apply(rate[3]),
          targets.colour(rate[0], value), target == null ? "" : "目标 " + percent(target),
          KpiQuery.DEFINITIONS.getOrDefault(rate[0], "")));
    }
    return tiles;
  }

  /** The trend of the last six months and the grids and workers of the month, for the charts. */
  private Map<String, Object> charts(RegisterQuery.Scope scope, YearMonth shown, KpiQuery.Kpi figures) {
    List<String> months = new ArrayList<>();
    Map<String, List<Double>> trend = new LinkedHashMap<>();
    for (String[] rate : RATES) {
      trend.put(rate[1], new ArrayList<>());
    }
    for (int back = TREND_MONTHS - 1; back >= 0; back--) {
      YearMonth m = shown.minusMonths(back);
      months.add(m.getMonthValue() + "月");
      Map<String, Object> values = JSON.convertValue(kpi.total(scope, m.atDay(1).toString(),
          m.atEndOfMonth().toString()), Map.class);
      for (String[] rate : RATES) {
        trend.get(rate[1]).add(values.get(rate[0]) instanceof Number n ? n.doubleValue() : null);
      }
    }
    Map<String, Object> charts = new LinkedHashMap<>();
    charts.put("months", months);
    charts.put("trend", trend);
    charts.put("grids", compare(figures.byGrid()));
    charts.put("workers", compare(figures.byWorker()));
    return charts;
  }

  private static Map<String, Object> compare(List<KpiQuery.Figures> lines) {
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("names", lines.stream().map(KpiQuery.Figures::name).toList());
    chart.put("received", lines.stream().map(KpiQuery.Figures::received).toList());
    chart.put("closed", lines.stream().map(KpiQuery.Figures::closed).toList());
    chart.put("overdue", lines.stream().map(KpiQuery.Figures::overdueOpen).toList());
    chart.put("onTimeRate", lines.stream().map(KpiQuery.Figures::onTimeRate).toList());
    return chart;
  }

  private List<Item> items(RegisterQuery.Scope scope, String measure, String[] period,
      Function<RegisterQuery.Row, String> note) {
    RegisterQuery.Page page = register.search(scope, new RegisterQuery.Filter(null, period == null ? null : period[0],
        period == null ? null : period[1], null, null, null, null, null, measure, null, String.valueOf(LIST_SIZE)));
    return page.rows().stream().map(r -> new Item(r.caseNumber(), CaseRegisterPage.PATH + "/" + r.caseNumber(),
        r.residentName(), r.categoryName(), r.holderName(),
        RegisterQuery.minute(r.currentDueAt()), note.apply(r))).toList();
  }

  private static String daysWaiting(RegisterQuery.Row row) {
    if (row.heldSince() == null) {
      return "";
    }
    long days = Duration.between(OffsetDateTime.parse(row.heldSince()).toInstant(),
        ClockUtil.getCurrentTime().toInstant()).toDays();
    return "已等待 " + days + " 天";
  }

  /** The register's rows behind a figure, the filters in a fixed order. */
  private static String link(Map<String, String> params) {
    return CaseRegisterPage.link(CaseRegisterPage.PATH, new java.util.TreeMap<>(params), null);
  }

  static String percent(Double share) {
    return share == null ? "—" : String.format("%.1f%%", share * 100);
  }

}
