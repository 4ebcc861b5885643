package cn.shequflow.calendar;

import cn.shequflow.calendar.HolidayTable.DayType;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Working-day arithmetic in the configured zone (Asia/Shanghai), exposed to BPMN expressions as {@code workingDays}.
 *
 * <p>A working day is Monday–Friday, minus the holidays and plus the make-up working days of {@code working-days.csv}.
 * A year missing from the file takes the statutory holidays of 《全国年节及纪念日放假办法》 ({@link StatutoryHolidays}):
 * its deadlines are provisional (暂定) until the State Council's notice for the year is entered, and it is logged.
 */
@Component("workingDays")
public class WorkingDayCalendar {

  static final String CLASSPATH_FALLBACK = "models/config/working-days.csv";

  private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

  private static final Logger log = LoggerFactory.getLogger(WorkingDayCalendar.class);

  private final CalendarProperties properties;
  private final String classpathFallback;
  private final StatutoryHolidays statute = new StatutoryHolidays();
  // swapped whole on reload, and read once per computation, so a reload never mixes two tables in one answer
  private volatile HolidayTable table;
  // told of each date computed for a caller (the deadline ledger, issue 15 item 2); none in plain Java tests
  private List<ComputedDateListener> listeners = List.of();
  private ApplicationEventPublisher events;

  @Autowired
  public WorkingDayCalendar(CalendarProperties properties) {
    this(properties, CLASSPATH_FALLBACK);
  }

  @Autowired(required = false)
  void setListeners(List<ComputedDateListener> listeners, ApplicationEventPublisher events) {
    this.listeners = List.copyOf(listeners);
    this.events = events;
  }

  /** Lets tests point the jar fallback elsewhere to check the start-up failure. */
  WorkingDayCalendar(CalendarProperties properties, String classpathFallback) {
    this.properties = Objects.requireNonNull(properties, "properties");
    this.classpathFallback = classpathFallback;
    // fail at start-up: deadlines computed without the holiday table would be silently wrong
    this.table = load();
    logLoaded("已加载", table);
  }

  /**
   * Re-reads the holiday file (admin "redeploy"); if the new file is broken the previous table stays in use and the
   * {@link IllegalStateException} names the file, the line number and the line.
   */
  public synchronized void reload() {
    HolidayTable fresh;
    try {
      fresh = load();
    } catch (RuntimeException e) {
      log.warn("节假日表重新加载失败，继续使用原表（{}）：{}", table.source(), e.getMessage());
      throw e;
    }
    table = fresh;
    logLoaded("已重新加载", fresh);
    if (events != null) {
      events.publishEvent(new WorkingDaysReloaded(fresh.source()));
    }
  }

  /** Tells the listeners of a date computed for a caller (not of the steps of one computation). */
  void computed(ComputedDate.Kind kind, Date from, Long workingDays, Date notBefore, Date result) {
    if (!listeners.isEmpty()) {
      ComputedDate date = new ComputedDate(kind, from, workingDays, notBefore, result);
      listeners.forEach(l -> l.computed(date));
    }
  }

  /**
   * End of office hours on the N-th working day strictly after the calendar day of receipt (in the configured zone);
   * the day of receipt never counts. N = 0 (walk-ins, phone calls) means closing time on the day of receipt if it is
   * a working day and received before closing time, else closing time of the next working day: a same-day deadline
   * is never born in the past (issue 15 item 6).
   *
   * <p>One method with a {@link Number} parameter (not overloads) so JUEL resolves {@code deadline(receivedAt, 3)} and
   * Integer or Long process variables alike, and a null variable fails loudly instead of becoming 0.
   */
  public Date deadline(Date receivedAt, Number workingDays) {
    Date due = deadlineOf(receivedAt, workingDays).dueAt();
    computed(ComputedDate.Kind.DEADLINE, receivedAt, wholeNonNegative(workingDays), null, due);
    return due;
  }

  /** A deadline and whether a day it counted lies in a year the holiday table has no rows for (暂定). */
  public record Deadline(Date dueAt, boolean provisional) {}

