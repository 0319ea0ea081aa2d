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
  private final AtomicLong millis;
  private final ZoneId zone;

  SteppingClock() {
    this(new AtomicLong(System.currentTimeMillis()), ZoneOffset.UTC);
  }

  private SteppingClock(AtomicLong millis, ZoneId zone) {
    this.millis = millis;
    this.zone = zone;
  }

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
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new SteppingClock(millis, zone); // the same steps, shown in another zone
  }
}
