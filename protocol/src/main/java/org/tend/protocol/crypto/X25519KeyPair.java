package org.tend.protocol.crypto;

import java.util.Arrays;

/**
 * An X25519 key pair. Create with {@link X25519#generate} or {@link X25519#fromPrivateKey}.
 * {@link #close()} destroys the private key; agreeing afterwards throws
 * {@link IllegalStateException}. Thread-safe.
 */
public final class X25519KeyPair implements AutoCloseable {

  private final SecretBytes privateKey;
  private final byte[] publicKey;

  X25519KeyPair(SecretBytes privateKey, byte[] publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /** The 32-byte public key (a copy). */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** A copy of the 32-byte private key; the caller owns and should destroy it. */
  public SecretBytes privateKey() {
    byte[] raw = privateKey.exposeSecret();
    try {
      return SecretBytes.copyOf(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /**
   * Computes the raw 32-byte X25519 shared secret with {@code peerPublicKey}. The result is
   * not a key: feed it to {@link Hkdf} with a label (and both public keys as context) first.
   *
   * @throws CryptoException if the peer key is not 32 bytes, or the shared secret is all
   *     zeros (a low-order peer point, RFC 7748 section 6.1)
   * @throws IllegalStateException if this key pair has been closed
   */
  public SecretBytes agree(byte[] peerPublicKey) throws CryptoException {
    if (peerPublicKey == null || peerPublicKey.length != X25519.KEY_LENGTH) {
      throw new CryptoException("X25519 peer public key must be " + X25519.KEY_LENGTH + " bytes");
    }
    byte[] raw = privateKey.exposeSecret();
    byte[] shared = new byte[X25519.KEY_LENGTH];
    try {
      // calculateAgreement returns false when the result is all zeros (constant time).
      if (!org.bouncycastle.math.ec.rfc7748.X25519.calculateAgreement(raw, 0, peerPublicKey, 0, shared, 0)) {
        throw new CryptoException("X25519 shared secret is all zeros (low-order peer key)");
      }
      return SecretBytes.copyOf(shared);
    } finally {
      Arrays.fill(raw, (byte) 0);
      Arrays.fill(shared, (byte) 0);
    }
  }

  /** Destroys the private key. Idempotent. */
  @Override
  public void close() {
    privateKey.destroy();
  }

  @Override
  public String toString() {
    return "X25519KeyPair[private key redacted]";
  }
}