  /** {@link #deadline}, telling also whether it is provisional: the rule of {@code GET /api/calendar/deadline}. */
  public Deadline deadlineOf(Date receivedAt, Number workingDays) {
    Objects.requireNonNull(receivedAt, "receivedAt（收件时间）不能为空");
    long n = wholeNonNegative(workingDays);
    HolidayTable t = table;
    ZoneId zone = properties.zone();
    LocalDate day = receivedAt.toInstant().atZone(zone).toLocalDate();
    boolean provisional = false;
    // both loops end: every year has working days (table, statute or Monday–Friday)
    if (n == 0) {
      provisional = !t.covers(day.getYear());
      boolean afterClosing = !receivedAt.toInstant().atZone(zone).toLocalTime().isBefore(properties.officeCloses());
      if (afterClosing && isWorkingDay(t, day)) {
        day = day.plusDays(1);
        provisional |= !t.covers(day.getYear());
      }
      while (!isWorkingDay(t, day)) {
        day = day.plusDays(1);
        provisional |= !t.covers(day.getYear());
      }
    } else {
      long counted = 0;
      while (counted < n) {
        day = day.plusDays(1);
        provisional |= !t.covers(day.getYear());
        if (isWorkingDay(t, day)) {
          counted++;
        }
      }
    }
    Date due = Date.from(day.atTime(properties.officeCloses()).atZone(zone).toInstant());
    log.debug("期限：收件 {}，{} 个工作日 → {}{}", receivedAt.toInstant(), n, due.toInstant(), provisional ? "（暂定）" : "");
    return new Deadline(due, provisional);
  }

  /**
   * From when a deadline counts as due soon (即将到期): office opening time on the due date's day, or one hour before
   * {@code due} when opening time is not strictly earlier. Independent of the clock, so a task's state can be judged
   * at any moment.
   */
  public Date dueSoonFrom(Date due) {
    Objects.requireNonNull(due, "due（期限）不能为空");
    ZoneId zone = properties.zone();
    Instant dueAt = due.toInstant();
    Instant opens = dueAt.atZone(zone).toLocalDate().atTime(properties.officeOpens()).atZone(zone).toInstant();
    return Date.from(opens.isBefore(dueAt) ? opens : dueAt.minus(Duration.ofHours(1)));
  }

  /**
   * When to remind about a deadline, for the models' reminder timers: {@link #dueSoonFrom}. A task that starts after that moment but before its deadline (a same-day reply taken at 10:00) is reminded
   * halfway through the time it has left, on the engine's clock: a reminder already due when the task is created
   * would mail the worker seconds after the case was opened and race the worker's own completion.
   */
  public Date reminderBefore(Date due) {
    Date remind = reminderFor(due);
    computed(ComputedDate.Kind.REMINDER, due, null, null, remind);
    return remind;
  }

  private Date reminderFor(Date due) {
    Instant remind = dueSoonFrom(due).toInstant();
    Instant dueAt = due.toInstant();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    if (!remind.isAfter(now) && now.isBefore(dueAt)) {
      remind = now.plus(Duration.between(now, dueAt).dividedBy(2));
    }
    return Date.from(remind);
  }

  /**
   * The deadline N working days from now on the engine's clock, for due dates and timers in the models
   * ({@code ${workingDays.fromNow(1)}}); moving the engine clock in tests moves it too.
   */
  public Date fromNow(Number workingDays) {
    Date now = ClockUtil.getCurrentTime();
    Date due = deadlineOf(now, workingDays).dueAt();
    computed(ComputedDate.Kind.FROM_NOW, now, wholeNonNegative(workingDays), null, due);
    return due;
  }

