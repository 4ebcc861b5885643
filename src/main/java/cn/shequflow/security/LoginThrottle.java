package cn.shequflow.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The per-source-address half of the lockout (issue 10 item 6): an address with too many failed logins in a window
 * is held back for a while — 15 minutes at first, doubling each time it recurs, never longer than the maximum —
 * whatever account it tried. The accounts themselves are only delayed by the engine (loginDelay*), never locked
 * for good, so strangers cannot lock a worker out. Kept in memory, bounded: the oldest addresses are forgotten.
 */
@Component
class LoginThrottle {

  /** A source address that is held back, until when, after how many holds. */
  record Block(String address, Instant until, int holds) {}

  private final SecurityProperties properties;
  private final Clock clock;
  private final Map<String, State> states;

  @Autowired
  LoginThrottle(SecurityProperties properties) {
    this(properties, new EngineClock());
  }

  LoginThrottle(SecurityProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
    int capacity = properties.trackedAddresses();
    this.states = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
        return size() > capacity;
      }
    };
  }

  private static final class State {
    final Deque<Instant> failures = new ArrayDeque<>();
    Instant blockedUntil;
    int holds;
  }

  /** How long the address must still wait, if it is held back now. */
  synchronized Optional<Duration> retryAfter(String address) {
    State state = states.get(address);
    Instant now = clock.instant();
    if (state == null || state.blockedUntil == null || !now.isBefore(state.blockedUntil)) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, state.blockedUntil));
  }

  /** Counts a failed login from the address; returns the hold when this failure started one. */
  synchronized Optional<Block> failed(String address) {
    Instant now = clock.instant();
    State state = states.computeIfAbsent(address, a -> new State());
    if (state.blockedUntil != null && now.isAfter(state.blockedUntil.plus(Duration.ofDays(1)))) {
      state.holds = 0; // a quiet day forgives earlier holds
    }
    Instant windowStart = now.minus(properties.loginFailureWindow());
    while (!state.failures.isEmpty() && state.failures.peekFirst().isBefore(windowStart)) {
      state.failures.removeFirst();
    }
    state.failures.addLast(now);
    if (state.failures.size() < properties.loginFailuresPerAddress()) {
      return Optional.empty();
    }
    state.failures.clear();
    state.holds++;
    Duration hold = properties.addressBlock().multipliedBy(1L << Math.min(state.holds - 1, 20));
    if (hold.compareTo(properties.addressBlockMax()) > 0) {
      hold = properties.addressBlockMax();
    }
    state.blockedUntil = now.plus(hold);
    return Optional.of(new Block(address, state.blockedUntil, state.holds));
  }

  /** Forgets every address, as a restart does (tests start from a clean slate with it). */
  synchronized void clear() {
    states.clear();
  }

  /** The addresses held back right now, for the admins' lockout page. */
  synchronized List<Block> blocked() {
    Instant now = clock.instant();
    List<Block> blocks = new ArrayList<>();
    states.forEach((address, state) -> {
      if (state.blockedUntil != null && now.isBefore(state.blockedUntil)) {
        blocks.add(new Block(address, state.blockedUntil, state.holds));
      }
    });
    return blocks;
  }
}
