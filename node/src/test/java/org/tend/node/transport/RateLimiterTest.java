package org.tend.node.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private static final int PER_SECOND = 10;
  private static final int BURST = 5;
  private static final long ONE_TOKEN_NANOS = TimeUnit.SECONDS.toNanos(1) / PER_SECOND;

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final RateLimiter limiter = new RateLimiter(PER_SECOND, BURST, nanos::get);
  private final EmbeddedChannel channel = new EmbeddedChannel(limiter);

  @Test
  void passesExactlyABurstAtOnce() {
    for (int i = 0; i < BURST; i++) {
      assertPasses();
    }
    assertDropped();
    assertEquals(1, limiter.dropped());
    assertTrue(channel.isActive());
    assertFalse(channel.finishAndReleaseAll());
  }

  @Test
  void refillsOneFrameAfterOneOverTheRateSeconds() {
    drainBurst();
    nanos.addAndGet(ONE_TOKEN_NANOS);
    assertPasses();
    assertDropped();
    assertEquals(1, limiter.dropped());
    channel.finishAndReleaseAll();
  }

  @Test
  void oneNanosecondShortOfARefillIsStillDropped() {
    drainBurst();
    nanos.addAndGet(ONE_TOKEN_NANOS - 1);
    assertDropped();
    channel.finishAndReleaseAll();
  }

  @Test
  void aLongPauseRefillsNoMoreThanABurst() {
    drainBurst();
    nanos.addAndGet(TimeUnit.HOURS.toNanos(1));
    for (int i = 0; i < BURST; i++) {
      assertPasses();
    }
    assertDropped();
    channel.finishAndReleaseAll();
  }

  @Test
  void staysOpenAfterOneDropFewerThanABurstWithinASecond() {
    drainBurst();
    for (int i = 0; i < BURST - 1; i++) {
      assertDropped();
    }
    assertTrue(channel.isActive());
    assertEquals(BURST - 1, limiter.dropped());
    channel.finishAndReleaseAll();
  }

  @Test
  void closesAfterABurstOfDropsWithinASecond() {
    drainBurst();
    for (int i = 0; i < BURST - 1; i++) {
      assertDropped();
    }
    ByteBuf flood = frame();
    channel.pipeline().fireChannelRead(flood);
    assertEquals(0, flood.refCnt());
    assertFalse(channel.isActive(), "a flood disconnects");
    assertEquals(BURST, limiter.dropped());
    assertNull(channel.readInbound());
    assertFalse(channel.finishAndReleaseAll());
  }

  @Test
  void dropsCountWithinASecondEvenWithPassedFramesBetween() {
    drainBurst();
    for (int i = 0; i < BURST - 1; i++) {
      assertDropped();
    }
    nanos.addAndGet(ONE_TOKEN_NANOS);
    assertPasses();
    assertTrue(channel.isActive());
    assertDropped();
    assertFalse(channel.isActive(), "a burst of drops within one second is a flood");
    assertEquals(BURST, limiter.dropped());
    channel.finishAndReleaseAll();
  }

  @Test
  void theDropCountStartsAgainEachSecond() {
    drainBurst();
    for (int i = 0; i < BURST - 1; i++) {
      assertDropped();
    }
    nanos.addAndGet(1_000_000_000L);
    drainBurst();
    for (int i = 0; i < BURST - 1; i++) {
      assertDropped();
    }
    assertTrue(channel.isActive(), "a new second, a new count");
    assertEquals(2 * (BURST - 1), limiter.dropped());
    channel.finishAndReleaseAll();
  }

  @Test
  void rateAndBurstMustBePositive() {
    new RateLimiter(1, 1, nanos::get);
    assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, 1, nanos::get));
    assertThrows(IllegalArgumentException.class, () -> new RateLimiter(1, 0, nanos::get));
  }

  private void drainBurst() {
    for (int i = 0; i < BURST; i++) {
      assertPasses();
    }
  }

  private void assertPasses() {
    ByteBuf frame = frame();
    channel.writeInbound(frame);
    ByteBuf passed = channel.readInbound();
    assertSame(frame, passed);
    assertEquals(1, passed.refCnt());
    passed.release();
  }

  /** Fired straight into the pipeline, so it also works on the frame that closes the channel. */
  private void assertDropped() {
    ByteBuf frame = frame();
    channel.pipeline().fireChannelRead(frame);
    assertEquals(0, frame.refCnt(), "a dropped frame is released");
    assertNull(channel.readInbound());
  }

  private static ByteBuf frame() {
    return Unpooled.buffer(4).writeInt(42);
  }
}
