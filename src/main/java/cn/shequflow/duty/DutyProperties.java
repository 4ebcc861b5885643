package cn.shequflow.duty;

import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the emergency duty ({@code shequ.duty.*}): when the day and night shifts start (Asia/Shanghai, the
 * calendar's zone), the roster file (empty: none), how long the next worker has to acknowledge a handover, and
 * whether the shift scheduler runs.
 */
@ConfigurationProperties(prefix = "shequ.duty")
public record DutyProperties(
    @DefaultValue(DEFAULT_DAY_STARTS) LocalTime dayStarts,
    @DefaultValue(DEFAULT_NIGHT_STARTS) LocalTime nightStarts,
    @DefaultValue(DEFAULT_ROSTER) String roster,
    @DefaultValue(DEFAULT_HANDOVER_WITHIN) Duration handoverWithin,
    @DefaultValue("true") boolean schedulerEnabled) {

  static final String DEFAULT_DAY_STARTS = "08:00";
  static final String DEFAULT_NIGHT_STARTS = "18:00";
  static final String DEFAULT_ROSTER = "config/duty-roster.csv";
  static final String DEFAULT_HANDOVER_WITHIN = "PT1H";

  public DutyProperties {
    // nulls mean "not configured", so plain Java callers (tests) get the same defaults as Spring
    dayStarts = dayStarts != null ? dayStarts : LocalTime.parse(DEFAULT_DAY_STARTS);
    nightStarts = nightStarts != null ? nightStarts : LocalTime.parse(DEFAULT_NIGHT_STARTS);
    // empty means "no roster": production ships none (application-prod.yaml), the operator names the community's
    roster = roster != null ? roster.strip() : DEFAULT_ROSTER;
    handoverWithin = handoverWithin != null ? handoverWithin : Duration.parse(DEFAULT_HANDOVER_WITHIN);
    // the night shift runs from night-starts to the next day's day-starts, so the day shift must come first
    if (!dayStarts.isBefore(nightStarts)) {
      throw new IllegalArgumentException(
          "shequ.duty.day-starts (" + dayStarts + ") 必须早于 shequ.duty.night-starts (" + nightStarts + ")");
    }
    if (handoverWithin.isNegative() || handoverWithin.isZero()) {
      throw new IllegalArgumentException("shequ.duty.handover-within 必须大于 0：" + handoverWithin);
    }
  }

  /** Whether a roster file is configured at all (production has none until the operator names one). */
  public boolean rosterConfigured() {
    return !roster.isEmpty();
  }

  /** Defaults: day shift 08:00, night shift 18:00, {@code config/duty-roster.csv}, one hour to acknowledge. */
  public static DutyProperties defaults() {
    return withRoster(null);
  }

  /** Defaults with another roster file, mainly for tests. */
  public static DutyProperties withRoster(String roster) {
    return new DutyProperties(null, null, roster, null, true);
  }
}
