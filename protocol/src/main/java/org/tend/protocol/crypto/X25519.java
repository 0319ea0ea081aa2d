package org.tend.protocol.crypto;

import java.util.Arrays;
import java.util.Objects;

/** X25519 key agreement (RFC 7748, Bouncy Castle). */
public final class X25519 {

  /** Public and private key length in bytes. */
  public static final int KEY_LENGTH = 32;

  private X25519() {
  }

  /** Generates a key pair from 32 fresh random bytes drawn from {@code r}. */
  public static X25519KeyPair generate(Randomness r) {
    Objects.requireNonNull(r, "r");
    try (SecretBytes privateKey = SecretBytes.random(r, KEY_LENGTH)) {
      return fromPrivateKey(privateKey);
    }
  }

  /**
   * Re-creates the key pair for a 32-byte private key (clamped during use, as RFC 7748
   * specifies). The pair keeps its own copy; the caller still owns {@code privateKey32}.
   *
   * @throws IllegalArgumentException if the key is not 32 bytes
   */
  public static X25519KeyPair fromPrivateKey(SecretBytes privateKey32) {
    Objects.requireNonNull(privateKey32, "privateKey32");
    byte[] raw = privateKey32.exposeSecret();
    try {
      if (raw.length != KEY_LENGTH) {
        throw new IllegalArgumentException(
            "X25519 private key must be " + KEY_LENGTH + " bytes, was " + raw.length);
      }
      byte[] pub = new byte[KEY_LENGTH];
      org.bouncycastle.math.ec.rfc7748.X25519.scalarMultBase(raw, 0, pub, 0);
      return new X25519KeyPair(SecretBytes.copyOf(raw), pub);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** The RFC 7748 X25519(k, u) function, without the all-zero check; for vectors. */
  static byte[] scalarMultRaw(byte[] k, byte[] u) {
    byte[] r = new byte[KEY_LENGTH];
    org.bouncycastle.math.ec.rfc7748.X25519.scalarMult(k, 0, u, 0, r, 0);
    return r;
  }

  /** The RFC 7748 X25519(k, 9) function: the public key for private key {@code k}. */
  static byte[] scalarMultBaseRaw(byte[] k) {
    byte[] r = new byte[KEY_LENGTH];
    org.bouncycastle.math.ec.rfc7748.X25519.scalarMultBase(k, 0, r, 0);
    return r;
  }
}
