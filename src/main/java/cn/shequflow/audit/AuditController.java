package cn.shequflow.audit;

import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The admins' audit page (/admin/audit): the audit log newest first, in Chinese, filtered by day, user and event;
 * rendered by templates/audit/log.html.
 */
@Controller
class AuditController {

  static final int PAGE_SIZE = 100;
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);
  private static final Map<String, String> OPERATIONS = Map.ofEntries(Map.entry("Create", "新建"),
      Map.entry("Update", "修改"), Map.entry("Delete", "删除"), Map.entry("Unlock", "解锁"), Map.entry("read", "查阅"),
      Map.entry("entrustment", "委托书及材料接收单"), Map.entry("handover", "代办结果交接单"),
      Map.entry("dryRun", "试运行"), Map.entry("migrate", "执行迁移"));

  private final AuditLog audit;
  private final BasicAuthentication authentication;
  private final Organisation organisation;

  AuditController(AuditLog audit, BasicAuthentication authentication, Organisation organisation) {
    this.audit = audit;
    this.authentication = authentication;
    this.organisation = organisation;
  }

  @GetMapping("/admin/audit")
  ModelAndView page(HttpServletRequest request, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String actor,
      @RequestParam(required = false) String action, @RequestParam(defaultValue = "1") String page) {
    String user = authentication.currentUser(request);
    if (user == null || !organisation.isMember(user, Organisation.ADMINS)) {
      return message(user == null ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN,
          "审计日志仅限系统管理员查看，请以管理员身份登录后再打开本页。");
    }
    LocalDate fromDay;
    LocalDate toDay;
    int pageNumber;
    try {
      fromDay = blank(from) ? null : LocalDate.parse(from.trim());
      toDay = blank(to) ? null : LocalDate.parse(to.trim());
      pageNumber = Integer.parseInt(page.trim());
    } catch (DateTimeParseException | NumberFormatException e) {
      return message(HttpStatus.BAD_REQUEST, "日期须为 yyyy-MM-dd 格式，页码须为正整数。");
    }
    if (pageNumber < 1 || pageNumber > 100_000) {
      return message(HttpStatus.BAD_REQUEST, "页码须为 1 到 100000 之间的整数。");
    }
    if (!blank(action) && !AuditLog.ACTION_NAMES.containsKey(action)) {
      return message(HttpStatus.BAD_REQUEST, "没有这种事件类型。");
    }
    AuditLog.Query query = new AuditLog.Query(fromDay == null ? null : fromDay.atStartOfDay(ZONE).toInstant(),
        toDay == null ? null : toDay.plusDays(1).atStartOfDay(ZONE).toInstant(), blank(actor) ? null : actor.trim(),
        blank(action) ? null : action);
    long total = audit.count(query);
    List<AuditLog.Row> rows = audit.find(query, (pageNumber - 1) * PAGE_SIZE, PAGE_SIZE);
    long pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);

    Map<String, Object> model = new HashMap<>();
    model.put("retentionDays", audit.retentionDays());
    model.put("from", from);
    model.put("to", to);
    model.put("actor", actor);
    model.put("action", action);
    model.put("actions", AuditLog.ACTION_NAMES);
    model.put("rows", rows.stream().map(AuditController::shown).toList());
    model.put("total", total);
    model.put("page", pageNumber);
    model.put("pages", pages);
    model.put("previous", pageNumber > 1 ? link(from, to, actor, action, pageNumber - 1) : null);
    model.put("next", pageNumber < pages ? link(from, to, actor, action, pageNumber + 1) : null);
    return new ModelAndView("audit/log", model, HttpStatus.OK);
  }

  /** A row of the page, in Chinese: codes turned into their names. */
  record ShownRow(String time, String actor, String action, String operation, String object, String sourceAddress,
      String channel, boolean ok, String outcome, String detail) {}

  private static ShownRow shown(AuditLog.Row row) {
    return new ShownRow(TIME.format(row.occurredAt().toInstant()), row.actor(),
        name(AuditLog.ACTION_NAMES, row.action()), name(OPERATIONS, row.operation()),
        nullToEmpty(row.objectType()) + (row.objectId() == null ? "" : " " + row.objectId()), row.sourceAddress(),
        name(AuditLog.CHANNEL_NAMES, row.channel()), AuditLog.SUCCESS.equals(row.outcome()),
        name(AuditLog.OUTCOME_NAMES, row.outcome()), row.detail());
  }

  /** The Chinese name of a code, the code itself when it has none; null stays null (Map.of refuses null keys). */
  private static String name(Map<String, String> names, String code) {
    return code == null ? null : names.getOrDefault(code, code);
  }

  private static String link(String from, String to, String actor, String action, int page) {
    UriComponentsBuilder builder = UriComponentsBuilder.fromPath("/admin/audit");
    if (!blank(from)) {
      builder.queryParam("from", from.trim());
    }
    if (!blank(to)) {
      builder.queryParam("to", to.trim());
    }
    if (!blank(actor)) {
      builder.queryParam("actor", actor.trim());
    }
    if (!blank(action)) {
      builder.queryParam("action", action);
    }
    return builder.queryParam("page", page).encode().build().toUriString();
  }

  private static ModelAndView message(HttpStatus status, String text) {
    return new ModelAndView("layout/message", Map.of("title", "审计日志", "message", text), status);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
