package org.tend.protocol.crypto;

/**
 * An AEAD tag or a signature did not verify: the data was forged, corrupted, truncated, or
 * opened with the wrong key, nonce or associated data. The message never says which.
 */
public final class AuthenticationException extends CryptoException {

  public AuthenticationException() {
    super("authentication failed");
  }

  /** @param context what was being authenticated, e.g. "journal record" (no secrets) */
  public AuthenticationException(String context) {
    super("authentication failed: " + context);
  }
}
