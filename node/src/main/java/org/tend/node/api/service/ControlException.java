package org.tend.node.api.service;

import org.tend.node.api.home.TendException;

/** The control channel to a running node failed: no answer in time, or an error answer. */
public final class ControlException extends TendException {
  public ControlException(String message) {
    super(message);
  }

  public ControlException(String message, Throwable cause) {
    super(message, cause);
  }
}
