package org.tend.node.api.home;

/** The home's files are unreadable for a reason other than the passphrase. */
public final class HomeDamagedException extends TendException {
  public HomeDamagedException(String message) {
    super(message);
  }

  public HomeDamagedException(String message, Throwable cause) {
    super(message, cause);
  }
}
