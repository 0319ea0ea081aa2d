package org.tend.protocol.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * An Ed25519 signing key: the 32-byte RFC 8032 seed and its public key. Create with
 * {@link Ed25519#generate} or {@link Ed25519#fromSeed}. {@link #close()} destroys the seed;
 * signing afterwards throws {@link IllegalStateException}. Thread-safe.
 */
public final class Ed25519KeyPair implements AutoCloseable {

  private final SecretBytes seed;
  private final byte[] publicKey;

  Ed25519KeyPair(SecretBytes seed, byte[] publicKey) {
    this.seed = seed;
    this.publicKey = publicKey;
  }

  /** The 32-byte public key (a copy). */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** A copy of the 32-byte seed; the caller owns and should destroy it. */
  public SecretBytes seed() {
    byte[] raw = seed.exposeSecret();
    try {
      return SecretBytes.copyOf(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /**
   * Signs {@code Labels.bind(label, message)}; verify with
   * {@link Ed25519#verify(byte[], String, byte[], byte[])} and the same label.
   *
   * @return the 64-byte signature
   * @throws IllegalStateException if this key pair has been closed
   */
  public byte[] sign(String label, byte[] message) {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(message, "message");
    byte[] bound = Labels.bind(label, message);
    byte[] raw = seed.exposeSecret();
    try {
      return Ed25519.signRaw(raw, publicKey, bound);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** Destroys the seed. Idempotent. */
  @Override
  public void close() {
    seed.destroy();
  }

  @Override
  public String toString() {
    return "Ed25519KeyPair[seed redacted]";
  }
}
