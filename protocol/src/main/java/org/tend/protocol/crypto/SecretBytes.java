package org.tend.protocol.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A private copy of secret key material (keys, seeds, shared secrets).
 *
 * <p>The raw bytes are reachable only through {@link #exposeSecret()}, which returns a copy —
 * grep for it to find every place a secret leaves this type. {@link #toString()} never shows
 * the bytes, comparison is constant-time ({@link #constantTimeEquals}), and {@link #destroy()}
 * zeroes the copy held here (copies already handed out are the caller's to wipe). After
 * destruction every access throws {@link IllegalStateException}.
 *
 * <p>{@code equals}/{@code hashCode} are deliberately identity-based: a content hash would
 * leak information and invite non-constant-time comparison. Thread-safe.
 */
public final class SecretBytes implements AutoCloseable {

  private final byte[] bytes;
  private boolean destroyed;

  private SecretBytes(byte[] owned) {
    if (owned.length == 0) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    this.bytes = owned;
  }

  /**
   * Copies {@code b}; later changes to {@code b} do not affect the secret.
   *
   * @throws IllegalArgumentException if {@code b} is empty
   */
  public static SecretBytes copyOf(byte[] b) {
    Objects.requireNonNull(b, "b");
    return new SecretBytes(b.clone());
  }

  /**
   * Returns {@code length} fresh random bytes from {@code r}.
   *
   * @throws IllegalArgumentException if {@code length} is not positive
   */
  public static SecretBytes random(Randomness r, int length) {
    Objects.requireNonNull(r, "r");
    if (length <= 0) {
      throw new IllegalArgumentException("secret length must be positive: " + length);
    }
    return new SecretBytes(r.bytes(length));
  }

  /** Number of secret bytes. @throws IllegalStateException once destroyed */
  public synchronized int length() {
    checkAlive();
    return bytes.length;
  }

  /**
   * Returns a copy of the secret bytes. This is the one access path to raw key material;
   * wipe the copy ({@code Arrays.fill(copy, (byte) 0)}) when done.
   *
   * @throws IllegalStateException once destroyed
   */
  public synchronized byte[] exposeSecret() {
    checkAlive();
    return bytes.clone();
  }

  /**
   * Compares the contents in time independent of where they differ (lengths are not hidden).
   *
   * @throws IllegalStateException if either secret has been destroyed
   */
  public boolean constantTimeEquals(SecretBytes other) {
    Objects.requireNonNull(other, "other");
    byte[] mine = exposeSecret();
    byte[] theirs = other.exposeSecret();
    try {
      return MessageDigest.isEqual(mine, theirs);
    } finally {
      Arrays.fill(mine, (byte) 0);
      Arrays.fill(theirs, (byte) 0);
    }
  }

  /** Zeroes the bytes held here; later access throws {@link IllegalStateException}. Idempotent. */
  public synchronized void destroy() {
    Arrays.fill(bytes, (byte) 0);
    destroyed = true;
  }

  /** Whether {@link #destroy()} (or {@link #close()}) has been called. */
  public synchronized boolean isDestroyed() {
    return destroyed;
  }

  /** Same as {@link #destroy()}. */
  @Override
  public void close() {
    destroy();
  }

  /** Always {@code "SecretBytes[redacted]"}. */
  @Override
  public String toString() {
    return "SecretBytes[redacted]";
  }

  private void checkAlive() {
    if (destroyed) {
      throw new IllegalStateException("secret has been destroyed");
    }
  }
}
