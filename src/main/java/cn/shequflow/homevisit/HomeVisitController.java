package cn.shequflow.homevisit;

import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Coverage over REST for the KPI view and managers (a worker sees their own grid only), the managers' coverage page,
 * and the manual plan run.
 */
@Controller
class HomeVisitController {

  private final Coverage coverage;
  private final VisitPlanner planner;
  private final Organisation organisation;
  private final BasicAuthentication authentication;

  HomeVisitController(Coverage coverage, VisitPlanner planner, Organisation organisation,
      BasicAuthentication authentication) {
    this.coverage = coverage;
    this.planner = planner;
    this.organisation = organisation;
    this.authentication = authentication;
  }

  @GetMapping(path = "/api/coverage", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> coverage(HttpServletRequest request, @RequestParam(required = false) String month) {
    return authentication.withUser(request, user -> coverageFor(user, month));
  }

  private ResponseEntity<?> coverageFor(String user, String month) {
    YearMonth period = month(month);
    List<Coverage.GridCoverage> grids = coverage.grids(period);
    List<Coverage.WorkerCoverage> workers = coverage.workers(period.getYear());
    if (!organisation.seesAllGrids(user)) {
      String own = organisation.gridOf(user).orElse("");
      grids = grids.stream().filter(g -> g.grid().equals(own)).toList();
      workers = workers.stream().filter(w -> w.grid().equals(own)).toList();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("month", period.toString());
    body.put("grids", grids);
    body.put("workers", workers);
    return ResponseEntity.ok(body);
  }

  @GetMapping(path = "/api/coverage/unreached", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> unreached(HttpServletRequest request, @RequestParam String grid,
      @RequestParam(required = false) String month, @RequestParam(defaultValue = "annual") String kind) {
    return authentication.withUser(request, user -> !organisation.mayAccessGrid(user, grid)
        ? ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", "只能查看本网格的走访情况"))
        : ResponseEntity.ok(coverage.unreached(grid, month(month), "monthly".equals(kind), 1000)));
  }

  /**
   * The managers' page: coverage per grid and per worker this month, in Chinese, from the same numbers as the REST;
   * rendered by templates/homevisit/coverage.html.
   */
  @GetMapping("/coverage")
  ModelAndView page(HttpServletRequest request, @RequestParam(required = false) String month) {
    String user = authentication.currentUser(request);
    if (user == null || !organisation.seesAllGrids(user)) {
      return new ModelAndView("layout/message", Map.of("title", "走访覆盖率", "message",
          "请以社区书记/主任身份登录任务列表后再打开本页。"), user == null ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN);
    }
    YearMonth period = month(month);
    Map<String, Object> model = new HashMap<>();
    model.put("month", period.toString());
    model.put("grids", coverage.grids(period).stream().map(g -> new GridRow(gridName(g.grid()), g.households(),
        g.visitedThisYear(), g.yearShare(), g.specialHouseholds(), g.specialReachedThisMonth(), g.monthShare(),
        unreachedLink(g.grid(), period, false), unreachedLink(g.grid(), period, true))).toList());
    model.put("workers", coverage.workers(period.getYear()).stream().map(w -> new WorkerRow(
        organisation.displayName(w.worker()), gridName(w.grid()), w.householdsVisited())).toList());
    return new ModelAndView("homevisit/coverage", model, HttpStatus.OK);
  }

  /** A grid's line of the page, with the links to its lists of households not reached. */
  record GridRow(String name, long households, long visitedThisYear, double yearShare, long specialHouseholds,
      long specialReachedThisMonth, double monthShare, String unreachedThisYear, String unreachedThisMonth) {}

  /** A worker's line of the page. */
  record WorkerRow(String name, String gridName, long householdsVisited) {}

  private static String unreachedLink(String grid, YearMonth month, boolean monthly) {
    UriComponentsBuilder link = UriComponentsBuilder.fromPath("/api/coverage/unreached").queryParam("grid", grid)
        .queryParam("month", month.toString());
    if (monthly) {
      link.queryParam("kind", "monthly");
    }
    return link.encode().build().toUriString();
  }

  private String gridName(String grid) {
    return organisation.grids().stream().filter(g -> g.getId().equals(grid)).map(g -> g.getName()).findFirst()
        .orElse(grid);
  }

  @PostMapping(path = "/api/visits/plan", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> plan(@RequestHeader(name = "Authorization", required = false) String authorization,
      @RequestParam(required = false) String month) {
    return authentication.requireGroup(authorization, Set.of(Organisation.MANAGERS, Organisation.ADMINS),
        "只有社区书记/主任可以生成走访计划", manager -> ResponseEntity.ok(planner.plan(month(month))));
  }


  static YearMonth month(String month) {
    if (month == null || month.isBlank()) {
      return YearMonth.from(ClockUtil.getCurrentTime().toInstant().atZone(java.time.ZoneId.of("Asia/Shanghai")));
    }
    try {
      YearMonth parsed = YearMonth.parse(month.trim());
      if (parsed.getYear() >= 2000 && parsed.getYear() <= 2100) {
        return parsed;
      }
    } catch (java.time.format.DateTimeParseException notAMonth) {
      // answered below
    }
    // bad input is a 400 with a Chinese reason, never a 500 (issue 10 item 10)
    throw new org.springframework.web.server.ResponseStatusException(HttpStatus.BAD_REQUEST,
        "月份“" + month + "”格式不正确，应为 2026-09 这样的年-月（2000 至 2100 年）");
  }
}
