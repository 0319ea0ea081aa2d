package org.tend.node.simulation;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.transport.PeerLink;
import org.tend.node.api.transport.PeerListener;
import org.tend.protocol.proto.Frame;

/**
 * What the simulated network does to frames between authenticated nodes: drops some, delays
 * all, and cuts the collective in two. Applied where frames leave the transport, so handshakes
 * and framing are real and only delivery is impaired. Thread-safe.
 */
public final class LinkFaults {
  private final SeededRandomness random;
  private final ScheduledExecutorService timer;
  private volatile double dropRate;
  private volatile long delayMicros;
  private volatile long jitterMicros;
  private final Set<MemberKey> sideA = ConcurrentHashMap.newKeySet();
  private volatile boolean partitioned;

  LinkFaults(SeededRandomness random, ScheduledExecutorService timer) {
    this.random = random;
    this.timer = timer;
  }

  /** Each frame is lost with probability {@code rate} (0 to 1). */
  public void dropRate(double rate) {
    if (rate < 0 || rate >= 1) {
      throw new IllegalArgumentException("drop rate must be in [0, 1): " + rate);
    }
    this.dropRate = rate;
  }

  /** Each frame arrives after {@code delay} plus up to {@code jitter} more. */
  public void delay(Duration delay, Duration jitter) {
    this.delayMicros = delay.toNanos() / 1000;
    this.jitterMicros = jitter.toNanos() / 1000;
  }

  /** Frames between {@code side} and everyone else are lost until {@link #heal}. */
  public void partition(Set<MemberKey> side) {
    sideA.clear();
    sideA.addAll(side);
    partitioned = true;
  }

  public void heal() {
    partitioned = false;
    sideA.clear();
  }

  /** {@code inner}, behind these faults, for the node {@code me}. */
  PeerListener around(MemberKey me, PeerListener inner) {
    return new PeerListener() {
      @Override
      public void connected(PeerLink link) {
        inner.connected(link);
      }

      @Override
      public void received(PeerLink link, Frame frame) {
        if (partitioned && sideA.contains(me) != sideA.contains(link.member())) {
          return;
        }
        if (dropRate > 0 && random.nextDouble() < dropRate) {
          return;
        }
        long delay = delayMicros + (jitterMicros > 0 ? random.nextInt((int) jitterMicros) : 0);
        if (delay == 0) {
          inner.received(link, frame);
        } else {
          timer.schedule(() -> inner.received(link, frame), delay, TimeUnit.MICROSECONDS);
        }
      }

      @Override
      public void disconnected(PeerLink link) {
        inner.disconnected(link);
      }
    };
  }
}
