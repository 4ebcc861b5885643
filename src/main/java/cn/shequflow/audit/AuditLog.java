package cn.shequflow.audit;

import cn.shequflow.security.CurrentRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The app's audit table (issue 10 item 11): one row per security-relevant event, with who, what, which id, when,
 * source address and outcome. Callers pass ids and fixed wording only — never a password or household data.
 */
@Service
@EnableConfigurationProperties(AuditProperties.class)
public class AuditLog {

  /** Request attribute set by the app's own HTTP Basic check: who the engine works for when it has no authentication. */
  public static final String REQUEST_USER = CurrentRequest.USER;

  public static final String LOGIN = "LOGIN";
  public static final String LOGIN_THROTTLED = "LOGIN_THROTTLED";
  public static final String PROFILE_VIEW = "PROFILE_VIEW";
  public static final String EXPORT = "EXPORT";
  public static final String PRINT = "PRINT";
  public static final String CASE_VIEW = "CASE_VIEW";
  public static final String DEPLOYMENT = "DEPLOYMENT";
  public static final String USER = "USER";
  public static final String GROUP = "GROUP";
  public static final String MEMBERSHIP = "MEMBERSHIP";
  public static final String AUTHORIZATION = "AUTHORIZATION";
  public static final String TENANT = "TENANT";
  public static final String BACKUP = "BACKUP";
  public static final String MIGRATION = "MIGRATION";

  public static final String SUCCESS = "success";
  public static final String FAILURE = "failure";
  public static final String DENIED = "denied";
  public static final String LOCKED = "locked";

  /** Chinese names for the admins' page, in the order the filter lists them. */
  static final Map<String, String> ACTION_NAMES = new LinkedHashMap<>();
  static final Map<String, String> OUTCOME_NAMES = Map.of(SUCCESS, "成功", FAILURE, "失败", DENIED, "拒绝",
      LOCKED, "账户暂时锁定");
  static final Map<String, String> CHANNEL_NAMES = Map.of("webapp", "网页（任务列表等）", "rest", "REST 接口",
      "app", "应用页面与接口", "system", "系统");

  static {
    ACTION_NAMES.put(LOGIN, "登录");
    ACTION_NAMES.put(LOGIN_THROTTLED, "来源地址限流");
    ACTION_NAMES.put(PROFILE_VIEW, "查阅住户档案");
    ACTION_NAMES.put(CASE_VIEW, "查阅事项经过");
    ACTION_NAMES.put(EXPORT, "导出");
    ACTION_NAMES.put(PRINT, "打印文书");
    ACTION_NAMES.put(DEPLOYMENT, "部署");
    ACTION_NAMES.put(USER, "用户变更");
    ACTION_NAMES.put(GROUP, "用户组变更");
    ACTION_NAMES.put(MEMBERSHIP, "组成员变更");
    ACTION_NAMES.put(AUTHORIZATION, "授权变更");
    ACTION_NAMES.put(TENANT, "租户变更");
    ACTION_NAMES.put(BACKUP, "数据库备份");
    ACTION_NAMES.put(MIGRATION, "迁移运行中的事项");
  }

  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

  /** One event; actor null means anonymous or unknown, source address and channel come from the current request. */
  public record Event(String actor, String action, String operation, String objectType, String objectId,
      String outcome, String detail) {

    public static Event of(String actor, String action, String objectType, String objectId, String outcome) {
      return new Event(actor, action, null, objectType, objectId, outcome, null);
    }

    public Event operation(String value) {
      return new Event(actor, action, value, objectType, objectId, outcome, detail);
    }

    public Event detail(String value) {
      return new Event(actor, action, operation, objectType, objectId, outcome, value);
    }
  }

  /** A stored row, as the admins' page shows it. */
  record Row(long id, Date occurredAt, String actor, String action, String operation, String objectType,
      String objectId, String sourceAddress, String channel, String outcome, String detail) {}

