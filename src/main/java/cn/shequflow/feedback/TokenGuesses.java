package cn.shequflow.feedback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wrong feedback-card links per client address over the last minute. An address that has tried {@link #perMinute}
 * unknown tokens is refused until its oldest guess is a minute old, so tokens cannot be found by brute force. Only
 * guesses count: a resident who opens, submits and reopens their own card is never held up by it, nor by the other
 * residents behind the same community Wi-Fi who do the same.
 */
final class TokenGuesses {

  static final Duration WINDOW = Duration.ofMinutes(1);
  /** Addresses kept at most; past it, addresses with no guess in the window are forgotten first. */
  static final int ADDRESSES_MAX = 10_000;

  private final int perMinute;
  private final Clock clock;
  private final Map<String, Deque<Instant>> guesses = new ConcurrentHashMap<>();

  TokenGuesses(int perMinute, Clock clock) {
    this.perMinute = perMinute;
    this.clock = clock;
  }

  /** Whether this address has used up its guesses for now. */
  boolean blocked(String address) {
    Deque<Instant> times = guesses.get(address);
    if (times == null) {
      return false;
    }
    synchronized (times) {
      forgetOld(times);
      return times.size() >= perMinute;
    }
  }

  /** Counts one unknown token tried from this address. */
  void guessed(String address) {
    if (guesses.size() >= ADDRESSES_MAX) {
      guesses.values().removeIf(times -> {
        synchronized (times) {
          forgetOld(times);
          return times.isEmpty();
        }
      });
    }
    Deque<Instant> times = guesses.computeIfAbsent(address, k -> new ArrayDeque<>());
    synchronized (times) {
      forgetOld(times);
      times.addLast(clock.instant());
    }
  }

  /** How many addresses are remembered. */
  int addressesKept() {
    return guesses.size();
  }

  private void forgetOld(Deque<Instant> times) {
    Instant start = clock.instant().minus(WINDOW);
    while (!times.isEmpty() && !times.peekFirst().isAfter(start)) {
      times.pollFirst();
    }
  }
}
