package cn.shequflow.proxyservice;

import cn.shequflow.audit.AuditLog;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Printable documents of a proxy case, as HTML for the browser's print: the entrustment letter with material
 * receipt (R-3.1.3-4) and the handover receipt (R-3.1.3-6). Only the case's grid and the managers may print them;
 * every print is logged with user and case number (R-1.2-7).
 */
@RestController
class ProxyDocumentsController {

  private static final java.util.Set<String> PRINTABLE_TYPES =
      java.util.Set.of("string", "integer", "long", "short", "double", "boolean", "date");
  private static final Logger AUDIT = LoggerFactory.getLogger("cn.shequflow.audit");

  private final HistoryService historyService;
  private final Organisation organisation;
  private final BasicAuthentication authentication;
  private final ProxyDocuments documents;
  private final AuditLog audit;

  ProxyDocumentsController(HistoryService historyService, Organisation organisation,
      BasicAuthentication authentication, ProxyDocuments documents, AuditLog audit) {
    this.historyService = historyService;
    this.organisation = organisation;
    this.authentication = authentication;
    this.documents = documents;
    this.audit = audit;
  }

  @GetMapping("/print/proxy/{caseNumber}/{document}")
  ResponseEntity<String> print(@PathVariable String caseNumber, @PathVariable String document,
      HttpServletRequest request) {
    String user = authentication.currentUser(request);
    if (user == null) {
      return html(HttpStatus.UNAUTHORIZED, "请先登录任务列表，再打开打印页面");
    }
    HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey("proxy-service").processInstanceBusinessKey(caseNumber).singleResult();
    if (instance == null) {
      return html(HttpStatus.NOT_FOUND, "没有编号为 " + caseNumber + " 的代办事项");
    }
    Map<String, Object> variables = new HashMap<>();
    for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).disableCustomObjectDeserialization().list()) {
      if (PRINTABLE_TYPES.contains(variable.getTypeName())) {
        variables.put(variable.getName(), variable.getValue());
      }
    }
    String grid = (String) variables.get("grid");
    if (!organisation.isMember(user, Organisation.MANAGERS) && (grid == null || !organisation.isMember(user, grid))) {
      AUDIT.warn("拒绝打印：用户 {} 无权查看代办事项 {}", user, caseNumber);
      audit.record(AuditLog.Event.of(user, AuditLog.PRINT, "case", caseNumber, AuditLog.DENIED).operation(document));
      return html(HttpStatus.FORBIDDEN, "您无权查看该事项（只有本网格工作人员和社区书记/主任可以打印）");
    }
    String page = switch (document) {
      case "entrustment" -> documents.entrustment(variables);
      case "handover" -> documents.handover(variables);
      default -> null;
    };
    if (page == null) {
      return html(HttpStatus.NOT_FOUND, "没有这种文书：" + document);
    }
    AUDIT.info("打印：用户 {} 打印代办事项 {} 的 {}", user, caseNumber, document);
    audit.record(AuditLog.Event.of(user, AuditLog.PRINT, "case", caseNumber, AuditLog.SUCCESS).operation(document));
    return ResponseEntity.ok().contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
        .body(page);
  }

  private static ResponseEntity<String> html(HttpStatus status, String message) {
    return ResponseEntity.status(status).contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
        .body("<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"UTF-8\"><title>社区服务流程</title><p>"
            + org.springframework.web.util.HtmlUtils.htmlEscape(message) + "</p></html>");
  }
}