  /** What the admins' page asks for: a day range (inclusive, as instants), an actor and an action, each optional. */
  record Query(Instant from, Instant toExclusive, String actor, String action) {}

  private final JdbcTemplate jdbc;
  private final AuditProperties properties;

  AuditLog(JdbcTemplate jdbc, AuditProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  /** Writes the event at the engine clock's now, with the current request's source address and channel. */
  public void record(Event event) {
    HttpServletRequest request = currentRequest();
    jdbc.update("""
        insert into audit_log (occurred_at, actor, action, operation, object_type, object_id, source_address,
          channel, outcome, detail) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        new Timestamp(ClockUtil.getCurrentTime().getTime()), cut(event.actor(), 64), cut(event.action(), 32),
        cut(event.operation(), 32), cut(event.objectType(), 32), cut(event.objectId(), 255),
        request == null ? null : cut(request.getRemoteAddr(), 64), channel(request), cut(event.outcome(), 16),
        cut(event.detail(), 255));
  }

  /** How often a successful HTTP Basic login of the same user from the same address is written again. */
  public java.time.Duration basicLoginInterval() {
    return properties.basicLoginInterval();
  }

  long retentionDays() {
    return properties.retention().toDays();
  }

  List<Row> find(Query query, int offset, int limit) {
    List<Object> arguments = new ArrayList<>();
    String where = where(query, arguments);
    arguments.add(limit);
    arguments.add(offset);
    return jdbc.query("select id, occurred_at, actor, action, operation, object_type, object_id, source_address, "
        + "channel, outcome, detail from audit_log" + where + " order by occurred_at desc, id desc limit ? offset ?",
        (rs, i) -> new Row(rs.getLong(1), rs.getTimestamp(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11)),
        arguments.toArray());
  }

  long count(Query query) {
    List<Object> arguments = new ArrayList<>();
    Long count = jdbc.queryForObject("select count(*) from audit_log" + where(query, arguments), Long.class,
        arguments.toArray());
    return count == null ? 0 : count;
  }

  private static String where(Query query, List<Object> arguments) {
    List<String> conditions = new ArrayList<>();
    if (query.from() != null) {
      conditions.add("occurred_at >= ?");
      arguments.add(Timestamp.from(query.from()));
    }
    if (query.toExclusive() != null) {
      conditions.add("occurred_at < ?");
      arguments.add(Timestamp.from(query.toExclusive()));
    }
    if (query.actor() != null) {
      conditions.add("actor = ?");
      arguments.add(query.actor());
    }
    if (query.action() != null) {
      conditions.add("action = ?");
      arguments.add(query.action());
    }
    return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
  }

  /** Deletes rows older than the retention period (default 180 days), every night; returns how many. */
  @Scheduled(cron = "${shequ.audit.purge-cron:0 40 3 * * *}", zone = "Asia/Shanghai")
  public int purge() {
    Instant cutoff = ClockUtil.getCurrentTime().toInstant().minus(properties.retention());
    int deleted = jdbc.update("delete from audit_log where occurred_at < ?", Timestamp.from(cutoff));
    if (deleted > 0) {
      LOG.info("审计日志：已删除 {} 条超过保留期限（{} 天）的记录", deleted, properties.retention().toDays());
    }
    return deleted;
  }

  /** The request being served on this thread, if any (also inside filters that run before Spring's own). */
  public static HttpServletRequest currentRequest() {
    return CurrentRequest.get();
  }

  /** Which door the event came through: the Camunda webapps, the engine REST API, the app's own pages, or none. */
  static String channel(HttpServletRequest request) {
    if (request == null) {
      return "system";
    }
    String uri = request.getRequestURI();
    if (uri.startsWith("/camunda/")) {
      return "webapp";
    }
    return uri.startsWith("/engine-rest") ? "rest" : "app";
  }

  private static String cut(String value, int length) {
    return value == null || value.length() <= length ? value : value.substring(0, length);
  }
}
