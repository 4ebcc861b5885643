package cn.shequflow.household;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.audit.AuditLog;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * A household's contact details and first-visit profile (R-3.1.2-6), readable only by the workers of its grid and
 * the managers; every read, granted or refused, is written to the audit log (R-1.2-7, issue 10 item 11).
 */
@Controller
class HouseholdProfileController {

  private static final String[][] FIELDS = {{"members", "家庭成员"}, {"living_conditions", "居住条件"},
      {"state_of_mind", "思想状况"}, {"employment", "就业"}, {"health", "健康"}, {"education", "教育"},
      {"social_security", "社会保障"}};

  private final HouseholdRepository households;
  private final HouseholdProfiles profiles;
  private final Organisation organisation;
  private final BasicAuthentication authentication;
  private final AuditLog audit;
  private final WorkingDayCalendar workingDays;

  HouseholdProfileController(HouseholdRepository households, HouseholdProfiles profiles, Organisation organisation,
      BasicAuthentication authentication, AuditLog audit, WorkingDayCalendar workingDays) {
    this.workingDays = workingDays;
    this.households = households;
    this.profiles = profiles;
    this.organisation = organisation;
    this.authentication = authentication;
    this.audit = audit;
  }

  @GetMapping(path = "/api/households/{id}/profile", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> profile(@PathVariable long id, HttpServletRequest request) {
    Access access = access(id, request);
    if (access.refusal() != null) {
      return ResponseEntity.status(access.refusal()).body(Map.of("message", access.message()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("household", access.household());
    body.put("profile", profiles.find(id).orElse(null));
    return ResponseEntity.ok(body);
  }

  /** The page, rendered by templates/household/profile.html. */
  @GetMapping("/households/{id}")
  ModelAndView page(@PathVariable long id, HttpServletRequest request) {
    Access access = access(id, request);
    if (access.refusal() != null) {
      return new ModelAndView("layout/message", Map.of("title", "住户信息", "message", access.message()),
          access.refusal());
    }
    Household h = access.household();
    List<Row> details = List.of(new Row("户编号", h.householdNo()), new Row("地址", h.address()),
        new Row("户主", h.headName()), new Row("联系电话", h.phone()), new Row("微信", h.wechat()), new Row("QQ", h.qq()),
        new Row("家庭人口", h.memberCount() == null ? "" : h.memberCount().toString()),
        new Row("特殊类型", String.join("、", h.specialTypes().stream().map(SpecialTypes::label).toList())));
    List<Row> profile = profiles.find(id).map(p -> {
      List<Row> rows = new ArrayList<>();
      for (String[] field : FIELDS) {
        rows.add(new Row(field[1], (String) p.get(field[0])));
      }
      // people by name and times in the community's zone, as workers read them (issue 13 item 8)
      rows.add(new Row("记录人、时间", organisation.displayName((String) p.get("recorded_by")) + "，"
          + workingDays.text((java.util.Date) p.get("recorded_at"))));
      return rows;
    }).orElse(null);
    Map<String, Object> model = new HashMap<>();
    model.put("household", h);
    model.put("details", details);
    model.put("profile", profile);
    return new ModelAndView("household/profile", model, HttpStatus.OK);
  }

  /** A label and its value, a line of the page's tables. */
  record Row(String label, String value) {}

  private record Access(Household household, HttpStatus refusal, String message) {}

  private Access access(long id, HttpServletRequest request) {
    String user = authentication.currentUser(request);
    if (user == null) {
      return new Access(null, HttpStatus.UNAUTHORIZED, "请先登录");
    }
    Optional<Household> household = households.find(id);
    if (household.isEmpty()) {
      return new Access(null, HttpStatus.NOT_FOUND, "住户 " + id + " 不存在");
    }
    boolean granted = organisation.mayAccessGrid(user, household.get().grid());
    audit.record(AuditLog.Event.of(user, AuditLog.PROFILE_VIEW, "household", String.valueOf(id),
        granted ? AuditLog.SUCCESS : AuditLog.DENIED).operation("read"));
    return granted ? new Access(household.get(), null, null)
        : new Access(null, HttpStatus.FORBIDDEN, "您无权查看其他网格的住户信息");
  }
}
