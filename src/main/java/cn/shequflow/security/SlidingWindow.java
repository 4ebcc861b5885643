package cn.shequflow.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts events per key (a client address, a phone number, a case number) over a sliding window: a key that has
 * {@code limit} events in the window is refused until its oldest is older than the window. Kept in memory (a restart
 * forgets it) and bounded: past {@link #KEYS_MAX} keys, keys with nothing left in the window are forgotten first.
 * Used for wrong feedback-card links and the residents' public messages and progress lookups.
 */
public final class SlidingWindow {

  /** Keys kept at most; past it, keys with no event in the window are forgotten first. */
  public static final int KEYS_MAX = 10_000;

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> events = new ConcurrentHashMap<>();

  public SlidingWindow(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /** Whether this key has used up its events for now. */
  public boolean blocked(String key) {
    Deque<Instant> times = events.get(key);
    if (times == null) {
      return false;
    }
    synchronized (times) {
      forgetOld(times);
      return times.size() >= limit;
    }
  }

  /** Counts one event of this key. */
  public void count(String key) {
    if (events.size() >= KEYS_MAX) {
      events.values().removeIf(times -> {
        synchronized (times) {
          forgetOld(times);
          return times.isEmpty();
        }
      });
    }
    Deque<Instant> times = events.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      forgetOld(times);
      times.addLast(clock.instant());
    }
  }

  /** How many keys are remembered. */
  public int keysKept() {
    return events.size();
  }

  private void forgetOld(Deque<Instant> times) {
    Instant start = clock.instant().minus(window);
    while (!times.isEmpty() && !times.peekFirst().isAfter(start)) {
      times.pollFirst();
    }
  }
}
