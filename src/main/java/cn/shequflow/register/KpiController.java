package cn.shequflow.register;

import cn.shequflow.audit.AuditLog;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/kpi?from=&to=[&grid=][&worker=][&channel=][&category=]}: the service figures of the cases received
 * in the period (this month when from and to are absent), by the contract's definitions. A worker asking for another
 * grid gets their own grid's figures; the street office those of the cases escalated to it; anyone else 403.
 */
@RestController
class KpiController {

  private final KpiQuery kpi;
  private final RegisterQuery register;
  private final BasicAuthentication authentication;
  private final Organisation organisation;
  private final AuditLog audit;
  private final String communityName;

  KpiController(KpiQuery kpi, RegisterQuery register, BasicAuthentication authentication, Organisation organisation,
      AuditLog audit, @Value("${shequ.community-name}") String communityName) {
    this.kpi = kpi;
    this.register = register;
    this.authentication = authentication;
    this.organisation = organisation;
    this.audit = audit;
    this.communityName = communityName;
  }

  /**
   * {@code GET /api/kpi/monthly-report?month=yyyy-MM} (last month when absent): the 月报 for the street office as
   * xlsx — the month's figures by grid and in all, the month's cases overdue now, its 不满意 ratings and their
   * rectification, the definitions — for what the caller may see; audited as an export.
   */
  @GetMapping(path = "/api/kpi/monthly-report")
  ResponseEntity<?> monthlyReport(@RequestParam(required = false) String month, HttpServletRequest request)
      throws IOException {
    String user = authentication.currentUser(request);
    if (user == null) {
      return BasicAuthentication.notLoggedIn("请先登录");
    }
    RegisterQuery.Scope scope = register.scopeOf(user);
    if (scope.none()) {
      audit.record(AuditLog.Event.of(user, AuditLog.EXPORT, "monthly-report", null, AuditLog.DENIED).operation("xlsx"));
      return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("message", "您无权导出月报（网格工作人员、社区书记/主任和街道办事处可以导出）"));
    }
    YearMonth shown;
    try {
      shown = month == null || month.isBlank()
          ? YearMonth.from(LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), RegisterQuery.SHANGHAI))
              .minusMonths(1)
          : YearMonth.parse(month.trim());
    } catch (DateTimeParseException e) {
      return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("message", "月份（month）应为 yyyy-MM 格式，例如 2026-11"));
    }
    String from = shown.atDay(1).toString();
    String to = shown.atEndOfMonth().toString();
    KpiQuery.Kpi figures = kpi.compute(scope, Map.of("from", from, "to", to));
    byte[] file;
    try (MonthlyReport report = new MonthlyReport(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      report.figures(communityName, shown, scope.description(), figures.byGrid(), figures.total());
      report.cases(MonthlyReport.OVERDUE, cases(scope, from, to, "overdueOpen"), row -> row.overdue() ? "已逾期" : "");
      report.cases(MonthlyReport.UNSATISFIED, cases(scope, from, to, "unsatisfied"), register::rectification);
      report.notes(KpiQuery.DEFINITIONS.values(), "制表：" + organisation.displayName(user) + "，"
          + figures.asOf().substring(0, 16).replace('T', ' ') + "（北京时间，按当时的办理情况计算）");
      report.write(out);
      file = out.toByteArray();
    }
    audit.record(AuditLog.Event.of(user, AuditLog.EXPORT, "monthly-report", shown.toString(), AuditLog.SUCCESS)
        .operation("xlsx").detail("范围：" + scope.description() + "；受理 " + figures.total().received() + " 件"));
    String name = communityName + "月报-" + shown + ".xlsx";
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(CaseRegisterController.XLSX))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"monthly-report-" + shown
            + ".xlsx\"; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
        .header(HttpHeaders.CACHE_CONTROL, "no-store").body(file);
  }

  /** All the month's cases a measure counts (a month's overdue or 不满意 cases are few). */
  private List<RegisterQuery.Row> cases(RegisterQuery.Scope scope, String from, String to, String measure) {
    List<RegisterQuery.Row> rows = new ArrayList<>();
    register.each(scope, new RegisterQuery.Filter(null, from, to, null, null, null, null, null, measure, null, null),
        rows::add);
    return rows;
  }

  @GetMapping(path = "/api/kpi", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> figures(@RequestParam Map<String, String> params, HttpServletRequest request) {
    String user = authentication.currentUser(request);
    if (user == null) {
      return BasicAuthentication.notLoggedIn("请先登录");
    }
    RegisterQuery.Scope scope = register.scopeOf(user);
    if (scope.none()) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN)
          .body(Map.of("message", "您无权查看服务指标（网格工作人员、社区书记/主任和街道办事处可以查看）"));
    }
    try {
      return ResponseEntity.ok(kpi.compute(scope, params));
    } catch (RegisterQuery.BadFilter e) {
      return ResponseEntity.badRequest().body(Map.of("message", e.getMessage()));
    }
  }
}
