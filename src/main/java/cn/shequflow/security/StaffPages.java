package cn.shequflow.security;

import cn.shequflow.organisation.Organisation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * What the staff pages (/staff/…, templates/layout/staff.html) share: who is logged in — the Tasklist session, or
 * HTTP Basic as on /coverage and /admin/audit — the header with the pages this user may open, the form token that
 * every POST of a staff page must carry (a session cookie alone would let another site's form act in a logged-in
 * worker's name), refusals as Chinese pages, and times in Asia/Shanghai without milliseconds.
 */
@Component
public class StaffPages {

  /** The form field (and session attribute) holding the token; every staff form sends it as a hidden field. */
  public static final String TOKEN_FIELD = "_csrf";
  private static final String TOKEN_ATTRIBUTE = StaffPages.class.getName() + ".formToken";
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final BasicAuthentication authentication;
  private final Organisation organisation;
  private final String communityName;
  private final List<ManagerWarning> warnings;

  StaffPages(BasicAuthentication authentication, Organisation organisation,
      @Value("${shequ.community-name}") String communityName, List<ManagerWarning> warnings) {
    this.authentication = authentication;
    this.organisation = organisation;
    this.communityName = communityName;
    this.warnings = warnings;
  }

  /**
   * The holiday table's warning for next year (from 1 November while it has no rows), for managers and admins only;
   * null for everyone else and when there is nothing to warn about (issue 15 item 8).
   */
  public String calendarYearWarning(String user) {
    if (!mayHandOver(user) && !isAdmin(user)) {
      return null;
    }
    return warnings.stream().map(ManagerWarning::text).filter(Objects::nonNull).findFirst().orElse(null);
  }

  /** One link of the header. */
  public record NavLink(String label, String href, boolean current) {}

  /** The header of a staff page: the community, who is logged in (by name and post), the pages they may open. */
  public record Header(String communityName, String userName, String role, List<NavLink> links) {}

  /** The logged-in user's id, or null. */
  public String user(HttpServletRequest request) {
    return authentication.currentUser(request);
  }

  /** Managers and administrators import the household registry (the rule of POST /api/households/import). */
  public boolean mayImport(String user) {
    return user != null && (organisation.isMember(user, Organisation.MANAGERS)
        || organisation.isMember(user, Organisation.ADMINS));
  }

  /** The visit plan is shown to managers (every grid) and to grid workers (their own grid). */
  public boolean maySeeVisitPlan(String user) {
    return user != null && (organisation.seesAllGrids(user) || organisation.gridOf(user).isPresent());
  }

  /** The case register is for grid workers (their grid), managers (all) and the street office (escalated cases). */
  public boolean maySeeRegister(String user) {
    return user != null && (organisation.seesAllGrids(user) || organisation.gridOf(user).isPresent()
        || organisation.isMember(user, Organisation.STREET_OFFICE));
  }

  /** Members of camunda-admin (the audit and lockout pages). */
  public boolean isAdmin(String user) {
    return user != null && organisation.isMember(user, Organisation.ADMINS);
  }

  /** Handing over a worker's tasks is for the community's managers. */
  public boolean mayHandOver(String user) {
    return user != null && organisation.isMember(user, Organisation.MANAGERS);
  }

  /**
   * The model every staff page starts from: header (the pages the user may open; current marks this page) and the
   * form token of the session, created on first use.
   */
  public Map<String, Object> model(HttpServletRequest request, String user, String current) {
    Map<String, Object> model = new HashMap<>();
    model.put("staff", header(user, current));
    model.put("calendarYearWarning", calendarYearWarning(user));
    if (user != null) {
      model.put("formToken", formToken(request));
    }
    return model;
  }

  /** A refusal as a Chinese page with its status; 401 says how to log in. */
  public ModelAndView refusal(HttpServletRequest request, HttpStatus status, String title, String message) {
    String user = status == HttpStatus.UNAUTHORIZED ? null : user(request);
    Map<String, Object> model = model(request, user, null);
    model.put("title", title);
    model.put("message", message);
    model.put("login", status == HttpStatus.UNAUTHORIZED);
    return new ModelAndView("staff/message", model, status);
  }

  /** 401 for nobody logged in, 403 with the reason for someone who may not; null when the user may. */
  public ModelAndView refuseUnless(HttpServletRequest request, String user, boolean allowed, String title,
      String forbidden) {
    if (user == null) {
      return refusal(request, HttpStatus.UNAUTHORIZED, title, "请先登录：在任务列表中用您的账号登录后，再打开本页。");
    }
    return allowed ? null : refusal(request, HttpStatus.FORBIDDEN, title, forbidden);
  }

  /** Whether a POST carries this session's form token; compared in constant time. */
  public boolean tokenMatches(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object expected = session == null ? null : session.getAttribute(TOKEN_ATTRIBUTE);
    String submitted = request.getParameter(TOKEN_FIELD);
    return expected instanceof String token && submitted != null
        && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
  }

  /** The refusal of a POST without this session's token. */
  public ModelAndView badToken(HttpServletRequest request, String title) {
    return refusal(request, HttpStatus.FORBIDDEN, title,
        "安全校验未通过：表单已过期或不是从本系统的页面提交的。请重新打开本页后再提交。");
  }

  /** "2026-12-02 09:06": Beijing time, to the minute. */
  public static String time(Date date) {
    return date == null ? "" : TIME.format(date.toInstant());
  }

  public static String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant);
  }

  /** The display name of a user (张伟 for zhangwei). */
  public String name(String userId) {
    return userId == null ? "" : organisation.displayName(userId);
  }

  /**
   * The form token of the session, created on first use, that the staff pages' forms carry, so another site cannot
   * post them in a worker's browser. (The residents' public form opens no session: online.PublicFormTokens.)
   */
  public String formToken(HttpServletRequest request) {
    HttpSession session = request.getSession(true);
    Object token = session.getAttribute(TOKEN_ATTRIBUTE);
    if (token instanceof String existing) {
      return existing;
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    session.setAttribute(TOKEN_ATTRIBUTE, fresh);
    return fresh;
  }

  private Header header(String user, String current) {
    if (user == null) {
      return new Header(communityName, null, null, List.of());
    }
    List<NavLink> links = new ArrayList<>();
    links.add(link("工作人员首页", "/staff", current));
    if (maySeeRegister(user)) {
      links.add(link("事项台账", "/staff/cases", current));
      links.add(link("服务指标", "/staff/dashboard", current));
    }
    if (mayImport(user)) {
      links.add(link("住户导入", "/staff/households/import", current));
    }
    if (maySeeVisitPlan(user)) {
      links.add(link("本月走访计划", "/staff/visits", current));
    }
    if (mayHandOver(user)) {
      links.add(link("任务移交", "/staff/handover", current));
      links.add(link("走访覆盖率", "/coverage", current));
    }
    links.add(link("工作日历", "/staff/calendar", current));
    links.add(link("任务列表", "/camunda/app/tasklist/", current));
    return new Header(communityName, organisation.displayName(user), role(user), links);
  }

  private static NavLink link(String label, String href, String current) {
    return new NavLink(label, href, href.equals(current));
  }

  /** 社区书记/主任, 网格员（第一网格）, 系统管理员 … as the header shows it beside the name. */
  public String role(String user) {
    String post = organisation.post(user);
    if (!post.isBlank()) {
      return post;
    }
    if (organisation.isMember(user, Organisation.MANAGERS)) {
      return "社区书记/主任";
    }
    var grid = organisation.gridOf(user);
    if (grid.isPresent()) {
      return "网格员（" + gridName(grid.get()) + "）";
    }
    if (organisation.isMember(user, Organisation.ADMINS)) {
      return "系统管理员";
    }
    return "";
  }

  /** 第一网格 for grid-1; the id when the group has no name. */
  public String gridName(String grid) {
    return organisation.grids().stream().filter(g -> g.getId().equals(grid)).map(g -> g.getName())
        .filter(n -> n != null && !n.isBlank()).findFirst().orElse(grid);
  }
}
