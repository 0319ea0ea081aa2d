package org.tend.node.api.home;

/** The passphrase does not open this home. Nothing was changed. */
public final class WrongPassphraseException extends TendException {
  public WrongPassphraseException() {
    super("That passphrase does not open this Tend home.");
  }

  public WrongPassphraseException(String message) {
    super(message);
  }
}