  /**
   * How a deadline stands on the engine's clock, in working days, as task cards show it (issue 13 item 2):
   * "剩余 N 个工作日" (working days after today up to the due day), "今日到期", "已超期" (earlier today) or
   * "已超期 N 个工作日" (working days after the due day up to today). Null for no deadline.
   */
  public String standing(Date due) {
    if (due == null) {
      return null;
    }
    ZoneId zone = properties.zone();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    LocalDate today = now.atZone(zone).toLocalDate();
    LocalDate dueDay = due.toInstant().atZone(zone).toLocalDate();
    if (due.toInstant().isAfter(now)) {
      long left = workingDaysAfter(today, dueDay);
      return left == 0 ? "今日到期" : "剩余 " + left + " 个工作日";
    }
    long late = workingDaysAfter(dueDay, today);
    return late == 0 ? "已超期" : "已超期 " + late + " 个工作日";
  }

  /**
   * Working days counted from {@code from} up to {@code to} as deadlines count them (issue 15 item 4): the working
   * days after the calendar day of {@code from} up to and including the day of {@code to}; 0 when {@code to} is not
   * after {@code from}.
   */
  public long workingDaysBetween(Date from, Date to) {
    Objects.requireNonNull(from, "from（起点）不能为空");
    Objects.requireNonNull(to, "to（终点）不能为空");
    ZoneId zone = properties.zone();
    if (!to.after(from)) {
      return 0;
    }
    return workingDaysAfter(from.toInstant().atZone(zone).toLocalDate(), to.toInstant().atZone(zone).toLocalDate());
  }

  /**
   * A deadline stopped at {@code pausedAt} and restarted at {@code resumedAt} (the clock stops while the resident
   * holds the case, issue 15 item 4): the working days it had left at the pause ({@link #workingDaysBetween}
   * pausedAt and due) counted again from the resume, at closing time, by the rule of {@link #deadline}. A deadline
   * already passed when the clock stopped stays where it was: a pause never rescues a case already late.
   */
  public Date resumedDeadline(Date due, Date pausedAt, Date resumedAt) {
    Objects.requireNonNull(due, "due（原期限）不能为空");
    Objects.requireNonNull(resumedAt, "resumedAt（恢复计时时间）不能为空");
    if (!due.after(pausedAt)) {
      return due;
    }
    return deadline(resumedAt, workingDaysBetween(pausedAt, due));
  }

