package cn.shequflow.register;

import cn.shequflow.security.BasicAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
 */
@RestController
class CaseRegisterController {

  private final RegisterQuery query;
  private final BasicAuthentication authentication;

  CaseRegisterController(RegisterQuery query, BasicAuthentication authentication) {
    this.query = query;
    this.authentication = authentication;
  }

  @GetMapping(path = "/api/cases", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> search(@RequestParam Map<String, String> params, HttpServletRequest request) {
    String user = authentication.currentUser(request);
    if (user == null) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
          .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"shequ-flow\"").body(Map.of("message", "请先登录"));
    }
    RegisterQuery.Scope scope = query.scopeOf(user);
    if (scope.none()) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN)
          .body(Map.of("message", "您无权查看事项台账（网格工作人员、社区书记/主任和街道办事处可以查看）"));
    }
    try {
      return ResponseEntity.ok(query.search(scope, filter(params)));
    } catch (RegisterQuery.BadFilter e) {
      return ResponseEntity.badRequest().body(Map.of("message", e.getMessage()));
    }
  }

  static RegisterQuery.Filter filter(Map<String, String> params) {
    return new RegisterQuery.Filter(params.get("q"), params.get("from"), params.get("to"), params.get("grid"),
        params.get("worker"), params.get("status"), params.get("category"), params.get("channel"),
        params.get("measure"), params.get("page"), params.get("size"));
  }
}
