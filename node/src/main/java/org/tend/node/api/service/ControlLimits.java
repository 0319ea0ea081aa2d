package org.tend.node.api.service;

import java.time.Duration;
import java.util.Objects;

/**
 * What the control channel accepts before it gives up on a client.
 *
 * @param maxFrameBytes the largest message body, checked against the length prefix before
 *     anything is allocated
 * @param exchangeTimeout how long a client may take to send its request, and the node to send
 *     its answer, before the connection is closed
 * @param handlerThreads connections served at once; a slow client holds one for at most
 *     {@code exchangeTimeout}
 * @param queuedConnections connections that may wait for a thread; any more are closed at once
 */
public record ControlLimits(int maxFrameBytes, Duration exchangeTimeout, int handlerThreads,
    int queuedConnections) {
  /** 1 MiB frames, 5 s per exchange, 4 threads, 16 waiting. */
  public static final ControlLimits DEFAULT =
      new ControlLimits(1 << 20, Duration.ofSeconds(5), 4, 16);

  public ControlLimits {
    Objects.requireNonNull(exchangeTimeout, "exchangeTimeout");
    if (maxFrameBytes < 64) {
      throw new IllegalArgumentException("maxFrameBytes must be at least 64, was "
          + maxFrameBytes);
    }
    if (exchangeTimeout.isNegative() || exchangeTimeout.isZero()) {
      throw new IllegalArgumentException("exchangeTimeout must be positive, was "
          + exchangeTimeout);
    }
    if (handlerThreads < 1 || queuedConnections < 0) {
      throw new IllegalArgumentException("need at least one handler thread and a queue of zero"
          + " or more, was " + handlerThreads + " and " + queuedConnections);
    }
  }

  public ControlLimits withExchangeTimeout(Duration timeout) {
    return new ControlLimits(maxFrameBytes, timeout, handlerThreads, queuedConnections);
  }
}
