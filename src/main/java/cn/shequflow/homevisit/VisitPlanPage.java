package cn.shequflow.homevisit;

import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.StaffPages;
import jakarta.servlet.http.HttpServletRequest;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The staff page of the month's visit plan (本月走访计划, /staff/visits): per grid its workers, households and how
 * many visits are planned, done and overdue, then the planned visits a page at a time with step, holder and state.
 * A worker sees their own grid only; a manager sees every grid and may run the plan (the service behind
 * POST /api/visits/plan). Residents' addresses are shown to the grid's workers and managers only (R-4.1-1), so an
 * administrator is refused like anyone outside a grid.
 */
@Controller
class VisitPlanPage {

  static final String PATH = "/staff/visits";
  static final int PAGE_SIZE = 50;
  private static final String TITLE = "本月走访计划";

  private final VisitPlanner planner;
  private final VisitPlanView plan;
  private final Organisation organisation;
  private final IdentityService identityService;
  private final StaffPages pages;

  VisitPlanPage(VisitPlanner planner, VisitPlanView plan, Organisation organisation, IdentityService identityService,
      StaffPages pages) {
    this.planner = planner;
    this.plan = plan;
    this.organisation = organisation;
    this.identityService = identityService;
    this.pages = pages;
  }

  /** A grid's line of the summary. */
  record GridLine(String name, String workers, long households, long unplanned, long monthlyPlanned,
      long monthlyVisited, long annualPlanned, long annualVisited, long overdue) {}

  /** A planned visit's line: names, Beijing times and the state in words. */
  record VisitLine(String visitNumber, String householdNo, String householdUrl, String address, String gridName,
      String kindName, String specialTypes, String due, String step, String holder, String state, boolean visited,
      boolean overdue) {}

  @GetMapping(PATH)
  ModelAndView page(HttpServletRequest request, @RequestParam(required = false) String month,
      @RequestParam(required = false) String grid, @RequestParam(required = false) String kind,
      @RequestParam(defaultValue = "1") String page) {
    String user = pages.user(request);
    ModelAndView refusal = refusal(request, user);
    if (refusal != null) {
      return refusal;
    }
    Query query;
    try {
      query = query(user, month, grid, kind, page);
    } catch (Refused refused) {
      return pages.refusal(request, refused.status, TITLE, refused.getMessage());
    }
    return render(request, user, query, null, HttpStatus.OK);
  }

  /** Runs the plan of the month (managers); a second run for the same month creates nothing. */
  @PostMapping(PATH + "/plan")
  ModelAndView run(HttpServletRequest request, @RequestParam(required = false) String month) {
    String user = pages.user(request);
    ModelAndView refusal = refusal(request, user);
    if (refusal != null) {
      return refusal;
    }
    if (!organisation.seesAllGrids(user)) {
      return pages.refusal(request, HttpStatus.FORBIDDEN, TITLE, "只有社区书记/主任可以生成走访计划；网格员可以查看本网格的计划。");
    }
    if (!pages.tokenMatches(request)) {
      return pages.badToken(request, TITLE);
    }
    Query query;
    try {
      query = query(user, month, null, null, "1");
    } catch (Refused refused) {
      return pages.refusal(request, refused.status, TITLE, refused.getMessage());
    }
    VisitPlanner.PlanReport report = planner.plan(query.month);
    String ran = String.format("已生成 %s 的走访计划：检查了 %d 户，新建每月走访（特殊家庭）%d 件、年度走访 %d 件，"
        + "%d 户已在计划中未重复创建。", report.month(), report.householdsScanned(), report.monthlyCreated(),
        report.annualCreated(), report.alreadyPlanned());
    return render(request, user, query, ran, HttpStatus.OK);
  }

  private ModelAndView refusal(HttpServletRequest request, String user) {
    return pages.refuseUnless(request, user, pages.maySeeVisitPlan(user), TITLE,
        "走访计划列出住户的地址，只有网格员（本网格）和社区书记/主任可以查看。");
  }

  /** What the page shows: the month, the grid (always the worker's own for a worker), the kind, the page number. */
  private record Query(YearMonth month, String grid, String kind, int page, boolean allGrids) {}

  private static final class Refused extends Exception {
    final HttpStatus status;

    Refused(HttpStatus status, String message) {
      super(message);
      this.status = status;
    }
  }

  private Query query(String user, String month, String grid, String kind, String page) throws Refused {
    YearMonth period;
    try {
      period = HomeVisitController.month(month);
    } catch (ResponseStatusException bad) {
      throw new Refused(HttpStatus.BAD_REQUEST, bad.getReason());
    }
    String chosen = blank(grid) ? null : grid.trim();
    boolean allGrids = organisation.seesAllGrids(user);
    if (!allGrids) {
      String own = organisation.gridOf(user).orElseThrow();
      if (chosen != null && !chosen.equals(own)) {
        throw new Refused(HttpStatus.FORBIDDEN, "只能查看本网格（" + pages.gridName(own) + "）的走访计划。");
      }
      chosen = own;
    } else if (chosen != null && !organisation.gridExists(chosen)) {
      throw new Refused(HttpStatus.BAD_REQUEST, "没有这个网格，请从列表中选择。");
    }
    String chosenKind = blank(kind) ? null : kind.trim();
    if (chosenKind != null && !VisitPlanView.MONTHLY.equals(chosenKind) && !VisitPlanView.ANNUAL.equals(chosenKind)) {
      throw new Refused(HttpStatus.BAD_REQUEST, "走访类型只能是“每月走访”或“年度走访”。");
    }
    int number;
    try {
      number = Integer.parseInt(page.trim());
    } catch (NumberFormatException e) {
      number = -1;
    }
    if (number < 1 || number > 100_000) {
      throw new Refused(HttpStatus.BAD_REQUEST, "页码须为 1 到 100000 之间的整数。");
    }
    return new Query(period, chosen, chosenKind, number, allGrids);
  }

