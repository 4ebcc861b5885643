package cn.shequflow.proxyservice;

import cn.shequflow.audit.AuditLog;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * Printable documents of a proxy case, as HTML for the browser's print: the entrustment letter with material
 * receipt (R-3.1.3-4) and the handover receipt (R-3.1.3-6). Only the case's grid and the managers may print them;
 * every print is logged with user and case number (R-1.2-7).
 */
@Controller
class ProxyDocumentsController {

  private static final Logger AUDIT = LoggerFactory.getLogger("cn.shequflow.audit");

  private final Organisation organisation;
  private final BasicAuthentication authentication;
  private final ProxyDocuments documents;
  private final AuditLog audit;

  ProxyDocumentsController(Organisation organisation, BasicAuthentication authentication, ProxyDocuments documents,
      AuditLog audit) {
    this.organisation = organisation;
    this.authentication = authentication;
    this.documents = documents;
    this.audit = audit;
  }

  @GetMapping("/print/proxy/{caseNumber}/{document}")
  ModelAndView print(@PathVariable String caseNumber, @PathVariable String document, HttpServletRequest request) {
    String user = authentication.currentUser(request);
    if (user == null) {
      return message(HttpStatus.UNAUTHORIZED, "请先登录任务列表，再打开打印页面");
    }
    Optional<HistoricProcessInstance> instance = documents.caseOf(caseNumber);
    if (instance.isEmpty()) {
      return message(HttpStatus.NOT_FOUND, "没有编号为 " + caseNumber + " 的代办事项");
    }
    Map<String, Object> variables = documents.printableVariables(instance.get());
    String grid = (String) variables.get("grid");
    if (!organisation.mayAccessGrid(user, grid)) {
      AUDIT.warn("拒绝打印：用户 {} 无权查看代办事项 {}", user, caseNumber);
      audit.record(AuditLog.Event.of(user, AuditLog.PRINT, "case", caseNumber, AuditLog.DENIED).operation(document));
      return message(HttpStatus.FORBIDDEN, "您无权查看该事项（只有本网格工作人员和社区书记/主任可以打印）");
    }
    Optional<String> template = documents.template(document);
    if (template.isEmpty()) {
      return message(HttpStatus.NOT_FOUND, "没有这种文书：" + document);
    }
    AUDIT.info("打印：用户 {} 打印代办事项 {} 的 {}", user, caseNumber, document);
    audit.record(AuditLog.Event.of(user, AuditLog.PRINT, "case", caseNumber, AuditLog.SUCCESS).operation(document));
    return new ModelAndView(template.get(), Map.of("doc", variables), HttpStatus.OK);
  }

  private static ModelAndView message(HttpStatus status, String message) {
    return new ModelAndView("layout/message", Map.of("title", "社区服务流程", "message", message), status);
  }
}
