package org.tend.node.api.home;

/** Base of every checked failure a Tend node reports; its message is one sentence for the member. */
public class TendException extends Exception {
  public TendException(String message) {
    super(message);
  }

  public TendException(String message, Throwable cause) {
    super(message, cause);
  }
}
