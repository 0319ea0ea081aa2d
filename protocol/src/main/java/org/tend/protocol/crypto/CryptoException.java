package org.tend.protocol.crypto;

/** A cryptographic operation failed because of its input (not a programming error). */
public class CryptoException extends Exception {

  public CryptoException(String message) {
    super(message);
  }

  public CryptoException(String message, Throwable cause) {
    super(message, cause);
  }
}
