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
 * {@code GET /api/kpi?from=&to=[&grid=][&worker=][&channel=][&category=]}: the service figures of the cases received
 * in the period (this month when from and to are absent), by the contract's definitions. A worker asking for another
 * grid gets their own grid's figures; the street office those of the cases escalated to it; anyone else 403.
 */
@RestController
class KpiController {

  private final KpiQuery kpi;
  private final RegisterQuery register;
  private final BasicAuthentication authentication;

  KpiController(KpiQuery kpi, RegisterQuery register, BasicAuthentication authentication) {
    this.kpi = kpi;
    this.register = register;
    this.authentication = authentication;
  }

  @GetMapping(path = "/api/kpi", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> figures(@RequestParam Map<String, String> params, HttpServletRequest request) {
    String user = authentication.currentUser(request);
    if (user == null) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
          .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"shequ-flow\"").body(Map.of("message", "请先登录"));
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
