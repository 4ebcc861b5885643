package cn.shequflow.audit;

import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/** The admins' audit page (/admin/audit): the audit log newest first, in Chinese, filtered by day, user and event. */
@RestController
class AuditController {

  static final int PAGE_SIZE = 100;
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);
  private static final Map<String, String> OPERATIONS = Map.ofEntries(Map.entry("Create", "新建"),
      Map.entry("Update", "修改"), Map.entry("Delete", "删除"), Map.entry("Unlock", "解锁"), Map.entry("read", "查阅"),
      Map.entry("entrustment", "委托书及材料接收单"), Map.entry("handover", "代办结果交接单"));
  private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

  private final AuditLog audit;
  private final BasicAuthentication authentication;
  private final Organisation organisation;

  AuditController(AuditLog audit, BasicAuthentication authentication, Organisation organisation) {
    this.audit = audit;
    this.authentication = authentication;
    this.organisation = organisation;
  }

  @GetMapping("/admin/audit")
  ResponseEntity<String> page(HttpServletRequest request, @RequestParam(required = false) String from,
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

    StringBuilder options = new StringBuilder("<option value=\"\">全部</option>");
    AuditLog.ACTION_NAMES.forEach((code, name) -> options.append("<option value=\"").append(code).append('"')
        .append(code.equals(action) ? " selected" : "").append('>').append(esc(name)).append("</option>"));
    StringBuilder table = new StringBuilder();
    for (AuditLog.Row row : rows) {
      table.append("<tr><td>").append(TIME.format(row.occurredAt().toInstant())).append("</td><td>")
          .append(row.actor() == null ? "<span class=\"muted\">（匿名或未知）</span>" : esc(row.actor()))
          .append("</td><td>").append(esc(AuditLog.ACTION_NAMES.getOrDefault(row.action(), row.action())))
          .append("</td><td>").append(esc(OPERATIONS.getOrDefault(row.operation(), row.operation())))
          .append("</td><td>").append(esc(row.objectType())).append(row.objectId() == null ? "" : " ")
          .append(esc(row.objectId())).append("</td><td>").append(esc(row.sourceAddress())).append("</td><td>")
          .append(esc(AuditLog.CHANNEL_NAMES.getOrDefault(row.channel(), row.channel()))).append("</td><td class=\"")
          .append(AuditLog.SUCCESS.equals(row.outcome()) ? "ok" : "bad").append("\">")
          .append(esc(AuditLog.OUTCOME_NAMES.getOrDefault(row.outcome(), row.outcome()))).append("</td><td>")
          .append(esc(row.detail())).append("</td></tr>");
    }
    long pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    StringBuilder paging = new StringBuilder("<p>共 ").append(total).append(" 条，第 ").append(pageNumber)
        .append(" / ").append(pages).append(" 页");
    if (pageNumber > 1) {
      paging.append(" · <a href=\"").append(esc(link(from, to, actor, action, pageNumber - 1))).append("\">上一页</a>");
    }
    if (pageNumber < pages) {
      paging.append(" · <a href=\"").append(esc(link(from, to, actor, action, pageNumber + 1))).append("\">下一页</a>");
    }
    paging.append("</p>");
    return ResponseEntity.ok().contentType(HTML).body("""
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="UTF-8"><title>审计日志</title>
        <style>body{font-family:"Noto Sans CJK SC",sans-serif;max-width:1300px;margin:20px auto;padding:0 12px}
        table{border-collapse:collapse;width:100%%}th,td{border:1px solid #999;padding:4px 6px;font-size:14px}
        th{background:#f4f4f4}.ok{color:#1b5e20}.bad{color:#b71c1c}.muted{color:#777}form{margin:12px 0}
        label{margin-right:12px}</style></head><body>
        <h2>审计日志</h2>
        <p>记录登录（成功与失败）、住户档案查阅、导出与打印、模型部署、用户与授权变更：谁、做了什么、对象编号、时间、来源地址、结果。
        不记录密码和住户信息。保留期限 %d 天，过期记录每日自动清除。</p>
        <form method="get" action="/admin/audit">
        <label>起始日期 <input name="from" type="date" value="%s"></label>
        <label>截止日期 <input name="to" type="date" value="%s"></label>
        <label>用户 <input name="actor" value="%s" maxlength="64"></label>
        <label>事件 <select name="action">%s</select></label>
        <button type="submit">查询</button></form>
        %s
        <table><tr><th>时间（北京时间）</th><th>用户</th><th>事件</th><th>操作</th><th>对象</th><th>来源地址</th><th>渠道</th>
        <th>结果</th><th>说明</th></tr>%s</table>
        %s</body></html>""".formatted(audit.retentionDays(), esc(from), esc(to), esc(actor), options, paging,
        rows.isEmpty() ? "<tr><td colspan=\"9\">没有符合条件的记录。</td></tr>" : table, paging));
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

  private static ResponseEntity<String> message(HttpStatus status, String text) {
    return ResponseEntity.status(status).contentType(HTML).body("<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"UTF-8\">"
        + "<title>审计日志</title><p>" + esc(text) + "</p></html>");
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String esc(String value) {
    return value == null ? "" : HtmlUtils.htmlEscape(value);
  }
}
