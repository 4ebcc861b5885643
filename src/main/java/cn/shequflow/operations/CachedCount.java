package cn.shequflow.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/** A count read from the database at most once per {@code maxAge}; reads in between get the last value. */
public final class CachedCount {

  private final LongSupplier source;
  private final Clock clock;
  private final Duration maxAge;
  private Instant readAt;
  private long value;

  public CachedCount(LongSupplier source, Clock clock, Duration maxAge) {
    this.source = source;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  public synchronized double value() {
    Instant now = clock.instant();
    if (readAt == null || !now.isBefore(readAt.plus(maxAge))) {
      value = source.getAsLong();
      readAt = now;
    }
    return value;
  }
}
