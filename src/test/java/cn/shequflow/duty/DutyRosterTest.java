package cn.shequflow.duty;

import static cn.shequflow.EngineTestSupport.SHANGHAI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.shequflow.calendar.CalendarProperties;
import cn.shequflow.calendar.WorkingDayCalendar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The duty roster as analysts write it: config/duty-roster.csv of the repository, plus broken copies. */
class DutyRosterTest {

  private static final String HEADER = "# 说明\ndate,shift,worker,note\n";

  @TempDir Path folder;

  private final DutyRoster roster = new DutyRoster(DutyProperties.defaults(), SHANGHAI, DutyRoster.CLASSPATH_FALLBACK);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    logs.start();
    ((Logger) LoggerFactory.getLogger(DutyRoster.class)).addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    ((Logger) LoggerFactory.getLogger(DutyRoster.class)).detachAppender(logs);
  }

  @Test
  @DisplayName("R-4.3-2 国庆节假期（10月1日至7日放假）每天都有白班和夜班，备注“国庆节值班”，三名网格员轮流")
  void nationalDayHoliday_everyShiftIsCovered_byTheDemoWorkersInTurn() {
    WorkingDayCalendar calendar = new WorkingDayCalendar(CalendarProperties.defaults());
    for (LocalDate day = LocalDate.of(2026, 10, 1); day.isBefore(LocalDate.of(2026, 10, 8)); day = day.plusDays(1)) {
      assertThat(calendar.isWorkingDay(day)).as("%s 放假", day).isFalse();
      Shift dayShift = roster.shiftAt(at(day, 12, 0)).orElseThrow();
      Shift nightShift = roster.shiftAt(at(day, 23, 0)).orElseThrow();
      assertThat(dayShift.shift()).isEqualTo("day");
      assertThat(nightShift.shift()).isEqualTo("night");
      assertThat(dayShift.note()).isEqualTo("国庆节值班");
      assertThat(nightShift.note()).isEqualTo("国庆节值班");
      assertThat(dayShift.worker()).isNotEqualTo(nightShift.worker()).isIn("zhangwei", "lina", "wangfang");
      assertThat(roster.next(dayShift)).contains(nightShift);
    }
    assertThat(roster.shiftAt(at(LocalDate.of(2026, 10, 1), 8, 0)).orElseThrow().worker()).isEqualTo("lina");
    assertThat(roster.shiftAt(at(LocalDate.of(2026, 10, 1), 18, 0)).orElseThrow().worker()).isEqualTo("wangfang");
    assertThat(roster.shiftAt(at(LocalDate.of(2026, 10, 2), 8, 0)).orElseThrow().worker()).isEqualTo("zhangwei");
    // the night of the last holiday hands over to the first working day after it (10-08, a Thursday)
    Shift lastHolidayNight = roster.shiftAt(at(LocalDate.of(2026, 10, 8), 3, 0)).orElseThrow();
    assertThat(lastHolidayNight.date()).isEqualTo(LocalDate.of(2026, 10, 7));
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 8))).isTrue();
    assertThat(roster.next(lastHolidayNight).orElseThrow().note()).isEqualTo("节后首个工作日");
    assertThat(logs.list).noneMatch(e -> e.getLevel() == Level.WARN);
  }

  @Test
  @DisplayName("白班 08:00–18:00、夜班 18:00–次日 08:00（北京时间），开始时刻属于新班次")
  void dayAndNightBoundaries() {
    LocalDate monday = LocalDate.of(2026, 11, 16);
    Shift day = roster.shiftAt(at(monday, 8, 0)).orElseThrow();
    assertThat(day).isEqualTo(new Shift(monday, "day", "lina", at(monday, 8, 0), at(monday, 18, 0), ""));
    assertThat(day.key()).isEqualTo("ZB-2026-11-16-白班");
    assertThat(day.shiftName()).isEqualTo("白班");
    assertThat(roster.shiftAt(at(monday, 17, 59).plusSeconds(59))).contains(day);

    Shift night = roster.shiftAt(at(monday, 18, 0)).orElseThrow();
    assertThat(night.worker()).isEqualTo("wangfang");
    assertThat(night.shiftName()).isEqualTo("夜班");
    assertThat(night.end()).isEqualTo(at(monday.plusDays(1), 8, 0));
    // 02:00 and 07:59 of Tuesday still belong to Monday's night shift
    assertThat(roster.shiftAt(at(monday.plusDays(1), 2, 0))).contains(night);
    assertThat(roster.shiftAt(at(monday.plusDays(1), 7, 59))).contains(night);
    assertThat(roster.shiftAt(at(monday, 7, 59)).orElseThrow().date()).isEqualTo(monday.minusDays(1));
    // Instant is zone-free: 10:00 UTC is 18:00 in Shanghai
    assertThat(roster.shiftAt(Instant.parse("2026-11-16T10:00:00Z"))).contains(night);
    assertThat(roster.shiftAt(at(LocalDate.of(2026, 11, 21), 10, 0)).orElseThrow().note()).isEqualTo("周末值班");
  }

  @Test
  @DisplayName("下一班：白班之后是当天夜班，夜班之后是次日白班")
  void nextShift() {
    LocalDate monday = LocalDate.of(2026, 11, 16);
    Shift day = roster.shiftAt(at(monday, 9, 0)).orElseThrow();
    Shift night = roster.next(day).orElseThrow();
    Shift tuesday = roster.next(night).orElseThrow();
    assertThat(night.start()).isEqualTo(day.end());
    assertThat(night.worker()).isEqualTo("wangfang");
    assertThat(tuesday.date()).isEqualTo(monday.plusDays(1));
    assertThat(tuesday.shift()).isEqualTo("day");
    assertThat(tuesday.worker()).isEqualTo("zhangwei");
    assertThat(tuesday.start()).isEqualTo(night.end());
  }

  @Test
  @DisplayName("排班表未覆盖的时间：没有班次，并大声警告（WARN，指出日期和文件）")
  void uncoveredTime_isEmpty_andWarnsLoudly() {
    assertThat(roster.shiftAt(at(LocalDate.of(2026, 10, 9), 9, 0))).isEmpty();
    assertThat(roster.shiftAt(at(LocalDate.of(2027, 1, 1), 20, 0))).isEmpty();
    Shift lastOfYear = roster.shiftAt(at(LocalDate.of(2026, 12, 31), 22, 0)).orElseThrow();
    assertThat(roster.next(lastOfYear)).isEmpty();
    assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(3)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(m -> assertThat(m).contains("2026-10-09").contains("白班").contains("config/duty-roster.csv"))
        .anySatisfy(m -> assertThat(m).contains("2027-01-01").contains("夜班"));
  }

  @Test
  @DisplayName("排班表有误：报错指出行号、原因和该行内容")
  void badLine_failsWithItsLineNumber() throws IOException {
    assertThatThrownBy(() -> load(HEADER + "2026-11-16,day,lina,\n2026-11-16,evening,zhangwei,\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("第4行").hasMessageContaining("evening").hasMessageContaining("day（白班）或 night（夜班）");
    assertThatThrownBy(() -> load(HEADER + "2026/11/16,day,lina,\n"))
        .hasMessageContaining("第3行").hasMessageContaining("yyyy-MM-dd");
    assertThatThrownBy(() -> load(HEADER + "2026-11-16,day,,\n"))
        .hasMessageContaining("第3行").hasMessageContaining("缺少值班人员");
    assertThatThrownBy(() -> load(HEADER + "2026-11-16,night,lina,\n2026-11-16,night,wangfang,\n"))
        .hasMessageContaining("第4行").hasMessageContaining("重复").hasMessageContaining("第3行");
    assertThatThrownBy(() -> load("2026-11-16,day,lina,\n")).hasMessageContaining("第1行").hasMessageContaining("表头");
    Path gbk = folder.resolve("gbk.csv");
    Files.write(gbk, "date,shift,worker,note\n2026-11-16,day,lina,周末值班\n".getBytes("GBK"));
    assertThatThrownBy(() -> new DutyRoster(DutyProperties.withRoster(gbk.toString()), SHANGHAI, "none"))
        .hasMessageContaining("第2行").hasMessageContaining("UTF-8");
  }

  @Test
  @DisplayName("分析员修改排班表后自动生效；改错了继续使用原排班")
  void editedRoster_isReloaded_andABrokenEditKeepsTheOldOne() throws IOException {
    Path file = folder.resolve("roster.csv");
    Files.writeString(file, HEADER + "2026-11-16,day,lina,\n", StandardCharsets.UTF_8);
    DutyRoster edited = new DutyRoster(DutyProperties.withRoster(file.toString()), SHANGHAI, "none");
    assertThat(edited.shiftAt(at(LocalDate.of(2026, 11, 16), 9, 0)).orElseThrow().worker()).isEqualTo("lina");

    Files.writeString(file, "\uFEFF" + HEADER + "2026-11-16,day,zhangwei,换班\r\n", StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
    assertThat(edited.shiftAt(at(LocalDate.of(2026, 11, 16), 9, 0)).orElseThrow().worker()).isEqualTo("zhangwei");

    Files.writeString(file, HEADER + "2026-11-16,morning,lina,\n", StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(20)));
    assertThat(edited.shiftAt(at(LocalDate.of(2026, 11, 16), 9, 0)).orElseThrow().worker()).isEqualTo("zhangwei");
  }

  @Test
  @DisplayName("交班时间可配置；没有 config/ 目录时使用 jar 内的排班表")
  void configurableShiftTimes_andJarFallback() throws IOException {
    Path file = folder.resolve("roster.csv");
    Files.writeString(file, HEADER + "2026-11-16,day,lina,\n2026-11-16,night,wangfang,\n", StandardCharsets.UTF_8);
    DutyProperties later = new DutyProperties(LocalTime.of(7, 30), LocalTime.of(19, 30), file.toString(),
        Duration.ofMinutes(30), true);
    DutyRoster shifted = new DutyRoster(later, SHANGHAI, "none");
    assertThat(shifted.shiftAt(at(LocalDate.of(2026, 11, 16), 19, 0)).orElseThrow().worker()).isEqualTo("lina");
    assertThat(shifted.shiftAt(at(LocalDate.of(2026, 11, 16), 19, 30)).orElseThrow().worker()).isEqualTo("wangfang");
    assertThatThrownBy(() -> new DutyProperties(LocalTime.of(18, 0), LocalTime.of(8, 0), null, null, true))
        .hasMessageContaining("day-starts");

    DutyRoster packaged = new DutyRoster(DutyProperties.withRoster(folder.resolve("missing.csv").toString()), SHANGHAI,
        DutyRoster.CLASSPATH_FALLBACK);
    assertThat(packaged.shiftAt(at(LocalDate.of(2026, 11, 16), 20, 0)).orElseThrow().worker()).isEqualTo("wangfang");
    assertThatThrownBy(() -> new DutyRoster(DutyProperties.withRoster(folder.resolve("missing.csv").toString()),
        SHANGHAI, "models/config/none.csv")).hasMessageContaining("找不到值班排班表");
  }

  private DutyRoster load(String csv) throws IOException {
    Path file = folder.resolve("bad.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    return new DutyRoster(DutyProperties.withRoster(file.toString()), SHANGHAI, "none");
  }

  private static Instant at(LocalDate day, int hour, int minute) {
    return LocalDateTime.of(day, LocalTime.of(hour, minute)).atZone(SHANGHAI).toInstant();
  }
}
