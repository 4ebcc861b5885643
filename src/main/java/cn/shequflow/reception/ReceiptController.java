package cn.shequflow.reception;

import cn.shequflow.audit.AuditLog;
import cn.shequflow.casefile.CaseFile;
import cn.shequflow.casefile.CaseVariables;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * The receipt (受理回执) a worker prints for the resident at intake (issue 13 item 4, R-4.2-4 the resident is told the
 * handling time, R-1.1-2 signed): case number, matter, when received, the reply and finishing dates, the worker's
 * name, post and phone and the community's phone. For the case's grid and the managers only; every print is audited.
 */
@Controller
class ReceiptController {

  /** What the receipt shows; the resident's phone and the summary stay off paper that may be left lying about. */
  private static final List<String> SHOWN = List.of(CaseVariables.CASE_NUMBER, "residentName", "categoryName",
      "channelName", "receivedText", "replyDueText", "promisedReplyText", "catalogueDueText", "handlingName",
      CaseVariables.FIRST_RESPONDER, CaseVariables.FIRST_RESPONDER_NAME, CaseVariables.GRID);

  private final HistoryService historyService;
  private final CaseFile caseFile;
  private final Organisation organisation;
  private final BasicAuthentication authentication;
  private final AuditLog audit;
  private final String communityName;
  private final String communityPhone;
  private final String lookupUrl;

  ReceiptController(HistoryService historyService, CaseFile caseFile, Organisation organisation,
      BasicAuthentication authentication, AuditLog audit, @Value("${shequ.community-name}") String communityName,
      @Value("${shequ.community-phone:}") String communityPhone, @Value("${shequ.public-base-url}") String baseUrl) {
    this.historyService = historyService;
    this.caseFile = caseFile;
    this.organisation = organisation;
    this.authentication = authentication;
    this.audit = audit;
    this.communityName = communityName;
    this.communityPhone = communityPhone;
    this.lookupUrl = baseUrl.replaceAll("/+$", "") + "/public/lookup";
  }

  @GetMapping("/print/receipt/{caseNumber}")
  ModelAndView receipt(@PathVariable String caseNumber, HttpServletRequest request) {
    String user = authentication.currentUser(request);
    if (user == null) {
      return message(HttpStatus.UNAUTHORIZED, "请先登录任务列表，再打开受理回执");
    }
    Optional<HistoricProcessInstance> instance = caseFile.find("reception", caseNumber);
    if (instance.isEmpty()) {
      return message(HttpStatus.NOT_FOUND, "没有编号为 " + caseNumber + " 的接待事项");
    }
    Map<String, Object> doc = shown(instance.get());
    if (!organisation.mayAccessGrid(user, (String) doc.get(CaseVariables.GRID))) {
      audit.record(AuditLog.Event.of(user, AuditLog.PRINT, "case", caseNumber, AuditLog.DENIED).operation("receipt"));
      return message(HttpStatus.FORBIDDEN, "您无权查看该事项（只有本网格工作人员和社区书记/主任可以打印）");
    }
    audit.record(AuditLog.Event.of(user, AuditLog.PRINT, "case", caseNumber, AuditLog.SUCCESS).operation("receipt"));
    doc.putAll(organisation.signer((String) doc.get(CaseVariables.FIRST_RESPONDER)));
    doc.put("communityName", communityName);
    doc.put("communityPhone", communityPhone);
    doc.put("lookupUrl", lookupUrl);
    return new ModelAndView("reception/receipt", Map.of("doc", doc), HttpStatus.OK);
  }

  private Map<String, Object> shown(HistoricProcessInstance instance) {
    Map<String, Object> doc = new HashMap<>();
    for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableNameIn(SHOWN.toArray(String[]::new))
        .disableCustomObjectDeserialization().list()) {
      doc.put(variable.getName(), variable.getValue());
    }
    return doc;
  }

  private static ModelAndView message(HttpStatus status, String message) {
    return new ModelAndView("layout/message", Map.of("title", "受理回执", "message", message), status);
  }
}
