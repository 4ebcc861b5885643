package cn.shequflow.register;

import cn.shequflow.organisation.Organisation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Searches the case register for one viewer: a grid worker sees their grid's rows whatever they ask for, the
 * community's managers every row, the street office the cases escalated to it; anyone else nothing. Filters are
 * checked and refused in Chinese ({@link BadFilter}) before any query runs.
 */
@Component
class RegisterQuery {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final int SIZE_MAX = 100;
  static final int TEXT_MAX = 50;
  static final Map<String, String> KIND_NAMES = Map.of("reception", "居民接待", "proxy-service", "代办服务",
      "complaint", "投诉与建议");
  static final Map<String, String> CHANNEL_NAMES = Map.of("visit", "来访", "phone", "电话", "letter", "来信",
      "email", "电子邮件", "online", "网上留言", "card", "评价卡");
  static final Map<String, String> RATING_NAMES = Map.of("satisfied", "满意", "basicallySatisfied", "基本满意",
      "dissatisfied", "不满意");
  private static final Set<String> STATUSES = Set.of("open", "closed");

  /** A filter that cannot be used, with the Chinese reason. */
  static final class BadFilter extends RuntimeException {
    BadFilter(String message) {
      super(message);
    }
  }

  /** What a viewer may see: every row, some grids' rows, the escalated rows, or none. */
  record Scope(boolean all, List<String> grids, boolean streetOffice, String description) {
    boolean none() {
      return !all && grids.isEmpty() && !streetOffice;
    }
  }

  /** The filters as given (strings from the query); checked by {@link #check}. */
  record Filter(String q, String from, String to, String grid, String worker, String status, String category,
      String channel, String measure, String page, String size) {}

  /** One row as the API and the page show it; instants ISO-8601 with +08:00. */
  record Row(String caseNumber, String kind, String kindName, String channel, String channelName, String category,
      String categoryName, String residentName, String residentPhone, String grid, String gridName,
      String firstResponder, String firstResponderName, String holder, String holderName, String heldSince,
      String receivedAt,
      String firstResponseDueAt, String firstResponseAt, String dueAt, String closedAt, String status,
      String statusName, boolean overdue, String outcome, String outcomeLabel, String rating, String ratingName,
      String ratingComplaint, String relatedCase) {

    /** The current deadline: the first response's until it is done, then the finishing one. */
    String currentDueAt() {
      return firstResponseAt == null ? firstResponseDueAt : dueAt;
    }
  }

  /** A page of rows, newest first. */
  record Page(int page, int size, long total, String scope, List<Row> rows) {}

  /** Rows fetched from the database at a time while {@link #each} streams them. */
  static final int FETCH_SIZE = 500;

  private final JdbcTemplate jdbc;
  private final JdbcTemplate streaming;
  private final TransactionTemplate readOnly;
  private final Organisation organisation;

  RegisterQuery(JdbcTemplate jdbc, Organisation organisation, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.organisation = organisation;
    this.streaming = new JdbcTemplate(jdbc.getDataSource());
    streaming.setFetchSize(FETCH_SIZE);
    this.readOnly = new TransactionTemplate(transactions);
    readOnly.setReadOnly(true);
  }

  Scope scopeOf(String user) {
    List<String> groups = organisation.groupsOf(user);
    if (groups.contains(Organisation.MANAGERS)) {
      return new Scope(true, List.of(), false, "全社区");
    }
    List<String> grids = groups.stream().filter(Organisation::isGrid).sorted().toList();
    if (!grids.isEmpty()) {
      return new Scope(false, grids, false, String.join("、", grids.stream().map(organisation::groupName).toList()));
    }
    if (groups.contains(Organisation.STREET_OFFICE)) {
      return new Scope(false, List.of(), true, "上报街道的事项");
    }
    return new Scope(false, List.of(), false, "");
  }

  Page search(Scope scope, Filter filter) {
    int page = number(filter.page(), "page", 1, 1, 100_000);
    int size = number(filter.size(), "size", 20, 1, SIZE_MAX);
    List<Object> args = new ArrayList<>();
    String where = where(scope, filter, args);
    Long total = jdbc.queryForObject("select count(*) from case_register where " + where, Long.class, args.toArray());
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(size);
    pageArgs.add((long) (page - 1) * size);
    Function<String, String> gridNames = gridNames();
    List<Row> rows = jdbc.query("select * from case_register where " + where
        + " order by received_at desc, case_number desc limit ? offset ?", (rs, i) -> row(rs, gridNames),
        pageArgs.toArray());
    return new Page(page, size, total == null ? 0 : total, scope.description(), rows);
  }

