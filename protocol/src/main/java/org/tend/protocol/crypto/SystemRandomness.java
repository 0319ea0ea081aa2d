package org.tend.protocol.crypto;

import java.security.SecureRandom;

/** The one {@link SecureRandom} in the process; see {@link Randomness#secure()}. */
final class SystemRandomness implements Randomness {

  static final SystemRandomness INSTANCE = new SystemRandomness();

  // SecureRandom is thread-safe; the default (non-blocking) algorithm is used on purpose:
  // getInstanceStrong() may block on /dev/random on some systems.
  private final SecureRandom random = new SecureRandom();

  private SystemRandomness() {
  }

  @Override
  public void nextBytes(byte[] out) {
    random.nextBytes(out);
  }

  @Override
  public String toString() {
    return "Randomness.secure()";
  }
}
