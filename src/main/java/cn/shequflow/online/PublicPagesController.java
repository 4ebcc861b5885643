package cn.shequflow.online;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.casefile.CaseInput;
import cn.shequflow.catalogue.ServiceCatalogue;
import cn.shequflow.organisation.Organisation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The residents' own pages (no login, phone first): 网上留言 (/public/message) with its receipt, and 办件查询
 * (/public/lookup). Neither opens a session. The message form carries a signed token of this app
 * ({@link PublicFormTokens}) and a honeypot field; everything a resident typed goes back into the page escaped
 * (th:text, th:value).
 */
@Controller
class PublicPagesController {

  static final String LOOKUP_PATH = "/public/lookup";

  private final OnlineDesk desk;
  private final CaseProgress progress;
  private final ServiceCatalogue catalogue;
  private final PublicFormTokens tokens;
  private final HistoryService historyService;
  private final Organisation organisation;
  private final WorkingDayCalendar workingDays;
  private final String baseUrl;

  PublicPagesController(OnlineDesk desk, CaseProgress progress, ServiceCatalogue catalogue, PublicFormTokens tokens,
      HistoryService historyService, Organisation organisation, WorkingDayCalendar workingDays,
      @Value("${shequ.public-base-url}") String baseUrl) {
    this.desk = desk;
    this.progress = progress;
    this.catalogue = catalogue;
    this.tokens = tokens;
    this.historyService = historyService;
    this.organisation = organisation;
    this.workingDays = workingDays;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  @GetMapping("/public/message")
  ModelAndView form() {
    return form(new OnlineDesk.Message("", "", "", "", "", ""), null, HttpStatus.OK);
  }

  @PostMapping("/public/message")
  ModelAndView leave(@RequestParam(required = false) String residentName,
      @RequestParam(required = false) String residentPhone, @RequestParam(required = false) String residentEmail,
      @RequestParam(required = false) String category, @RequestParam(required = false) String summary,
      @RequestParam(required = false) String website, HttpServletRequest request) {
    OnlineDesk.Message message = new OnlineDesk.Message(residentName, residentPhone, residentEmail, category, summary,
        website);
    if (!tokens.valid(request.getParameter("_csrf"))) {
      return form(message, "页面已过期，请检查内容后再提交一次。", HttpStatus.FORBIDDEN);
    }
    OnlineDesk.Outcome outcome = desk.leave(message, request.getRemoteAddr());
    if (!outcome.accepted()) {
      return form(message, outcome.message(), HttpStatus.valueOf(outcome.status()));
    }
    Map<String, Object> model = receipt(outcome.caseNumber());
    return new ModelAndView("online/receipt", model, HttpStatus.CREATED);
  }

  @GetMapping(LOOKUP_PATH)
  ModelAndView lookupForm() {
    return lookupPage(new HashMap<>(), HttpStatus.OK);
  }

  @PostMapping(LOOKUP_PATH)
  ModelAndView lookUp(@RequestParam(required = false) String caseNumber,
      @RequestParam(required = false) String phoneTail, HttpServletRequest request) {
    Map<String, Object> model = new HashMap<>();
    model.put("caseNumber", caseNumber == null ? "" : caseNumber);
    CaseProgress.Answer answer = progress.lookUp(caseNumber, phoneTail, request.getRemoteAddr());
    if (answer.tooMany()) {
      model.put("error", PublicCasesController.tooMany(progress));
      return lookupPage(model, HttpStatus.TOO_MANY_REQUESTS);
    }
    if (answer.progress() == null) {
      model.put("error", PublicCasesController.NOT_FOUND + "。");
      return lookupPage(model, HttpStatus.NOT_FOUND);
    }
    model.put("progress", answer.progress());
    return lookupPage(model, HttpStatus.OK);
  }

  private ModelAndView lookupPage(Map<String, Object> model, HttpStatus status) {
    model.putIfAbsent("caseNumber", "");
    return new ModelAndView("online/lookup", model, status);
  }

  private ModelAndView form(OnlineDesk.Message message, String error, HttpStatus status) {
    Map<String, Object> model = new HashMap<>();
    model.put("message", message);
    model.put("error", error);
    model.put("formToken", tokens.issue());
    model.put("areas", catalogue.matters().stream().collect(Collectors.groupingBy(ServiceCatalogue.Matter::serviceArea,
        LinkedHashMap::new, Collectors.toList())));
    model.put("nameMax", CaseInput.NAME_MAX);
    model.put("emailMax", CaseInput.EMAIL_MAX);
    model.put("textMax", CaseInput.TEXT_MAX);
    return new ModelAndView("online/message", model, status);
  }

  /** What the receipt shows: the number, the matter, when received and by when the community answers. */
  private Map<String, Object> receipt(String caseNumber) {
    Map<String, Object> model = new HashMap<>();
    model.put("caseNumber", caseNumber);
    model.put("lookupUrl", baseUrl + LOOKUP_PATH);
    organisation.runAsApp(() -> {
      historyService.createHistoricProcessInstanceQuery().processDefinitionKey("reception")
          .processInstanceBusinessKey(caseNumber).list().stream().findFirst().ifPresent(instance -> {
            for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId())
                .variableNameIn("categoryName", "receivedAt", "replyDueAt").list()) {
              Object value = variable.getValue();
              model.put(variable.getName(), value instanceof Date date ? workingDays.text(date) : value);
            }
          });
      return null;
    });
    return model;
  }
}