  /**
   * Hands every row of the filter this viewer may see to the consumer, newest first as {@link #search} orders them
   * (page and size are ignored), and returns how many there were. The rows come from the database a few hundred at a
   * time (a cursor inside one read-only transaction: PostgreSQL streams only so), so a whole year's register never
   * sits in memory. Bad filters are refused ({@link BadFilter}) before any query runs.
   */
  long each(Scope scope, Filter filter, Consumer<Row> consumer) {
    List<Object> args = new ArrayList<>();
    String where = where(scope, filter, args);
    Function<String, String> gridNames = gridNames();
    long[] count = {0};
    readOnly.executeWithoutResult(status -> streaming.query("select * from case_register where " + where
        + " order by received_at desc, case_number desc", (RowCallbackHandler) rs -> {
          consumer.accept(row(rs, gridNames));
          count[0]++;
        }, args.toArray()));
    return count[0];
  }

  /** The row of a case if this viewer may see it. */
  Optional<Row> find(Scope scope, String caseNumber) {
    if (caseNumber == null || caseNumber.length() > 32) {
      return Optional.empty();
    }
    List<Object> args = new ArrayList<>();
    String where = visibility(scope, args) + " and case_number = ?";
    args.add(caseNumber);
    return jdbc.query("select * from case_register where " + where, (rs, i) -> row(rs, gridNames()),
        args.toArray()).stream().findFirst();
  }

  /** Whether the complaint a 不满意 started has closed within its limit, is still open, or is late. */
  String rectification(Row row) {
    if (row.ratingComplaint() == null) {
      return "未转投诉";
    }
    return find(new Scope(true, List.of(), false, ""), row.ratingComplaint())
        .map(c -> "closed".equals(c.status())
            ? (c.dueAt() == null || !OffsetDateTime.parse(c.closedAt()).isAfter(OffsetDateTime.parse(c.dueAt()))
                ? "投诉 " + c.caseNumber() + " 已按时整改" : "投诉 " + c.caseNumber() + " 已整改（超过期限）")
            : (c.overdue() ? "投诉 " + c.caseNumber() + " 整改已逾期" : "投诉 " + c.caseNumber() + " 整改中"))
        .orElse("投诉 " + row.ratingComplaint());
  }

  boolean exists(String caseNumber) {
    Long count = jdbc.queryForObject("select count(*) from case_register where case_number = ?", Long.class,
        caseNumber);
    return count != null && count > 0;
  }

  /** The where clause of a filter for a viewer (its arguments appended to args); refuses a bad filter. */
  String where(Scope scope, Filter filter, List<Object> args) {
    StringBuilder where = new StringBuilder(visibility(scope, args));
    String q = text(filter.q(), "q", "查询内容");
    if (q != null) {
      String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      where.append(" and (case_number = ? or resident_name like ? escape '\\' or resident_phone like ? escape '\\')");
      args.add(q.toUpperCase());
      args.add(like);
      args.add(like);
    }
    LocalDate from = date(filter.from(), "from", "起始日期");
    LocalDate to = date(filter.to(), "to", "截止日期");
    if (from != null && to != null && to.isBefore(from)) {
      throw new BadFilter("截止日期不能早于起始日期");
    }
    if (from != null) {
      where.append(" and received_at >= ?");
      args.add(Timestamp.from(from.atStartOfDay(SHANGHAI).toInstant()));
    }
    if (to != null) {
      where.append(" and received_at < ?");
      args.add(Timestamp.from(to.plusDays(1).atStartOfDay(SHANGHAI).toInstant()));
    }
    String grid = text(filter.grid(), "grid", "网格");
    if (grid != null && (scope.all() || scope.grids().contains(grid))) {
      // a worker asking for another grid keeps their own: the visibility clause already holds it
      where.append(" and grid = ?");
      args.add(grid);
    }
    String worker = text(filter.worker(), "worker", "工作人员");
    if (worker != null) {
      where.append(" and (first_responder = ? or holder = ?)");
      args.add(worker);
      args.add(worker);
    }
    String status = text(filter.status(), "status", "状态");
    if (status != null) {
      if (!STATUSES.contains(status)) {
        throw new BadFilter("状态应为 open（办理中）或 closed（已办结）");
      }
      where.append(" and status = ?");
      args.add(status);
    }
    String category = text(filter.category(), "category", "事项类别");
    if (category != null) {
      where.append(" and category = ?");
      args.add(category);
    }
    String channel = text(filter.channel(), "channel", "渠道");
    if (channel != null) {
      if (!CHANNEL_NAMES.containsKey(channel)) {
        throw new BadFilter("渠道应为 " + String.join("、", CHANNEL_NAMES.keySet().stream().sorted().toList()) + " 之一");
      }
      where.append(" and channel = ?");
      args.add(channel);
    }
    String measure = text(filter.measure(), "measure", "指标");
    if (measure != null) {
      String condition = Measures.MEASURES.get(measure);
      if (condition == null) {
        throw new BadFilter("指标（measure）应为 " + String.join("、", Measures.MEASURES.keySet()) + " 之一");
      }
      where.append(" and (").append(condition).append(")");
      args.addAll(Measures.arguments(measure, new Timestamp(ClockUtil.getCurrentTime().getTime())));
    }
    return where.toString();
  }

