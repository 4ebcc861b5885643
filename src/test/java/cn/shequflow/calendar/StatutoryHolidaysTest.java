package cn.shequflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The statutory holidays of 《全国年节及纪念日放假办法》 (2024 revision) for years without holiday-table rows (issue 15
 * item 1), checked against published dates.
 */
class StatutoryHolidaysTest {

  private final StatutoryHolidays statute = new StatutoryHolidays();

  /**
   * Published facts. 除夕 / 正月初一, 端午 (五月初五), 中秋 (八月十五) and 清明 (the solar term): Hong Kong Observatory,
   * Gregorian–Lunar Calendar Conversion Table, years 2025–2030 (https://www.hko.gov.hk/en/gts/time/conversion.htm),
   * which follows the same almanac as 紫金山天文台 (《中国天文年历》). 2025 and 2026 also agree with the State Council's
   * notices in config/working-days.csv (春节 from 01-28 / 02-16, 清明 04-04 / 04-05, 端午 05-31 / 06-19, 中秋 10-06 /
   * 09-25); 2027 with /work/shared/DESIGN.md (正月初一 02-06, 端午 06-09, 中秋 09-15, 清明 04-05) and Xinhua's report of
   * 紫金山天文台's 清明 moments (2025-04-04 20:49, 2026-04-05 02:40).
   */
  @ParameterizedTest(name = "R-4.2-1 {0}: 除夕 {1}, 清明 {2}, 端午 {3}, 中秋 {4}")
  @DisplayName("R-4.2-1 lunar and solar-term dates 2025–2030 match the published table")
  @CsvSource({
      "2025, 2025-01-28, 2025-04-04, 2025-05-31, 2025-10-06",
      "2026, 2026-02-16, 2026-04-05, 2026-06-19, 2026-09-25",
      "2027, 2027-02-05, 2027-04-05, 2027-06-09, 2027-09-15",
      "2028, 2028-01-25, 2028-04-04, 2028-05-28, 2028-10-03",
      "2029, 2029-02-12, 2029-04-04, 2029-06-16, 2029-09-22",
      "2030, 2030-02-02, 2030-04-05, 2030-06-05, 2030-09-12",
  })
  void publishedDates(int year, LocalDate eve, LocalDate qingming, LocalDate duanwu, LocalDate midAutumn) {
    assertThat(StatutoryHolidays.lunarNewYear(year).minusDays(1)).as("除夕").isEqualTo(eve);
    assertThat(StatutoryHolidays.qingming(year)).as("清明").isEqualTo(qingming);
    assertThat(StatutoryHolidays.lunar(year, 5, 5)).as("端午").isEqualTo(duanwu);
    assertThat(StatutoryHolidays.lunar(year, 8, 15)).as("中秋").isEqualTo(midAutumn);
    assertThat(off(year)).contains(eve, eve.plusDays(1), eve.plusDays(2), eve.plusDays(3), qingming, duanwu, midAutumn,
        LocalDate.of(year, 1, 1), LocalDate.of(year, 5, 1), LocalDate.of(year, 5, 2), LocalDate.of(year, 10, 1),
        LocalDate.of(year, 10, 2), LocalDate.of(year, 10, 3));
  }

  @Test
  @DisplayName("R-4.2-1 ICU4J 79.1 puts 正月初一 2027 and 2030 a day off the published table; the published dates are used")
  void icuNewMoonsNearMidnightAreCorrectedFromThePublishedTable() {
    // when ICU agrees with the published table, this fails: the correction in PUBLISHED_NEW_YEAR can then go
    assertThat(StatutoryHolidays.lunar(2027, 1, 1)).isEqualTo(LocalDate.of(2027, 2, 7));
    assertThat(StatutoryHolidays.lunar(2030, 1, 1)).isEqualTo(LocalDate.of(2030, 2, 2));
    assertThat(StatutoryHolidays.lunarNewYear(2027)).isEqualTo(LocalDate.of(2027, 2, 6));
    assertThat(StatutoryHolidays.lunarNewYear(2030)).isEqualTo(LocalDate.of(2030, 2, 3));
    // elsewhere in 2025–2030 the library's answer is the published one
    assertThat(StatutoryHolidays.lunar(2028, 1, 1)).isEqualTo(LocalDate.of(2028, 1, 26));
  }

  @Test
  @DisplayName("R-4.2-1 provisional 2027: 13 statutory days; those on a weekend made up on the following working days (Article 6)")
  void provisional2027() {
    List<StatutoryHolidays.Day> days = statute.daysOff(2027);
    assertThat(days).extracting(d -> d.date().toString() + " " + d.note()).containsExactly(
        "2027-01-01 元旦",
        "2027-02-05 春节", "2027-02-06 春节", "2027-02-07 春节", "2027-02-08 春节",
        // 初一 on Saturday and 初二 on Sunday: made up on Tuesday and Wednesday, after 初三 (Monday)
        "2027-02-09 春节（补假）", "2027-02-10 春节（补假）",
        "2027-04-05 清明节",
        "2027-05-01 劳动节", "2027-05-02 劳动节", "2027-05-03 劳动节（补假）", "2027-05-04 劳动节（补假）",
        "2027-06-09 端午节",
        "2027-09-15 中秋节",
        "2027-10-01 国庆节", "2027-10-02 国庆节", "2027-10-03 国庆节", "2027-10-04 国庆节（补假）",
        "2027-10-05 国庆节（补假）");
    assertThat(statute.isOff(LocalDate.of(2027, 2, 10))).isTrue();
    assertThat(statute.isOff(LocalDate.of(2027, 2, 11))).isFalse();
  }

  @Test
  @DisplayName("R-4.2-1 2031: 中秋 on 10月1日 (国庆) is made up too, after the 国庆 days, so no statutory day is lost")
  void twoHolidaysOnOneDayGiveAMakeUpDay() {
    assertThat(StatutoryHolidays.lunar(2031, 8, 15)).isEqualTo(LocalDate.of(2031, 10, 1)); // Wednesday
    assertThat(statute.daysOff(2031)).extracting(d -> d.date().toString() + " " + d.note())
        .contains("2031-10-01 国庆节", "2031-10-02 国庆节", "2031-10-03 国庆节", "2031-10-06 中秋节（补假）")
        .doesNotContain("2031-10-01 中秋节");
  }

  @Test
  @DisplayName("R-4.2-1 the statute applies from 2025 (its revision) to 2100; other years give no statutory days")
  void range() {
    assertThat(statute.daysOff(2024)).isEmpty();
    assertThat(statute.daysOff(2101)).isEmpty();
    assertThat(statute.isOff(LocalDate.of(2024, 10, 1))).isFalse();
    assertThat(statute.daysOff(2100)).isNotEmpty();
  }

  private List<LocalDate> off(int year) {
    return statute.daysOff(year).stream().map(StatutoryHolidays.Day::date).toList();
  }
}
