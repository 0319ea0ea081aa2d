package org.tend.node.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tend.node.MutableClock;

class ReplayWindowTest {
  private final MutableClock clock = new MutableClock(Fixtures.NOW);
  private final ReplayWindow window = new ReplayWindow(clock, Duration.ofMinutes(10), 3);

  @Test
  void admitsAKeyOnceWithinTheWindow() {
    assertTrue(window.admit(key(1), clock.millis()));
    assertFalse(window.admit(key(1), clock.millis()));
    clock.advance(Duration.ofMinutes(19));
    assertFalse(window.admit(key(1), clock.millis()), "still remembered within twice the skew");
  }

  @Test
  void forgetsKeysOnceTheirTimestampsWouldBeRefusedAnyway() {
    long sentAt = clock.millis();
    assertTrue(window.admit(key(1), sentAt));
    clock.advance(Duration.ofMinutes(21));
    assertFalse(window.admit(key(1), sentAt), "stale on its timestamp alone");
    assertTrue(window.admit(key(1), clock.millis()), "and no longer held in memory");
  }

  @Test
  void whenFullForgetsTheOldestRatherThanRefusingEveryone() {
    for (int i = 1; i <= 3; i++) {
      assertTrue(window.admit(key(i), clock.millis()));
    }
    assertTrue(window.admit(key(4), clock.millis()), "a fourth is admitted at capacity 3");
    assertFalse(window.admit(key(4), clock.millis()));
    assertFalse(window.admit(key(3), clock.millis()), "newer keys are still remembered");
    assertTrue(window.admit(key(1), clock.millis()), "the oldest was forgotten");
  }

  private static byte[] key(int n) {
    byte[] key = new byte[32];
    key[0] = (byte) n;
    return key;
  }
}
