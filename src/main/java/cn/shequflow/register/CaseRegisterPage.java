package cn.shequflow.register;

import cn.shequflow.audit.AuditLog;
import cn.shequflow.casefile.CaseHistory;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.StaffPages;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The register's staff pages: /staff/cases searches it (the same filters and visibility as GET /api/cases) and
 * /staff/cases/{caseNumber} opens one case, its register row and its whole history (the case's steps, who held each
 * and what was entered), audited as a case view.
 */
@Controller
class CaseRegisterPage {

  static final String PATH = "/staff/cases";

  private final RegisterQuery query;
  private final StaffPages pages;
  private final Organisation organisation;
  private final CaseHistory history;
  private final AuditLog audit;

  CaseRegisterPage(RegisterQuery query, StaffPages pages, Organisation organisation, CaseHistory history,
      AuditLog audit) {
    this.query = query;
    this.pages = pages;
    this.organisation = organisation;
    this.history = history;
    this.audit = audit;
  }

  /**
   * A row as the table shows it: times in Beijing time to the minute; the current deadline is the first response's
   * until it is done, then the finishing one (the one 已逾期 is measured against).
   */
  record Line(String caseNumber, String href, String kindName, String channelName, String categoryName,
      String residentName, String residentPhone, String gridName, String firstResponderName, String holderName,
      String received, String firstResponseDue, String currentDue, String due, String closed, String statusName, boolean overdue,
      String outcomeLabel, String ratingName) {}

  @GetMapping(PATH)
  ModelAndView search(@RequestParam Map<String, String> params, HttpServletRequest request) {
    String user = pages.user(request);
    RegisterQuery.Scope scope = user == null ? null : query.scopeOf(user);
    ModelAndView refusal = pages.refuseUnless(request, user, scope != null && !scope.none(), "事项台账",
        "事项台账供网格工作人员、社区书记/主任和街道办事处查看。");
    if (refusal != null) {
      return refusal;
    }
    Map<String, Object> model = pages.model(request, user, PATH);
    model.put("scope", scope.description());
    model.put("allGrids", scope.all());
    model.put("gridChoices", gridChoices());
    model.put("channelChoices", RegisterQuery.CHANNEL_NAMES);
    model.put("measureName", RegisterQuery.name(Measures.NAMES, params.get("measure")));
    for (String name : List.of("q", "from", "to", "grid", "status", "channel", "worker", "measure")) {
      model.put(name, params.getOrDefault(name, ""));
    }
    RegisterQuery.Page page;
    try {
      page = query.search(scope, CaseRegisterController.filter(params));
    } catch (RegisterQuery.BadFilter e) {
      model.put("error", e.getMessage());
      model.put("lines", List.of());
      model.put("total", 0);
      return new ModelAndView("register/cases", model, HttpStatus.BAD_REQUEST);
    }
    model.put("lines", page.rows().stream().map(CaseRegisterPage::line).toList());
    model.put("total", page.total());
    model.put("page", page.page());
    long pageCount = Math.max(1, (page.total() + page.size() - 1) / page.size());
    model.put("pages", pageCount);
    model.put("previous", page.page() > 1 ? pageLink(params, page.page() - 1) : null);
    model.put("next", page.page() < pageCount ? pageLink(params, page.page() + 1) : null);
    model.put("exportHref", link("/api/cases/export", params, null));
    return new ModelAndView("register/cases", model, HttpStatus.OK);
  }

  @GetMapping(PATH + "/{caseNumber}")
  ModelAndView open(@PathVariable String caseNumber, HttpServletRequest request) {
    String user = pages.user(request);
    RegisterQuery.Scope scope = user == null ? null : query.scopeOf(user);
    ModelAndView refusal = pages.refuseUnless(request, user, scope != null && !scope.none(), "事项经过",
        "事项台账供网格工作人员、社区书记/主任和街道办事处查看。");
    if (refusal != null) {
      return refusal;
    }
    Optional<RegisterQuery.Row> row = query.find(scope, caseNumber);
    if (row.isEmpty()) {
      boolean exists = caseNumber.length() <= 32 && query.exists(caseNumber);
      if (exists) {
        audit.record(AuditLog.Event.of(user, AuditLog.CASE_VIEW, "case", caseNumber, AuditLog.DENIED));
        return pages.refusal(request, HttpStatus.FORBIDDEN, "事项经过",
            "您无权查看该事项：只有本网格工作人员、社区书记/主任和事项上报到的街道可以查看。");
      }
      return pages.refusal(request, HttpStatus.NOT_FOUND, "事项经过", "没有编号为“" + caseNumber + "”的事项。");
    }
    audit.record(AuditLog.Event.of(user, AuditLog.CASE_VIEW, "case", caseNumber, AuditLog.SUCCESS));
    Map<String, Object> model = pages.model(request, user, PATH);
    model.put("line", line(row.get()));
    model.put("row", row.get());
    model.put("history", history.root(caseNumber).map(history::of).orElse(null));
    return new ModelAndView("register/case", model, HttpStatus.OK);
  }

  private Map<String, String> gridChoices() {
    Map<String, String> choices = new LinkedHashMap<>();
    organisation.grids().stream().sorted((a, b) -> a.getId().compareTo(b.getId()))
        .forEach(g -> choices.put(g.getId(), g.getName() == null ? g.getId() : g.getName()));
    return choices;
  }

  private static String pageLink(Map<String, String> params, int page) {
    return link(PATH, params, page);
  }

  /** The path with this search's filters (and the page, when given); the dashboard's links to rows use it too. */
  static String link(String path, Map<String, String> params, Integer page) {
    UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
    params.forEach((name, value) -> {
      if (!"page".equals(name) && !"size".equals(name) && value != null && !value.isBlank()) {
        link.queryParam(name, value);
      }
    });
    if (page != null) {
      link.queryParam("page", page);
    }
    return link.encode().toUriString();
  }

  private static Line line(RegisterQuery.Row r) {
    return new Line(r.caseNumber(), PATH + "/" + r.caseNumber(), r.kindName(), r.channelName(), r.categoryName(),
        r.residentName(), r.residentPhone(), r.gridName(), r.firstResponderName(), r.holderName(), RegisterQuery.minute(r.receivedAt()),
        RegisterQuery.minute(r.firstResponseDueAt()), "closed".equals(r.status()) ? ""
            : RegisterQuery.minute(r.currentDueAt()), RegisterQuery.minute(r.dueAt()),
        RegisterQuery.minute(r.closedAt()), r.statusName(), r.overdue(),
        r.outcomeLabel(), r.ratingName());
  }

}
