package org.tend.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves one second forward each time it is read, shared by both nodes of a
 * benchmark: thousands of handshakes a second would otherwise fill the replay window, which is
 * sized for what a collective does in twenty minutes, not for a benchmark.
 */
final class SteppingClock extends Clock {
  private final AtomicLong millis = new AtomicLong(System.currentTimeMillis());

  @Override
  public long millis() {
    return millis.addAndGet(1000);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a benchmark clock has one zone");
  }
}
