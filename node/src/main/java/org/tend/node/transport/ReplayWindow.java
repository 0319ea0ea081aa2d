package org.tend.node.transport;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Remembers the first handshake messages accepted recently, so a captured one replayed later
 * gets the same silence as a stranger's. A message is fresh when its timestamp is within the
 * allowed skew of this node's clock and its ephemeral key has not been seen within twice that
 * skew; older ones are refused on their timestamp alone, so memory stays bounded. Shared by
 * every connection; thread-safe.
 */
final class ReplayWindow {
  private final Clock clock;
  private final long skewMillis;
  private final int capacity;
  private final Set<ByteBuffer> seen = new HashSet<>();
  private final Deque<Sighting> order = new ArrayDeque<>();

  private record Sighting(ByteBuffer key, long atMillis) {
  }

  ReplayWindow(Clock clock, Duration skew, int capacity) {
    this.clock = clock;
    this.skewMillis = skew.toMillis();
    this.capacity = capacity;
  }

  /** Whether a first message with this ephemeral key and timestamp is fresh; records it if so. */
  synchronized boolean admit(byte[] ephemeralKey, long timestampMillis) {
    long now = clock.millis();
    if (Math.abs(now - timestampMillis) > skewMillis) {
      return false;
    }
    while (!order.isEmpty() && order.peekFirst().atMillis() < now - 2 * skewMillis) {
      seen.remove(order.removeFirst().key());
    }
    ByteBuffer key = ByteBuffer.wrap(ephemeralKey.clone());
    if (seen.contains(key)) {
      return false;
    }
    if (seen.size() >= capacity) {
      // More fresh handshakes than any collective makes: someone holding a key is flooding.
      // Forgetting the oldest (not refusing everyone) keeps members connecting; what the
      // flooder could replay then only tells a key holder what it already knows.
      seen.remove(order.removeFirst().key());
    }
    seen.add(key);
    order.addLast(new Sighting(key, now));
    return true;
  }
}