  /** Working days d with from &lt; d ≤ to (0 when to is not after from). */
  long workingDaysAfter(LocalDate from, LocalDate to) {
    HolidayTable t = table;
    long n = 0;
    for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
      if (isWorkingDay(t, day)) {
        n++;
      }
    }
    return n;
  }

  /**
   * {@link #fromNow} N working days, or {@code notBefore} when that is later: a later step of a case never brings a
   * deadline already given forward (issue 13: choosing referral made a letter's 3-day reply due the same day). A null
   * {@code notBefore} is no bound.
   */
  public Date fromNowNotBefore(Number workingDays, Date notBefore) {
    Date now = ClockUtil.getCurrentTime();
    Date due = notBefore(deadlineOf(now, workingDays).dueAt(), notBefore);
    computed(ComputedDate.Kind.FROM_NOW_NOT_BEFORE, now, wholeNonNegative(workingDays), notBefore, due);
    return due;
  }

  /** The later of a deadline and its lower bound (none when null): fromNowNotBefore's rule. */
  public static Date notBefore(Date due, Date notBefore) {
    return notBefore != null && notBefore.after(due) ? notBefore : due;
  }

  /**
   * A recorded date computed again on the table now loaded, from (possibly corrected) inputs, by the rule of the
   * method that first computed it; tells no listener. A reminder is placed as {@link #reminderBefore} places it now;
   * a cycle's moment is {@link WorkingDayCycle#recompute}'s.
   */
  public Date recompute(ComputedDate date) {
    return switch (date.kind()) {
      case DEADLINE, FROM_NOW -> deadlineOf(date.from(), date.workingDays()).dueAt();
      case FROM_NOW_NOT_BEFORE -> notBefore(deadlineOf(date.from(), date.workingDays()).dueAt(), date.notBefore());
      case REMINDER -> reminderFor(date.from());
      case CYCLE -> throw new IllegalArgumentException("工作日周期由 workingDayCycle 重新计算");
    };
  }

  /** Office closing time on a given calendar day, e.g. a reply date a worker promised. */
  public Date closingTime(LocalDate day) {
    return Date.from(day.atTime(properties.officeCloses()).atZone(properties.zone()).toInstant());
  }

  /** "2026年10月10日 17:00" in the configured zone, as workers and residents read dates. */
  public String text(Date date) {
    return date == null ? "" : TEXT.format(date.toInstant().atZone(properties.zone()));
  }

  public ZoneId zone() {
    return properties.zone();
  }

  /** Whether {@code day} is a working day: the holiday table, or the statute for years the table does not cover. */
  public boolean isWorkingDay(LocalDate day) {
    Objects.requireNonNull(day, "day");
    return isWorkingDay(table, day);
  }

  /**
   * Null when the holiday table covers the year of every date (in the configured zone), else a Chinese note naming the
   * years whose days off are provisional (by the statute, until the State Council's notice is entered), for showing
   * next to a deadline (the reception form's calendarWarning).
   */
  public String coverageWarning(Date... dates) {
    if (dates == null) {
      return null;
    }
    HolidayTable t = table;
    SortedSet<Integer> missing = new TreeSet<>();
    for (Date date : dates) {
      if (date != null) {
        int year = date.toInstant().atZone(properties.zone()).getYear();
        if (!t.covers(year)) {
          missing.add(year);
        }
      }
    }
    if (missing.isEmpty()) {
      return null;
    }
    String years = missing.stream().map(y -> y + "年").collect(Collectors.joining("、"));
    return "期限为暂定：" + years + "的节假日安排国务院尚未公布（或尚未录入本系统），暂按《全国年节及纪念日放假办法》规定的"
        + "法定节假日计算，不含调休；正式安排录入后，以正式安排为准。";
  }

  /**
   * From 1 November on the engine's clock, while next year has no rows in the holiday table, the standing warning that
   * managers and the admin see in the staff pages' header and in Tasklist (issue 15 item 8); null otherwise.
   */
  public String nextYearWarning() {
    java.time.ZonedDateTime now = ClockUtil.getCurrentTime().toInstant().atZone(properties.zone());
    int next = now.getYear() + 1;
    if (now.getMonthValue() < 11 || table.covers(next)) {
      return null;
    }
    return "工作日历提醒：节假日表尚无" + next + "年的安排，" + next + "年的期限暂按法定节假日计算（暂定，不含调休）。"
        + "国务院公布" + next + "年节假日安排后，请分析员在节假日表中补充" + next
        + "年的放假和调休上班日期并重新部署（步骤见使用手册的“工作日日历”一节）。";
  }

  /** Whether the year's days off come from the statute (no rows in the holiday table): its deadlines are 暂定. */
  public boolean isProvisional(int year) {
    return !table.covers(year);
  }

  /** A day off or a make-up working day of a year, with its note and where it comes from. */
  public record CalendarDay(LocalDate date, boolean off, String note, Source source) {}

  /** Where a day of the calendar comes from: a row of the holiday table, or the statute for a year without rows. */
  public enum Source {
    TABLE,
    STATUTE;

    /** "table" or "statute", as the days endpoint writes it. */
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The year's days off and make-up working days in date order: the holiday table's rows, or for a year without rows
   * the statute's holidays and make-up days off (no make-up working days: only the State Council's notice sets
   * those); empty for a year outside both (Monday–Friday).
   */
  public List<CalendarDay> specialDays(int year) {
    HolidayTable t = table;
    if (t.covers(year)) {
      return t.datesIn(year).stream()
          .map(d -> new CalendarDay(d, t.typeOf(d) == DayType.HOLIDAY, t.noteOf(d), Source.TABLE)).toList();
    }
    return statute.daysOff(year).stream()
        .map(d -> new CalendarDay(d.date(), true, d.note(), Source.STATUTE)).toList();
  }

  private boolean isWorkingDay(HolidayTable t, LocalDate day) {
    if (!t.covers(day.getYear())) {
      int year = day.getYear();
      boolean byStatute = StatutoryHolidays.covers(year);
      if (t.firstUseOfUncovered(year)) {
        log.warn("节假日表 {} 未包含 {} 年（已包含：{}）：{} 年的期限{}，为暂定，不含调休上班。"
                + "国务院公布该年节假日安排后，请分析员补充 {} 并重新部署。",
            t.source(), year, t.coveredYears(), year,
            byStatute ? "按《全国年节及纪念日放假办法》的法定节假日推算" : "按周一至周五计算（超出法定节假日推算的年份范围）",
            properties.file());
      }
      return isMondayToFriday(day) && !(byStatute && statute.isOff(day));
    }
    DayType type = t.typeOf(day);
    if (type == null) {
      return isMondayToFriday(day);
    }
    return type == DayType.WORKDAY;
  }

  private static boolean isMondayToFriday(LocalDate day) {
    return day.getDayOfWeek().compareTo(DayOfWeek.FRIDAY) <= 0;
  }

  /** About four years of working days: far beyond any time limit, small enough for the day-by-day loop. */
  static final long MAX_WORKING_DAYS = 1000;

  private static long wholeNonNegative(Number workingDays) {
    if (workingDays == null) {
      throw new IllegalArgumentException("工作日数不能为空");
    }
    long n;
    if (workingDays instanceof Integer || workingDays instanceof Long
        || workingDays instanceof Short || workingDays instanceof Byte) {
      n = workingDays.longValue();
    } else if (workingDays instanceof BigInteger big) {
      n = big.longValueExact();
    } else {
      // Double/BigDecimal arrive from JSON or forms; accept 3.0 but never round 2.5 silently
      BigDecimal exact = new BigDecimal(workingDays.toString());
      try {
        n = exact.longValueExact();
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("工作日数必须是整数：" + workingDays, e);
      }
    }
    if (n < 0) {
      throw new IllegalArgumentException("工作日数不能为负数：" + n);
    }
    // the loop counts day by day: a huge number from a caller would keep a thread busy (issue 10 finding 3)
    if (n > MAX_WORKING_DAYS) {
      throw new IllegalArgumentException("工作日数过大（最多" + MAX_WORKING_DAYS + "）：" + n);
    }
    return n;
  }

  private HolidayTable load() {
    Path path = Path.of(properties.file());
    String fileName = path.toAbsolutePath().normalize().toString();
    if (Files.isRegularFile(path)) {
      try (InputStream in = Files.newInputStream(path)) {
        return HolidayTable.parse(in, fileName);
      } catch (IOException e) {
        throw new IllegalStateException("无法读取节假日表 " + fileName + "：" + e.getMessage(), e);
      }
    }
    // a jar started from another directory has no config/ next to it; the pom packs the repo's copy into the jar
    try (InputStream in = WorkingDayCalendar.class.getClassLoader().getResourceAsStream(classpathFallback)) {
      if (in == null) {
        throw new IllegalStateException("找不到节假日表：文件 " + fileName + " 不存在，类路径中也没有 "
            + classpathFallback + "。请检查配置 shequ.calendar.file 或应用的工作目录。");
      }
      log.info("节假日表文件 {} 不存在，改用 jar 内的 classpath:{}", fileName, classpathFallback);
      return HolidayTable.parse(in, "classpath:" + classpathFallback);
    } catch (IOException e) {
      throw new IllegalStateException("无法读取节假日表 classpath:" + classpathFallback + "：" + e.getMessage(), e);
    }
  }

  private void logLoaded(String what, HolidayTable t) {
    log.info("节假日表{}：{}，覆盖年份 {}，放假 {} 天，调休上班 {} 天，时区 {}，办公时间 {}–{}",
        what, t.source(), t.coveredYears(), t.count(DayType.HOLIDAY), t.count(DayType.WORKDAY),
        properties.zone(), properties.officeOpens(), properties.officeCloses());
  }
}
