package cn.shequflow.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** One loaded copy of {@code working-days.csv}: statutory holidays and make-up working days by date. */
final class HolidayTable {

  /** What a row says about its date. */
  enum DayType {
    HOLIDAY,
    WORKDAY
  }

  private static final String HEADER = "date,type,note";

  private final Map<LocalDate, DayType> days;
  private final SortedSet<Integer> coveredYears;
  private final String source;
  // lives with the loaded table (not the calendar) so each reload warns again about still-missing years
  private final Set<Integer> warnedYears = ConcurrentHashMap.newKeySet();

  private HolidayTable(Map<LocalDate, DayType> days, String source) {
    this.days = Map.copyOf(days);
    TreeSet<Integer> years = new TreeSet<>();
    days.keySet().forEach(d -> years.add(d.getYear()));
    this.coveredYears = Collections.unmodifiableSortedSet(years);
    this.source = source;
  }

  /**
   * Parses the CSV; every problem becomes an {@link IllegalStateException} naming the source, the line number and the
   * line, because the people fixing it are analysts editing the file by hand.
   */
  static HolidayTable parse(InputStream in, String source) throws IOException {
    Map<LocalDate, DayType> days = new HashMap<>();
    Map<LocalDate, Integer> lineOf = new HashMap<>();
    boolean headerSeen = false;
    int lineNo = 0;
    for (String line : Utf8Lines.of(in.readAllBytes(), (n, text) -> badLine(source, n, text, Utf8Lines.NOT_UTF8))) {
      lineNo++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (!headerSeen) {
        if (!trimmed.replace(" ", "").equalsIgnoreCase(HEADER)) {
          throw badLine(source, lineNo, line, "第一行有效内容必须是表头 " + HEADER);
        }
        headerSeen = true;
        continue;
      }
      String[] fields = trimmed.split(",", 3);
      if (fields.length < 2) {
        throw badLine(source, lineNo, line, "每行需要 date,type,note 三列，用英文逗号分隔");
      }
      LocalDate date = parseDate(fields[0].strip(), source, lineNo, line);
      DayType type = parseType(fields[1].strip(), source, lineNo, line);
      if (type == DayType.WORKDAY && !isWeekend(date)) {
        throw badLine(source, lineNo, line,
            "workday（调休上班）只能是周六或周日，" + date + " 是" + chineseWeekday(date.getDayOfWeek()));
      }
      Integer earlier = lineOf.putIfAbsent(date, lineNo);
      if (earlier != null) {
        throw badLine(source, lineNo, line, "日期 " + date + " 重复，第" + earlier + "行已经写过");
      }
      days.put(date, type);
    }
    if (!headerSeen) {
      throw new IllegalStateException("节假日表 " + source + " 为空或缺少表头 " + HEADER);
    }
    return new HolidayTable(days, source);
  }



  private static LocalDate parseDate(String value, String source, int lineNo, String line) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw badLine(source, lineNo, line, "日期“" + value + "”格式不对，应为 yyyy-MM-dd，例如 2026-02-15");
    }
  }

  private static DayType parseType(String value, String source, int lineNo, String line) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "holiday" -> DayType.HOLIDAY;
      case "workday" -> DayType.WORKDAY;
      default -> throw badLine(source, lineNo, line,
          "类型“" + value + "”无效，只能是 holiday（放假）或 workday（调休上班）");
    };
  }

  private static IllegalStateException badLine(String source, int lineNo, String line, String reason) {
    return new IllegalStateException(
        "节假日表 " + source + " 第" + lineNo + "行（line " + lineNo + "）有误：" + reason + "。该行内容：" + line);
  }

  static boolean isWeekend(LocalDate day) {
    DayOfWeek dow = day.getDayOfWeek();
    return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
  }

  private static String chineseWeekday(DayOfWeek dow) {
    return "周" + "一二三四五六日".charAt(dow.getValue() - 1);
  }

  /** The row's type for this date, or null when the file says nothing about it. */
  DayType typeOf(LocalDate day) {
    return days.get(day);
  }

  boolean covers(int year) {
    return coveredYears.contains(year);
  }

  SortedSet<Integer> coveredYears() {
    return coveredYears;
  }

  long count(DayType type) {
    return days.values().stream().filter(type::equals).count();
  }

  String source() {
    return source;
  }

  /** True only the first time an uncovered year is used with this table, to keep the warning loud but not flooding. */
  boolean firstUseOfUncovered(int year) {
    return warnedYears.add(year);
  }
}