  private static String visibility(Scope scope, List<Object> args) {
    if (scope.all()) {
      return "1 = 1";
    }
    if (!scope.grids().isEmpty()) {
      args.addAll(scope.grids());
      return "grid in (" + String.join(", ", scope.grids().stream().map(g -> "?").toList()) + ")";
    }
    if (scope.streetOffice()) {
      return "escalated_to_street = true";
    }
    return "1 = 0";
  }

  /** The grids' names, each looked up once per query (a page or an export names the same few grids many times). */
  private Function<String, String> gridNames() {
    Map<String, String> names = new HashMap<>();
    return grid -> names.computeIfAbsent(grid, organisation::groupName);
  }

  private static Row row(ResultSet rs, Function<String, String> gridName) throws SQLException {
    String status = rs.getString("status");
    Timestamp due = rs.getTimestamp("due_at");
    Timestamp firstDue = rs.getTimestamp("first_response_due_at");
    Timestamp firstDone = rs.getTimestamp("first_response_at");
    long now = ClockUtil.getCurrentTime().getTime();
    // the current deadline: the first response's until it is done, then the finishing one
    Timestamp current = firstDone == null ? firstDue : due;
    boolean paused = firstDone != null && rs.getTimestamp("paused_since") != null; // issue 15 item 4
    boolean overdue = "open".equals(status) && !paused && current != null && current.getTime() < now;
    String grid = rs.getString("grid");
    String rating = rs.getString("rating");
    return new Row(rs.getString("case_number"), rs.getString("kind"), name(KIND_NAMES, rs.getString("kind")),
        rs.getString("channel"), name(CHANNEL_NAMES, rs.getString("channel")), rs.getString("category"),
        rs.getString("category_name"), rs.getString("resident_name"), masked(rs.getString("resident_phone")), grid,
        grid == null ? null : gridName.apply(grid), rs.getString("first_responder"),
        rs.getString("first_responder_name"), rs.getString("holder"), rs.getString("holder_name"),
        instant(rs.getTimestamp("holder_since")), instant(rs.getTimestamp("received_at")), instant(firstDue), instant(firstDone), instant(due),
        instant(rs.getTimestamp("closed_at")), status, "open".equals(status) ? "办理中" : "已办结", overdue,
        rs.getString("outcome"), rs.getString("outcome_label"), rating, name(RATING_NAMES, rating),
        rs.getString("rating_complaint"), rs.getString("related_case"));
  }

  /** A code's Chinese name; null for no code (a proxy errand started at the desk has no channel). */
  static String name(Map<String, String> names, String code) {
    return code == null ? null : names.get(code);
  }

  /** 139****0077: staff see the last four digits; the full number stays in the case. */
  static String masked(String phone) {
    if (phone == null || phone.length() < 7) {
      return phone == null ? null : "****";
    }
    return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
  }

  /** "2026-12-02 09:06" for one of the rows' instants: Beijing time to the minute; empty for none. */
  static String minute(String instant) {
    return instant == null ? "" : cn.shequflow.security.StaffPages.time(OffsetDateTime.parse(instant).toInstant());
  }

  static String instant(Timestamp time) {
    return time == null ? null : OffsetDateTime.ofInstant(time.toInstant(), SHANGHAI).truncatedTo(ChronoUnit.SECONDS)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  private static String text(String value, String name, String label) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.trim();
    if (trimmed.length() > TEXT_MAX) {
      throw new BadFilter(label + "（" + name + "）最多 " + TEXT_MAX + " 个字");
    }
    if (trimmed.chars().anyMatch(c -> c < 0x20)) {
      throw new BadFilter(label + "（" + name + "）含有不可见的控制字符");
    }
    return trimmed;
  }

  private static LocalDate date(String value, String name, String label) {
    String text = text(value, name, label);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new BadFilter(label + "（" + name + "）应为 yyyy-MM-dd 格式的日期，例如 2026-12-01");
    }
  }

  private static int number(String value, String name, int absent, int min, int max) {
    String text = text(value, name, name);
    if (text == null) {
      return absent;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new BadFilter(name + " 应为 " + min + " 到 " + max + " 之间的整数");
  }
}
