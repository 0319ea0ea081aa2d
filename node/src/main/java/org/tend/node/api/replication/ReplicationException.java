package org.tend.node.api.replication;

import org.tend.node.api.home.TendException;

/** A shared event could not be written or read as asked; the message says why. */
public class ReplicationException extends TendException {
  public ReplicationException(String message) {
    super(message);
  }
}
