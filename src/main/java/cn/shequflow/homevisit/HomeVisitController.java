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
    if (!seesAllGrids(user)) {
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
    if (!seesAllGrids(user) && !organisation.isMember(user, grid)) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", "只能查看本网格的走访情况"));
    }
    return ResponseEntity.ok(coverage.unreached(grid, month(month), "monthly".equals(kind), 1000));
  }

  @PostMapping(path = "/api/visits/plan", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> plan(@RequestHeader(name = "Authorization", required = false) String authorization,
      @RequestParam(required = false) String month) {
    return authentication.requireGroup(authorization, Set.of(Organisation.MANAGERS, Organisation.ADMINS),
        "只有社区书记/主任可以生成走访计划", manager -> ResponseEntity.ok(planner.plan(month(month))));
  }

  private boolean seesAllGrids(String user) {
    return organisation.isMember(user, Organisation.MANAGERS) || organisation.isMember(user, Organisation.ADMINS);
  }

  static YearMonth month(String month) {
    return month == null || month.isBlank()
        ? YearMonth.from(ClockUtil.getCurrentTime().toInstant().atZone(java.time.ZoneId.of("Asia/Shanghai")))
        : YearMonth.parse(month);
  }
}
