package cn.shequflow.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * A count read from the database at most once per {@code maxAge}; reads in between get the last value. The app's
 * metrics read theirs at most every {@link #METRICS_MAX_AGE}, through {@link #gauge}.
 */
public final class CachedCount {

  public static final Duration METRICS_MAX_AGE = Duration.ofSeconds(15);

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

  /**
   * A gauge of the metrics' count from {@code source}, held strongly: Micrometer keeps only a weak reference to a
   * gauge's object otherwise, and an unreferenced count reads NaN after the next garbage collection.
   */
  public static io.micrometer.core.instrument.Gauge.Builder<CachedCount> gauge(String name, String description,
      LongSupplier source) {
    return io.micrometer.core.instrument.Gauge.builder(name,
        new CachedCount(source, Clock.systemUTC(), METRICS_MAX_AGE), CachedCount::value)
        .description(description).strongReference(true);
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
