package cn.shequflow.proxyservice;

import cn.shequflow.audit.AuditLog;
import cn.shequflow.casefile.CaseNumbers;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
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
  private final CaseNumbers caseNumbers;

  ProxyDocumentsController(HistoryService historyService, Organisation organisation,
      BasicAuthentication authentication, ProxyDocuments documents, AuditLog audit, CaseNumbers caseNumbers) {
    this.historyService = historyService;
    this.organisation = organisation;
    this.authentication = authentication;
    this.documents = documents;
    this.audit = audit;
    this.caseNumbers = caseNumbers;
  }

  @GetMapping("/print/proxy/{caseNumber}/{document}")
  ResponseEntity<String> print(@PathVariable String caseNumber, @PathVariable String document,
      HttpServletRequest request) {
    String user = authentication.currentUser(request);
    if (user == null) {
      return html(HttpStatus.UNAUTHORIZED, "请先登录任务列表，再打开打印页面");
    }
    HistoricProcessInstance instance = caseOf(caseNumber);
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
    if (!organisation.mayAccessGrid(user, grid)) {
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

  /**
   * The proxy case of a number. Business keys are not unique in the engine (older versions took one from the caller),
   * so of several the one the number was given to wins — itself, or the reception case that called it — else the
   * earliest (issue 10 item 8: a duplicate key made another case's print pages fail).
   */
  private HistoricProcessInstance caseOf(String caseNumber) {
    List<HistoricProcessInstance> found = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey("proxy-service").processInstanceBusinessKey(caseNumber)
        .orderByProcessInstanceStartTime().asc().list();
    if (found.size() <= 1) {
      return found.isEmpty() ? null : found.get(0);
    }
    return caseNumbers.owner(caseNumber)
        .flatMap(owner -> found.stream()
            .filter(i -> owner.equals(i.getId()) || owner.equals(i.getRootProcessInstanceId())).findFirst())
        .orElse(found.get(0));
  }

  private static ResponseEntity<String> html(HttpStatus status, String message) {
    return ResponseEntity.status(status).contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
        .body("<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"UTF-8\"><title>社区服务流程</title><p>"
            + org.springframework.web.util.HtmlUtils.htmlEscape(message) + "</p></html>");
  }
}
