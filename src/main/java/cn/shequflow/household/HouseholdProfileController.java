package cn.shequflow.household;

import cn.shequflow.audit.AuditLog;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * A household's contact details and first-visit profile (R-3.1.2-6), readable only by the workers of its grid and
 * the managers; every read, granted or refused, is written to the audit log (R-1.2-7, issue 10 item 11).
 */
@RestController
class HouseholdProfileController {

  private static final String[][] FIELDS = {{"members", "家庭成员"}, {"living_conditions", "居住条件"},
      {"state_of_mind", "思想状况"}, {"employment", "就业"}, {"health", "健康"}, {"education", "教育"},
      {"social_security", "社会保障"}};

  private final HouseholdRepository households;
  private final JdbcTemplate jdbc;
  private final Organisation organisation;
  private final BasicAuthentication authentication;
  private final AuditLog audit;

  HouseholdProfileController(HouseholdRepository households, JdbcTemplate jdbc, Organisation organisation,
      BasicAuthentication authentication, AuditLog audit) {
    this.households = households;
    this.jdbc = jdbc;
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
    body.put("profile", profile(id).orElse(null));
    return ResponseEntity.ok(body);
  }

  @GetMapping("/households/{id}")
  ResponseEntity<String> page(@PathVariable long id, HttpServletRequest request) {
    Access access = access(id, request);
    MediaType html = new MediaType("text", "html", StandardCharsets.UTF_8);
    if (access.refusal() != null) {
      return ResponseEntity.status(access.refusal()).contentType(html)
          .body("<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"UTF-8\"><p>" + esc(access.message()) + "</p></html>");
    }
    Household h = access.household();
    StringBuilder rows = new StringBuilder();
    row(rows, "户编号", h.householdNo());
    row(rows, "地址", h.address());
    row(rows, "户主", h.headName());
    row(rows, "联系电话", h.phone());
    row(rows, "微信", h.wechat());
    row(rows, "QQ", h.qq());
    row(rows, "家庭人口", h.memberCount() == null ? "" : h.memberCount().toString());
    row(rows, "特殊类型", String.join("、", h.specialTypes().stream().map(SpecialTypes::label).toList()));
    Optional<Map<String, Object>> profile = profile(id);
    StringBuilder profileRows = new StringBuilder();
    profile.ifPresent(p -> {
      for (String[] field : FIELDS) {
        row(profileRows, field[1], (String) p.get(field[0]));
      }
      row(profileRows, "记录人、时间", p.get("recorded_by") + "，" + p.get("recorded_at"));
    });
    return ResponseEntity.ok().contentType(html).body("""
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="UTF-8"><title>住户 %s</title>
        <style>body{font-family:"Noto Sans CJK SC",sans-serif;max-width:900px;margin:20px auto}
        table{border-collapse:collapse;width:100%%}th,td{border:1px solid #999;padding:6px;text-align:left}
        th{width:25%%;background:#f4f4f4}.note{color:#b71c1c}</style></head><body>
        <h2>住户信息</h2><table>%s</table>
        <h2>家庭档案（首次走访）</h2>%s
        <p class="note">本页含居民隐私信息，仅限本网格工作人员和社区书记/主任查阅，每次查阅均已记录（R-1.2-7）。</p>
        </body></html>""".formatted(esc(h.householdNo()), rows,
        profile.isPresent() ? "<table>" + profileRows + "</table>" : "<p>尚未建立档案（首次走访时填写）。</p>"));
  }

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

  private Optional<Map<String, Object>> profile(long id) {
    List<Map<String, Object>> rows = jdbc.queryForList("select * from household_profile where household_id = ?", id);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> lower = new LinkedHashMap<>();
    rows.get(0).forEach((k, v) -> lower.put(k.toLowerCase(), v));
    return Optional.of(lower);
  }

  private static void row(StringBuilder rows, String label, String value) {
    rows.append("<tr><th>").append(esc(label)).append("</th><td>").append(esc(value)).append("</td></tr>");
  }

  private static String esc(String value) {
    return value == null ? "" : HtmlUtils.htmlEscape(value);
  }
}
