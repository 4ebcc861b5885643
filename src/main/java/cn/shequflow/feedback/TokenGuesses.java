package cn.shequflow.feedback;

import cn.shequflow.security.SlidingWindow;
import java.time.Clock;
import java.time.Duration;

/**
 * Wrong feedback-card links per client address over the last minute. An address that has tried its allowance of
 * unknown tokens is refused until its oldest guess is a minute old, so tokens cannot be found by brute force. Only
 * guesses count: a resident who opens, submits and reopens their own card is never held up by it, nor by the other
 * residents behind the same community Wi-Fi who do the same.
 */
final class TokenGuesses {

  static final Duration WINDOW = Duration.ofMinutes(1);
  /** Addresses kept at most; past it, addresses with no guess in the window are forgotten first. */
  static final int ADDRESSES_MAX = SlidingWindow.KEYS_MAX;

  private final SlidingWindow guesses;

  TokenGuesses(int perMinute, Clock clock) {
    this.guesses = new SlidingWindow(perMinute, WINDOW, clock);
  }

  /** Whether this address has used up its guesses for now. */
  boolean blocked(String address) {
    return guesses.blocked(address);
  }

  /** Counts one unknown token tried from this address. */
  void guessed(String address) {
    guesses.count(address);
  }

  /** How many addresses are remembered. */
  int addressesKept() {
    return guesses.keysKept();
  }
}
