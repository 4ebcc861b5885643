package cn.shequflow.duty;

import cn.shequflow.calendar.WorkingDayCalendar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import cn.shequflow.calendar.DataFile;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The emergency duty roster (R-4.3-2) that analysts edit as {@code config/duty-roster.csv}: who is on the day and
 * the night shift of each date. Read at start-up (a broken file stops the app, with its line number); re-read when
 * the file changes, keeping the previous roster if the new one is broken, so a typo never stops the duty.
 */
@Component
public class DutyRoster {

  static final String CLASSPATH_FALLBACK = "models/config/duty-roster.csv";
  static final String NOT_CONFIGURED_SOURCE = "（未配置排班表）";
  static final String NOT_CONFIGURED = "未配置值班排班表（shequ.duty.roster 为空，生产配置不带演示排班）：不会创建任何值班任务。"
      + "请按 config/duty-roster.csv 的格式（date,shift,worker,note，UTF-8）编写本社区的排班表，放在服务器上，"
      + "用环境变量 SHEQU_DUTY_ROSTER=/路径/duty-roster.csv（或启动参数 --shequ.duty.roster=/路径/duty-roster.csv）指定后重启。";

  private static final String HEADER = "date,shift,worker,note";
  private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]*");
  private static final Logger log = LoggerFactory.getLogger(DutyRoster.class);

  private final DutyProperties properties;
  private final ZoneId zone;
  private final String classpathFallback;
  // swapped whole on reload, and read once per question, so one answer never mixes two versions of the file
  private volatile Table table;

  @Autowired
  public DutyRoster(DutyProperties properties, WorkingDayCalendar workingDays) {
    // only the default path may fall back to the demo roster packed in the jar: a file the operator named must exist
    this(properties, workingDays.zone(),
        DutyProperties.DEFAULT_ROSTER.equals(properties.roster()) ? CLASSPATH_FALLBACK : null);
  }

  /** Lets tests use a zone and a jar fallback of their own (null: none). */
  DutyRoster(DutyProperties properties, ZoneId zone, String classpathFallback) {
    this.properties = Objects.requireNonNull(properties, "properties");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.classpathFallback = classpathFallback;
    if (!properties.rosterConfigured()) {
      // production ships no roster (issue 10 item 11): rather no duty cases than the demo workers' shifts
      this.table = new Table(new TreeMap<>(), NOT_CONFIGURED_SOURCE, null, null);
      log.warn(NOT_CONFIGURED);
      return;
    }
    // fail at start-up: a duty that silently has no roster would leave nights unwatched
    this.table = load();
    log.info("值班排班表已加载：{}，{} 个班次，{} 至 {}，白班 {} 起，夜班 {} 起（{}）", table.source, table.byStart.size(),
        table.first(), table.last(), properties.dayStarts(), properties.nightStarts(), zone);
  }

  /** The shift on duty at {@code time}; empty (with a warning) when the roster has no row for that time. */
  public Optional<Shift> shiftAt(Instant time) {
    Objects.requireNonNull(time, "time");
    Table t = current();
    Map.Entry<Instant, Shift> floor = t.byStart.floorEntry(time);
    if (floor != null && time.isBefore(floor.getValue().end())) {
      return Optional.of(floor.getValue());
    }
    if (!properties.rosterConfigured()) {
      log.warn(NOT_CONFIGURED);
      return Optional.empty();
    }
    LocalDate date = dateOfShiftAt(time);
    log.warn("值班排班表 {} 没有 {} {}（{}）的值班人员：该班次不会创建值班任务，也无人接班。已排班：{} 至 {}。请分析员补充 {}。",
        t.source, date, shiftAt(time, date), time.atZone(zone).toLocalDateTime(), t.first(), t.last(),
        properties.roster());
    return Optional.empty();
  }

  /** The shift that takes over when {@code shift} ends (empty, with a warning, when the roster does not cover it). */
  public Optional<Shift> next(Shift shift) {
    return shiftAt(shift.end());
  }

  /** Start of the day shift of {@code date}. */
  Instant dayStart(LocalDate date) {
    return date.atTime(properties.dayStarts()).atZone(zone).toInstant();
  }

  /** Start of the night shift of {@code date}. */
  Instant nightStart(LocalDate date) {
    return date.atTime(properties.nightStarts()).atZone(zone).toInstant();
  }

  ZoneId zone() {
    return zone;
  }

  private LocalDate dateOfShiftAt(Instant time) {
    LocalDate date = time.atZone(zone).toLocalDate();
    // before the day shift starts it is still the previous date's night shift
    return time.isBefore(dayStart(date)) ? date.minusDays(1) : date;
  }

  private String shiftAt(Instant time, LocalDate date) {
    return time.isBefore(dayStart(date)) || !time.isBefore(nightStart(date)) ? "夜班" : "白班";
  }

  private Table current() {
    Table t = table;
    if (t.file == null) {
      return t;
    }
    FileTime modified = modified(t.file);
    if (Objects.equals(modified, t.modified)) {
      return t;
    }
    synchronized (this) {
      if (table != t) {
        return table;
      }
      try {
        table = load();
        log.info("值班排班表已重新加载：{}，{} 个班次，{} 至 {}", table.source, table.byStart.size(), table.first(), table.last());
      } catch (RuntimeException e) {
        // keep watching with the old roster; remember the broken version so the error is logged once per edit
        log.error("值班排班表修改后有误，继续使用修改前的排班：{}", e.getMessage());
        table = new Table(t.byStart, t.source, t.file, modified);
      }
      return table;
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return null;
    }
  }

  private Table load() {
    Path path = Path.of(properties.roster());
    String fileName = path.toAbsolutePath().normalize().toString();
    if (Files.isRegularFile(path)) {
      FileTime modified = modified(path);
      try (InputStream in = Files.newInputStream(path)) {
        return new Table(parse(in.readAllBytes(), fileName), fileName, path, modified);
      } catch (IOException e) {
        throw new IllegalStateException("无法读取值班排班表 " + fileName + "：" + e.getMessage(), e);
      }
    }
    if (classpathFallback == null) {
      throw new IllegalStateException("找不到值班排班表：文件 " + fileName + " 不存在。请检查配置 shequ.duty.roster"
          + "（环境变量 SHEQU_DUTY_ROSTER）是否指向本社区的排班表，以及应用的工作目录。");
    }
    // a jar started from another directory has no config/ next to it; the pom packs the repo's copy into the jar
    try (InputStream in = DutyRoster.class.getClassLoader().getResourceAsStream(classpathFallback)) {
      if (in == null) {
        throw new IllegalStateException("找不到值班排班表：文件 " + fileName + " 不存在，类路径中也没有 "
            + classpathFallback + "。请检查配置 shequ.duty.roster 或应用的工作目录。");
      }
      log.info("值班排班表文件 {} 不存在，改用 jar 内的 classpath:{}", fileName, classpathFallback);
      String source = "classpath:" + classpathFallback;
      return new Table(parse(in.readAllBytes(), source), source, null, null);
    } catch (IOException e) {
      throw new IllegalStateException("无法读取值班排班表 classpath:" + classpathFallback + "：" + e.getMessage(), e);
    }
  }

  /**
   * Parses the CSV; every problem becomes an {@link IllegalStateException} naming the source, the line number and
   * the line, because the people fixing it are analysts editing the file by hand.
   */
  private NavigableMap<Instant, Shift> parse(byte[] bytes, String source) {
    NavigableMap<Instant, Shift> byStart = new TreeMap<>();
    Map<String, Integer> lineOf = new HashMap<>();
    for (DataFile.Row row : DataFile.rows(bytes, "值班排班表", source, HEADER)) {
      String[] fields = row.fields(4);
      if (fields.length < 3) {
        throw row.bad("每行需要 date,shift,worker,note 四列（note 可空），用英文逗号分隔");
      }
      LocalDate date;
      try {
        date = LocalDate.parse(fields[0].strip());
      } catch (DateTimeParseException e) {
        throw row.bad("日期“" + fields[0].strip() + "”格式不对，应为 yyyy-MM-dd，例如 2026-11-16");
      }
      String shift = fields[1].strip().toLowerCase(Locale.ROOT);
      if (!Shift.DAY.equals(shift) && !Shift.NIGHT.equals(shift)) {
        throw row.bad("班次“" + fields[1].strip() + "”无效，只能是 day（白班）或 night（夜班）");
      }
      String worker = fields[2].strip();
      if (!USER_ID.matcher(worker).matches()) {
        throw row.bad(worker.isEmpty() ? "缺少值班人员（worker 列填写用户名，例如 zhangwei）"
            : "值班人员“" + worker + "”不是有效的用户名（只能用字母、数字和 . _ - @）");
      }
      String note = fields.length > 3 ? fields[3].strip() : "";
      Integer earlier = lineOf.putIfAbsent(date + "/" + shift, row.number());
      if (earlier != null) {
        throw row.bad(date + " 的" + (Shift.DAY.equals(shift) ? "白班" : "夜班") + "重复，第" + earlier + "行已经写过");
      }
      Instant start = Shift.DAY.equals(shift) ? dayStart(date) : nightStart(date);
      Instant end = Shift.DAY.equals(shift) ? nightStart(date) : dayStart(date.plusDays(1));
      byStart.put(start, new Shift(date, shift, worker, start, end, note));
    }
    return byStart;
  }

  /** One loaded version of the file. */
  private record Table(NavigableMap<Instant, Shift> byStart, String source, Path file, FileTime modified) {

    String first() {
      return byStart.isEmpty() ? "（无）" : byStart.firstEntry().getValue().date() + " " + byStart.firstEntry().getValue().shiftName();
    }

    String last() {
      return byStart.isEmpty() ? "（无）" : byStart.lastEntry().getValue().date() + " " + byStart.lastEntry().getValue().shiftName();
    }
  }
}
