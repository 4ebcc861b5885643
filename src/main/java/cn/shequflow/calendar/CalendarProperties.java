package cn.shequflow.calendar;

import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Settings of the working-day calendar ({@code shequ.calendar.*}): time zone, office hours and the holiday table file. */
@ConfigurationProperties(prefix = "shequ.calendar")
public record CalendarProperties(
    @DefaultValue(DEFAULT_ZONE) ZoneId zone,
    @DefaultValue(DEFAULT_OPENS) LocalTime officeOpens,
    @DefaultValue(DEFAULT_CLOSES) LocalTime officeCloses,
    @DefaultValue(DEFAULT_FILE) String file) {

  static final String DEFAULT_ZONE = "Asia/Shanghai";
  static final String DEFAULT_OPENS = "09:00";
  static final String DEFAULT_CLOSES = "17:00";
  static final String DEFAULT_FILE = "config/working-days.csv";

  public CalendarProperties {
    // nulls mean "not configured", so plain Java callers (tests, non-Spring engines) get the same defaults as Spring
    zone = zone != null ? zone : ZoneId.of(DEFAULT_ZONE);
    officeOpens = officeOpens != null ? officeOpens : LocalTime.parse(DEFAULT_OPENS);
    officeCloses = officeCloses != null ? officeCloses : LocalTime.parse(DEFAULT_CLOSES);
    file = file != null && !file.isBlank() ? file.strip() : DEFAULT_FILE;
    // reminders are placed at opening time and deadlines at closing time, so a reversed pair is a configuration typo
    if (!officeOpens.isBefore(officeCloses)) {
      throw new IllegalArgumentException(
          "shequ.calendar.office-opens (" + officeOpens + ") 必须早于 shequ.calendar.office-closes (" + officeCloses + ")");
    }
  }

  /** Defaults: Asia/Shanghai, 09:00–17:00, {@code config/working-days.csv}. */
  public static CalendarProperties defaults() {
    return new CalendarProperties(null, null, null, null);
  }

  /** Defaults with another holiday file, mainly for tests. */
  public static CalendarProperties withFile(String file) {
    return new CalendarProperties(null, null, null, file);
  }
}
