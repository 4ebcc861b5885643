package cn.shequflow.register;

import cn.shequflow.audit.AuditLog;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/cases?q=&from=&to=&grid=&worker=&status=&category=&channel=&measure=&page=&size=}: the case register,
 * newest first, paged (page from 1, size up to 100). q finds a case by its number, or by part of the resident's name
 * or phone; measure (one of the KPI counts: closedOnTime, overdueOpen, unsatisfied…) lists the rows a figure counts. A
 * worker gets their own grid's rows whatever they ask; managers all; the street office the cases escalated
 * to it; anyone else 403.
 *
 * <p>{@code GET /api/cases/export?…} (same filters, page and size ignored): all those rows as an .xlsx file
 * (事项台账-yyyy-MM-dd.xlsx), each export written to the audit log with the user, the filter and the row count.
 */
@RestController
class CaseRegisterController {

  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  private static final MediaType JSON = MediaType.parseMediaType("application/json;charset=UTF-8");
  /** The filter parameters, in the order the audit record and the file's second sheet list them. */
  static final List<String> FILTERS = List.of("q", "from", "to", "grid", "worker", "status", "category", "channel");

  private final RegisterQuery query;
  private final BasicAuthentication authentication;
  private final AuditLog audit;
  private final Organisation organisation;

  CaseRegisterController(RegisterQuery query, BasicAuthentication authentication, AuditLog audit,
      Organisation organisation) {
    this.query = query;
    this.authentication = authentication;
    this.audit = audit;
    this.organisation = organisation;
  }

  @GetMapping(path = "/api/cases", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> search(@RequestParam Map<String, String> params, HttpServletRequest request) {
    String user = authentication.currentUser(request);
    RegisterQuery.Scope scope = user == null ? null : query.scopeOf(user);
    if (scope == null || scope.none()) {
      return refused(scope);
    }
    try {
      return ResponseEntity.ok(query.search(scope, filter(params)));
    } catch (RegisterQuery.BadFilter e) {
      return badFilter(e);
    }
  }

  /**
   * The rows go from the database into the streaming workbook (its temporary file) first, the file to the client
   * after: a filter refused half-way still answers 400 in Chinese, and the audit row has the exact row count.
   */
  @GetMapping(path = "/api/cases/export")
  ResponseEntity<?> export(@RequestParam Map<String, String> params, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    String user = authentication.currentUser(request);
    RegisterQuery.Scope scope = user == null ? null : query.scopeOf(user);
    if (scope == null || scope.none()) {
      if (scope != null) {
        audit.record(AuditLog.Event.of(user, AuditLog.EXPORT, "case-register", null, AuditLog.DENIED)
            .operation("xlsx"));
      }
      return refused(scope);
    }
    LocalDateTime now = LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), RegisterQuery.SHANGHAI);
    try (RegisterWorkbook workbook = new RegisterWorkbook()) {
      long rows;
      try {
        rows = query.each(scope, filter(params), workbook::add);
      } catch (RegisterQuery.BadFilter e) {
        return badFilter(e);
      }
      workbook.about(List.of(new String[] {"导出人", organisation.displayName(user) + "（" + user + "）"},
          new String[] {"导出时间", now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + "（北京时间）"},
          new String[] {"可见范围", scope.description()}, new String[] {"查询条件", conditions(params, false)},
          new String[] {"事项件数", String.valueOf(rows)}));
      audit.record(AuditLog.Event.of(user, AuditLog.EXPORT, "case-register", scope.description(), AuditLog.SUCCESS)
          .operation("xlsx").detail("行数 " + rows + "；条件：" + conditions(params, true)));
      String name = "事项台账-" + now.toLocalDate() + ".xlsx";
      response.setContentType(XLSX);
      response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"case-register-" + now.toLocalDate()
          + ".xlsx\"; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
      response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
      workbook.write(response.getOutputStream());
      response.flushBuffer();
    }
    return null; // the response is written
  }

  /** 401 without a login (scope null), 403 for a user who may see no row. */
  private static ResponseEntity<?> refused(RegisterQuery.Scope scope) {
    if (scope == null) {
      return BasicAuthentication.notLoggedIn("请先登录");
    }
    return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(JSON)
        .body(Map.of("message", "您无权查看事项台账（网格工作人员、社区书记/主任和街道办事处可以查看）"));
  }

  private static ResponseEntity<?> badFilter(RegisterQuery.BadFilter e) {
    return ResponseEntity.badRequest().contentType(JSON).body(Map.of("message", e.getMessage()));
  }

  /**
   * The filter as given, for the file and the audit row: "无" when none. The audit row never holds what was searched
   * for (a resident's name or phone is household data, which the audit log does not keep), only that q was given.
   */
  static String conditions(Map<String, String> params, boolean forAudit) {
    List<String> given = new ArrayList<>();
    for (String name : FILTERS) {
      String value = params.get(name);
      if (value != null && !value.isBlank()) {
        given.add(name + "=" + (forAudit && "q".equals(name) ? "（已填写，" + value.trim().length() + " 个字）"
            : value.trim()));
      }
    }
    return given.isEmpty() ? "无" : String.join("，", given);
  }

  static RegisterQuery.Filter filter(Map<String, String> params) {
    return new RegisterQuery.Filter(params.get("q"), params.get("from"), params.get("to"), params.get("grid"),
        params.get("worker"), params.get("status"), params.get("category"), params.get("channel"),
        params.get("measure"), params.get("page"), params.get("size"));
  }
}