  private ModelAndView render(HttpServletRequest request, String user, Query query, String ran, HttpStatus status) {
    Map<String, String> workers = new java.util.HashMap<>();
    List<GridLine> grids = plan.counts(query.month, query.grid).stream().map(c -> new GridLine(pages.gridName(c.grid()),
        workers.computeIfAbsent(c.grid(), this::workersOf), c.households(), c.unplanned(), c.monthlyPlanned(),
        c.monthlyVisited(), c.annualPlanned(), c.annualVisited(), c.overdue())).toList();
    VisitPlanView.Page visits = plan.page(query.month, query.grid, query.kind, (query.page - 1) * PAGE_SIZE, PAGE_SIZE);
    long pagesTotal = Math.max(1, (visits.total() + PAGE_SIZE - 1) / PAGE_SIZE);

    Map<String, Object> model = pages.model(request, user, PATH);
    model.put("month", query.month.toString());
    model.put("monthText", text(query.month));
    model.put("monthChoices", monthChoices(query.month));
    model.put("year", query.month.getYear());
    model.put("grid", query.grid);
    model.put("kind", query.kind);
    model.put("allGrids", query.allGrids);
    model.put("ownGridName", query.allGrids ? null : pages.gridName(query.grid));
    model.put("gridChoices", query.allGrids ? organisation.grids().stream()
        .map(g -> Map.entry(g.getId(), pages.gridName(g.getId()))).sorted(Map.Entry.comparingByKey()).toList()
        : List.of());
    model.put("grids", grids);
    model.put("totals", total(grids));
    model.put("visits", visits.visits().stream().map(v -> line(v, workers)).toList());
    model.put("total", visits.total());
    model.put("page", query.page);
    model.put("pages", pagesTotal);
    model.put("previous", query.page > 1 ? link(query, query.page - 1) : null);
    model.put("next", query.page < pagesTotal ? link(query, query.page + 1) : null);
    model.put("ran", ran);
    return new ModelAndView("homevisit/plan", model, status);
  }

  private VisitLine line(VisitPlanView.PlannedVisit v, Map<String, String> workers) {
    String holder;
    String state;
    if (v.visited()) {
      holder = pages.name(v.visitedBy());
      state = "已走访（" + StaffPages.time(v.visitedAt()) + "）";
    } else if (v.step() != null) {
      holder = v.assignee() != null ? pages.name(v.assignee())
          : "待认领（" + workers.computeIfAbsent(v.grid(), this::workersOf) + "）";
      state = v.overdue() ? "已逾期" : "进行中";
    } else {
      holder = "—";
      state = "已结束，未走访";
    }
    boolean monthly = VisitPlanView.MONTHLY.equals(v.kind());
    return new VisitLine(v.visitNumber(), v.householdNo(), "/households/" + v.householdId(), v.address(),
        pages.gridName(v.grid()), monthly ? "每月走访（特殊家庭）" : "年度走访", v.specialTypes(),
        StaffPages.time(v.dueAt()), v.step() == null ? "" : v.step(), holder, state, v.visited(), v.overdue());
  }

  private static GridLine total(List<GridLine> grids) {
    if (grids.size() < 2) {
      return null;
    }
    return new GridLine("合计", "", grids.stream().mapToLong(GridLine::households).sum(),
        grids.stream().mapToLong(GridLine::unplanned).sum(), grids.stream().mapToLong(GridLine::monthlyPlanned).sum(),
        grids.stream().mapToLong(GridLine::monthlyVisited).sum(), grids.stream().mapToLong(GridLine::annualPlanned).sum(),
        grids.stream().mapToLong(GridLine::annualVisited).sum(), grids.stream().mapToLong(GridLine::overdue).sum());
  }

  /** The grid's workers by name, 张伟、…; "（暂无网格员）" when nobody is in the grid. */
  private String workersOf(String grid) {
    String names = identityService.createUserQuery().memberOfGroup(grid).orderByUserId().asc().list().stream()
        .map(u -> organisation.displayName(u.getId())).collect(Collectors.joining("、"));
    return names.isEmpty() ? "暂无网格员" : names;
  }

  private static String link(Query query, int page) {
    UriComponentsBuilder builder = UriComponentsBuilder.fromPath(PATH).queryParam("month", query.month.toString());
    if (query.allGrids && query.grid != null) {
      builder.queryParam("grid", query.grid);
    }
    if (query.kind != null) {
      builder.queryParam("kind", query.kind);
    }
    return builder.queryParam("page", page).encode().build().toUriString();
  }

  /** The months offered: a year back to two months ahead of this month, and the month shown (from a link). */
  private static List<Map.Entry<String, String>> monthChoices(YearMonth shown) {
    YearMonth now = HomeVisitController.month(null);
    java.util.TreeSet<YearMonth> months = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
    for (YearMonth m = now.minusMonths(12); !m.isAfter(now.plusMonths(2)); m = m.plusMonths(1)) {
      months.add(m);
    }
    months.add(shown);
    return months.stream().map(m -> Map.entry(m.toString(), text(m))).toList();
  }

  private static String text(YearMonth month) {
    return month.getYear() + "年" + month.getMonthValue() + "月";
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
