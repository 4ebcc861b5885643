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
  private final Map<LocalDate, String> notes;
  private final SortedSet<Integer> coveredYears;
  private final String source;
  // lives with the loaded table (not the calendar) so each reload warns again about still-missing years
  private final Set<Integer> warnedYears = ConcurrentHashMap.newKeySet();

  private HolidayTable(Map<LocalDate, DayType> days, Map<LocalDate, String> notes, String source) {
    this.days = Map.copyOf(days);
    this.notes = Map.copyOf(notes);
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
    Map<LocalDate, String> notes = new HashMap<>();
    for (DataFile.Row row : DataFile.rows(in.readAllBytes(), "节假日表", source, HEADER)) {
      String[] fields = row.fields(3);
      if (fields.length < 2) {
        throw row.bad("每行需要 date,type,note 三列，用英文逗号分隔");
      }
      LocalDate date = parseDate(fields[0].strip(), row);
      DayType type = parseType(fields[1].strip(), row);
      if (type == DayType.WORKDAY && !isWeekend(date)) {
        throw row.bad("workday（调休上班）只能是周六或周日，" + date + " 是" + chineseWeekday(date.getDayOfWeek()));
      }
      Integer earlier = lineOf.putIfAbsent(date, row.number());
      if (earlier != null) {
        throw row.bad("日期 " + date + " 重复，第" + earlier + "行已经写过");
      }
      days.put(date, type);
      notes.put(date, fields.length > 2 ? fields[2].strip() : "");
    }
    return new HolidayTable(days, notes, source);
  }

  private static LocalDate parseDate(String value, DataFile.Row row) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw row.bad("日期“" + value + "”格式不对，应为 yyyy-MM-dd，例如 2026-02-15");
    }
  }

  private static DayType parseType(String value, DataFile.Row row) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "holiday" -> DayType.HOLIDAY;
      case "workday" -> DayType.WORKDAY;
      default -> throw row.bad("类型“" + value + "”无效，只能是 holiday（放假）或 workday（调休上班）");
    };
  }

  static boolean isWeekend(LocalDate day) {
    DayOfWeek dow = day.getDayOfWeek();
    return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
  }

  /** 周一 … 周日. */
  static String chineseWeekday(DayOfWeek dow) {
    return "周" + "一二三四五六日".charAt(dow.getValue() - 1);
  }

  /** The row's type for this date, or null when the file says nothing about it. */
  DayType typeOf(LocalDate day) {
    return days.get(day);
  }

  /** The note column of the row for this date ("春节", "国庆节调休上班"), empty when blank; null without a row. */
  String noteOf(LocalDate day) {
    return notes.get(day);
  }

  /** The dates the file has rows for in this year, in order. */
  SortedSet<LocalDate> datesIn(int year) {
    return new TreeSet<>(days.keySet().stream().filter(d -> d.getYear() == year).toList());
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
