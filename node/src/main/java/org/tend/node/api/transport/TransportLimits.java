package org.tend.node.api.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * The hard limits every connection runs under. Each is checked at exactly its value (allowed)
 * and one past it (refused).
 *
 * @param maxFrameBytes largest application frame, excluding its 4-byte length prefix
 * @param maxConnectionsPerAddress simultaneous connections from one remote IP address
 * @param framesPerSecond sustained frames a peer may send each second
 * @param frameBurst frames a peer may send at once before the rate applies; a peer that has
 *     this many frames dropped within one second is disconnected as a flood
 * @param handshakeTimeout how long a connection may take to finish the handshake
 * @param idleTimeout how long a connection may stay silent before it is closed
 * @param clockSkew how far a first handshake message's timestamp may be from this node's clock
 */
public record TransportLimits(int maxFrameBytes, int maxConnectionsPerAddress,
    int framesPerSecond, int frameBurst, Duration handshakeTimeout, Duration idleTimeout,
    Duration clockSkew) {

  public TransportLimits {
    positive(maxFrameBytes, "maxFrameBytes");
    positive(maxConnectionsPerAddress, "maxConnectionsPerAddress");
    positive(framesPerSecond, "framesPerSecond");
    positive(frameBurst, "frameBurst");
    positive(handshakeTimeout, "handshakeTimeout");
    positive(idleTimeout, "idleTimeout");
    positive(clockSkew, "clockSkew");
  }

  /** Limits for a member's node: 1 MiB frames, 8 connections per address, 200 frames/s. */
  public static TransportLimits defaults() {
    return new TransportLimits(1 << 20, 8, 200, 400, Duration.ofSeconds(10),
        Duration.ofMinutes(5), Duration.ofMinutes(10));
  }

  public TransportLimits withHandshakeTimeout(Duration timeout) {
    return new TransportLimits(maxFrameBytes, maxConnectionsPerAddress, framesPerSecond,
        frameBurst, timeout, idleTimeout, clockSkew);
  }

  private static void positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  private static void positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
