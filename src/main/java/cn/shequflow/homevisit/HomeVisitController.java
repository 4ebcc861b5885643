package cn.shequflow.homevisit;

import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Coverage over REST for the KPI view and managers (a worker sees their own grid only), and the manual plan run.
 */
@RestController
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
    String user = authentication.currentUser(request);
    if (user == null) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("message", "需要登录"));
    }
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
    String user = authentication.currentUser(request);
    if (user == null) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("message", "需要登录"));
    }
    if (!organisation.mayAccessGrid(user, grid)) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", "只能查看本网格的走访情况"));
    }
    return ResponseEntity.ok(coverage.unreached(grid, month(month), "monthly".equals(kind), 1000));
  }

  /** The managers' page: coverage per grid and per worker this month, in Chinese, from the same numbers as the REST. */
  @GetMapping("/coverage")
  ResponseEntity<String> page(HttpServletRequest request, @RequestParam(required = false) String month) {
    org.springframework.http.MediaType html = new org.springframework.http.MediaType("text", "html",
        java.nio.charset.StandardCharsets.UTF_8);
    String user = authentication.currentUser(request);
    if (user == null || !organisation.seesAllGrids(user)) {
      return ResponseEntity.status(user == null ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN).contentType(html)
          .body("<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"UTF-8\"><p>请以社区书记/主任身份登录任务列表后再打开本页。</p></html>");
    }
    YearMonth period = month(month);
    StringBuilder grids = new StringBuilder();
    for (Coverage.GridCoverage g : coverage.grids(period)) {
      grids.append("<tr><td>").append(esc(gridName(g.grid()))).append("</td><td>").append(g.households())
          .append("</td><td>").append(g.visitedThisYear()).append("（").append(g.yearShare()).append("%）</td><td>")
          .append(g.specialHouseholds()).append("</td><td>").append(g.specialReachedThisMonth()).append("（")
          .append(g.monthShare()).append("%）</td><td><a href=\"/api/coverage/unreached?grid=").append(esc(g.grid()))
          .append("&month=").append(period).append("\">年度未走访</a> · <a href=\"/api/coverage/unreached?grid=")
          .append(esc(g.grid())).append("&month=").append(period).append("&kind=monthly\">本月未联系</a></td></tr>");
    }
    StringBuilder workers = new StringBuilder();
    for (Coverage.WorkerCoverage w : coverage.workers(period.getYear())) {
      workers.append("<tr><td>").append(esc(organisation.displayName(w.worker()))).append("</td><td>")
          .append(esc(gridName(w.grid()))).append("</td><td>").append(w.householdsVisited()).append("</td></tr>");
    }
    return ResponseEntity.ok().contentType(html).body("""
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="UTF-8"><title>走访覆盖率 %s</title>
        <style>body{font-family:"Noto Sans CJK SC",sans-serif;max-width:1000px;margin:20px auto}
        table{border-collapse:collapse;width:100%%;margin-bottom:24px}th,td{border:1px solid #999;padding:6px}
        th{background:#f4f4f4}</style></head><body>
        <h2>走访覆盖率（%s）</h2>
        <p>R-3.1.2-1 每户每年至少走访一次；R-3.1.2-2 特殊家庭每月至少走访或联系一次。</p>
        <table><tr><th>网格</th><th>住户</th><th>本年已走访</th><th>特殊家庭</th><th>本月已走访或联系</th><th>名单</th></tr>%s</table>
        <h3>工作人员本年走访户数</h3>
        <table><tr><th>工作人员</th><th>网格</th><th>走访户数</th></tr>%s</table>
        </body></html>""".formatted(period, period, grids, workers));
  }

  private String gridName(String grid) {
    return organisation.grids().stream().filter(g -> g.getId().equals(grid)).map(g -> g.getName()).findFirst()
        .orElse(grid);
  }

  private static String esc(String value) {
    return value == null ? "" : org.springframework.web.util.HtmlUtils.htmlEscape(value);
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
