package cn.shequflow.duty;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One row of the duty roster: the worker on {@code shift} ({@code day} or {@code night}) of {@code date}, from
 * {@code start} (inclusive) to {@code end} (exclusive); a night shift belongs to the date it starts on.
 */
public record Shift(LocalDate date, String shift, String worker, Instant start, Instant end, String note) {

  public static final String DAY = "day";
  public static final String NIGHT = "night";

  /** 白班 / 夜班, as workers say it. */
  public String shiftName() {
    return DAY.equals(shift) ? "白班" : "夜班";
  }

  /** The business key of the shift's duty-shift case: {@code ZB-2026-11-16-夜班}. */
  public String key() {
    return cn.shequflow.casefile.CaseNumbers.dutyShift(date, shift);
  }

  /** The key the shift's case had before the numbers were in Chinese: {@code ZB-2026-11-16-night}. */
  public String legacyKey() {
    return cn.shequflow.casefile.CaseNumbers.legacyDutyShift(date, shift);
  }
}
