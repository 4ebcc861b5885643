package cn.shequflow.calendar;

import com.ibm.icu.impl.CalendarAstronomer;
import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.ChineseCalendar;
import com.ibm.icu.util.TimeZone;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statutory holidays of 《全国年节及纪念日放假办法》 (revised 2024, in force from 2025) for a year the holiday table
 * has no rows for: 元旦 1 day, 春节 4 days (除夕 and 正月初一–初三), 清明 1 day (the solar term's day), 劳动节 May 1–2,
 * 端午 (五月初五), 中秋 (八月十五), 国庆 Oct 1–3; a statutory day on a Saturday or Sunday is made up on the following
 * working day(s) (Article 6). The State Council's yearly 调休 arrangement cannot be derived, so such a year is
 * provisional (暂定) until its notice is entered in {@code working-days.csv}.
 *
 * <p>Lunar dates come from ICU4J's {@link ChineseCalendar}, the 清明 moment from ICU4J's solar astronomy (the same
 * {@link CalendarAstronomer} its Chinese calendar uses; ICU has no public solar-term API), both in Beijing time.
 * ICU's astronomy can be minutes off the official almanac (紫金山天文台, as published by the Hong Kong Observatory's
 * Gregorian–Lunar conversion table), which moves a day when a new moon falls near midnight: the known cases are
 * corrected from the published table in {@link #PUBLISHED_NEW_YEAR}; StatutoryHolidaysTest checks 2025–2030 against it.
 */
final class StatutoryHolidays {

  /** The 2024 revision (春节 and 劳动节 2 days longer) applies from 2025 on. */
  static final int FIRST_YEAR = 2025;
  /** ICU's astronomy is meant for a few centuries around now; later years are not worth trusting. */
  static final int LAST_YEAR = 2100;

  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  /**
   * 正月初一 where the official almanac differs from ICU4J 79.1 (the new moon falls minutes before midnight in Beijing
   * and ICU puts it after): Hong Kong Observatory, Gregorian–Lunar Calendar Conversion Table 2027 and 2030
   * (https://www.hko.gov.hk/en/gts/time/conversion.htm). ICU gives 2027-02-07 and 2030-02-02.
   */
  static final Map<Integer, LocalDate> PUBLISHED_NEW_YEAR = Map.of(
      2027, LocalDate.of(2027, 2, 6),
      2030, LocalDate.of(2030, 2, 3));

  /** One statutory day off: the holiday's name, and whether it is the make-up day (补假) of a weekend holiday. */
  record Day(LocalDate date, String name, boolean makeUp) {

    /** "春节", "国庆节（补假）": how the calendar page and the days endpoint name it. */
    String note() {
      return makeUp ? name + "（补假）" : name;
    }
  }

  private record Year(List<Day> days, Set<LocalDate> dates) {}

  private final Map<Integer, Year> byYear = new ConcurrentHashMap<>();

  static boolean covers(int year) {
    return year >= FIRST_YEAR && year <= LAST_YEAR;
  }

  /** The year's days off by the statute, in date order (make-up days included); empty outside {@link #covers}. */
  List<Day> daysOff(int year) {
    return covers(year) ? year(year).days() : List.of();
  }

  /** Whether the statute gives this day off (make-up days never spill into the next year: the last holiday is 国庆). */
  boolean isOff(LocalDate day) {
    return covers(day.getYear()) && year(day.getYear()).dates().contains(day);
  }

  private Year year(int year) {
    return byYear.computeIfAbsent(year, y -> {
      List<Day> days = compute(y);
      return new Year(days, Set.copyOf(days.stream().map(Day::date).toList()));
    });
  }

  private static List<Day> compute(int year) {
    LocalDate newYear = lunarNewYear(year);
    List<Day> statutory = new ArrayList<>();
    statutory.add(new Day(LocalDate.of(year, 1, 1), "元旦", false));
    for (int i = -1; i <= 2; i++) {
      statutory.add(new Day(newYear.plusDays(i), "春节", false));
    }
    statutory.add(new Day(qingming(year), "清明节", false));
    statutory.add(new Day(LocalDate.of(year, 5, 1), "劳动节", false));
    statutory.add(new Day(LocalDate.of(year, 5, 2), "劳动节", false));
    statutory.add(new Day(lunar(year, 5, 5), "端午节", false));
    // 国庆 before 中秋, so that when both fall on Oct 1 the day keeps its name 国庆节 and 中秋 is the one made up
    for (int d = 1; d <= 3; d++) {
      statutory.add(new Day(LocalDate.of(year, 10, d), "国庆节", false));
    }
    statutory.add(new Day(lunar(year, 8, 15), "中秋节", false));
    statutory.sort((a, b) -> a.date().compareTo(b.date()));

    // Article 6: each statutory day on a weekend is made up on the next weekday not already off, in date order, so
    // a holiday's make-up days follow it consecutively (国庆 on Fri–Sun: Mon and Tue off). Two holidays on one day
    // (中秋 on Oct 1, as in 2031) are read the same way: the second is made up, so no statutory day is lost.
    Set<LocalDate> off = new TreeSet<>();
    List<Day> days = new ArrayList<>();
    List<Day> owed = new ArrayList<>();
    for (Day day : statutory) {
      if (off.add(day.date())) {
        days.add(day);
        if (HolidayTable.isWeekend(day.date())) {
          owed.add(day);
        }
      } else {
        owed.add(day);
      }
    }
    for (Day day : owed) {
      LocalDate makeUp = day.date().plusDays(1);
      while (HolidayTable.isWeekend(makeUp) || off.contains(makeUp)) {
        makeUp = makeUp.plusDays(1);
      }
      off.add(makeUp);
      days.add(new Day(makeUp, day.name(), true));
    }
    days.sort((a, b) -> a.date().compareTo(b.date()));
    return Collections.unmodifiableList(days);
  }

  /** 正月初一 of the lunar year that starts in this Gregorian year (always late January to mid-February). */
  static LocalDate lunarNewYear(int year) {
    LocalDate published = PUBLISHED_NEW_YEAR.get(year);
    return published != null ? published : lunar(year, 1, 1);
  }

  /**
   * The Gregorian date in {@code year} of a day of a regular (not leap) lunar month, by ICU4J in Beijing time, without
   * the published corrections of {@link #lunarNewYear} (StatutoryHolidaysTest shows where they differ).
   */
  static LocalDate lunar(int year, int month, int day) {
    ChineseCalendar chinese = new ChineseCalendar(TimeZone.getTimeZone(BEIJING.getId()));
    for (LocalDate date = LocalDate.of(year, 1, 1); date.getYear() == year; date = date.plusDays(1)) {
      chinese.setTimeInMillis(date.atTime(LocalTime.NOON).atZone(BEIJING).toInstant().toEpochMilli());
      if (chinese.get(ChineseCalendar.IS_LEAP_MONTH) == 0 && chinese.get(Calendar.MONTH) + 1 == month
          && chinese.get(Calendar.DAY_OF_MONTH) == day) {
        return date;
      }
    }
    throw new IllegalStateException(year + " 年没有农历" + month + "月" + day + "日");
  }

  /** The Beijing date on which the sun reaches ecliptic longitude 15° (清明) in {@code year}. */
  static LocalDate qingming(int year) {
    long from = LocalDate.of(year, 3, 1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    long moment = new CalendarAstronomer(from).getSunTime(Math.toRadians(15), true);
    return java.time.Instant.ofEpochMilli(moment).atZone(BEIJING).toLocalDate();
  }
}
