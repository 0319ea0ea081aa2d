package org.tend.node.api.service;

import java.time.Duration;
import java.util.Objects;

/**
 * What the control channel accepts before it gives up on a client.
 *
 * <p>A message travels as one or more chunks, each a 4-byte header and at most
 * {@code maxFrameBytes} of body (see docs/decisions/0049). Neither end ever holds more than one
 * chunk of a message it is sending beyond the message itself, and neither accepts a message
 * past its cap, so a peer that sends chunks without end is cut off by size, and one that sends
 * them slowly by the timeout.
 *
 * @param maxFrameBytes the largest chunk body, checked against the header before anything is
 *     allocated; also the cap on a whole request
 * @param maxAnswerBytes the largest whole answer: the node answers an error instead of a larger
 *     one, and the client stops reading one that grows past it
 * @param exchangeTimeout how long a client may take to send its request, and each chunk of the
 *     answer may take to be sent, before the connection is closed; a client that stops reading
 *     frees the node's thread after this long
 * @param handlerThreads connections served at once; a slow client holds one for at most
 *     {@code exchangeTimeout} per chunk of its answer
 * @param queuedConnections connections that may wait for a thread; any more are closed at once
 */
public record ControlLimits(int maxFrameBytes, int maxAnswerBytes, Duration exchangeTimeout,
    int handlerThreads, int queuedConnections) {
  /** 1 MiB chunks, 64 MiB answers, 5 s per exchange and per chunk, 4 threads, 16 waiting. */
  public static final ControlLimits DEFAULT =
      new ControlLimits(1 << 20, 64 << 20, Duration.ofSeconds(5), 4, 16);

  public ControlLimits {
    Objects.requireNonNull(exchangeTimeout, "exchangeTimeout");
    if (maxFrameBytes < 64) {
      throw new IllegalArgumentException("maxFrameBytes must be at least 64, was "
          + maxFrameBytes);
    }
    if (maxAnswerBytes < maxFrameBytes) {
      throw new IllegalArgumentException("maxAnswerBytes must be at least maxFrameBytes ("
          + maxFrameBytes + "), was " + maxAnswerBytes);
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
    return new ControlLimits(maxFrameBytes, maxAnswerBytes, timeout, handlerThreads,
        queuedConnections);
  }

  public ControlLimits withSizes(int frameBytes, int answerBytes) {
    return new ControlLimits(frameBytes, answerBytes, exchangeTimeout, handlerThreads,
        queuedConnections);
  }
}
