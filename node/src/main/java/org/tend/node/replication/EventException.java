package org.tend.node.replication;

/** An event that is malformed, forged, or not allowed where it claims to be. */
final class EventException extends Exception {
  EventException(String message) {
    super(message, null, false, false);
  }
}
