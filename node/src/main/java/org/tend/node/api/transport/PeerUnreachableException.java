package org.tend.node.api.transport;

import org.tend.node.api.home.TendException;

/**
 * No authenticated link could be made: nothing listens there, the handshake failed or timed
 * out, or the other side is not (or no longer) a member. Deliberately vague, because the other
 * side tells a failing peer nothing either.
 */
public final class PeerUnreachableException extends TendException {
  public PeerUnreachableException(String message) {
    super(message);
  }

  public PeerUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
