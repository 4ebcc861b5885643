package cn.shequflow.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The feedback card's guard against guessed links, on a clock the test moves. */
class TokenGuessesTest {

  /** A clock the test moves by hand. */
  static final class HandClock extends Clock {
    Instant now = Instant.parse("2026-12-03T02:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  @DisplayName("R-1.2-4 同一地址一分钟内试了 3 个错误链接即被拒绝，其他地址不受影响；最早一次满一分钟后恢复一次")
  void anAddressIsRefusedAfterItsGuesses_untilTheOldestIsAMinuteOld() {
    HandClock clock = new HandClock();
    TokenGuesses guesses = new TokenGuesses(3, clock);
    guesses.guessed("203.0.113.7");
    clock.now = clock.now.plusSeconds(20);
    guesses.guessed("203.0.113.7");
    assertThat(guesses.blocked("203.0.113.7")).isFalse();
    guesses.guessed("203.0.113.7");
    assertThat(guesses.blocked("203.0.113.7")).isTrue();
    assertThat(guesses.blocked("198.51.100.2")).isFalse();

    clock.now = clock.now.plus(Duration.ofSeconds(40));
    assertThat(guesses.blocked("203.0.113.7")).as("the first guess is a minute old").isFalse();
    guesses.guessed("203.0.113.7");
    assertThat(guesses.blocked("203.0.113.7")).isTrue();
  }

  @Test
  @DisplayName("R-1.2-4 上万个地址各猜一次：表里只留一分钟内猜过的地址")
  void manyAddresses_onlyThoseOfTheLastMinuteAreKept() {
    HandClock clock = new HandClock();
    TokenGuesses guesses = new TokenGuesses(1, clock);
    for (int i = 0; i < TokenGuesses.ADDRESSES_MAX; i++) {
      guesses.guessed("2001:db8::" + Integer.toHexString(i));
    }
    assertThat(guesses.blocked("2001:db8::0")).isTrue();
    clock.now = clock.now.plus(TokenGuesses.WINDOW).plusSeconds(1);
    guesses.guessed("203.0.113.7");
    assertThat(guesses.blocked("203.0.113.7")).isTrue();
    assertThat(guesses.blocked("2001:db8::0")).isFalse();
    assertThat(guesses.addressesKept()).isEqualTo(1);
  }
}
