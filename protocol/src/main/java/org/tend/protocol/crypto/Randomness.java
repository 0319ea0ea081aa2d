package org.tend.protocol.crypto;

/**
 * The single, injectable source of randomness for keys, seeds, salts and nonces.
 *
 * <p>Production code uses {@link #secure()}; tests and simulations may supply a deterministic
 * implementation so that runs are reproducible for a seed.
 */
public interface Randomness {

  /** Fills {@code out} entirely with random bytes. */
  void nextBytes(byte[] out);

  /**
   * Returns a new array of {@code n} random bytes.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   */
  default byte[] bytes(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("byte count must not be negative: " + n);
    }
    byte[] out = new byte[n];
    nextBytes(out);
    return out;
  }

  /**
   * Returns the process-wide cryptographically secure source, backed by one
   * {@link java.security.SecureRandom} (the only one the project constructs). Thread-safe.
   */
  static Randomness secure() {
    return SystemRandomness.INSTANCE;
  }
}
