package org.tend.protocol.crypto;

/**
 * Argon2id cost parameters.
 *
 * @param memoryKiB memory in KiB: at least {@code 8 * parallelism}, at most 4 GiB (4,194,304)
 * @param iterations passes over memory (t), at least 1
 * @param parallelism lanes (p), 1 to 16
 */
public record Argon2Params(int memoryKiB, int iterations, int parallelism) {

  /** Largest memory cost accepted: 4 GiB expressed in KiB. */
  public static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
  /** Largest parallelism accepted. */
  public static final int MAX_PARALLELISM = 16;

  /** The floor for passphrase keys in Tend: m = 64 MiB, t = 3, p = 1. */
  public static final Argon2Params MINIMUM = new Argon2Params(65536, 3, 1);

  /** @throws IllegalArgumentException if any parameter is outside the ranges above */
  public Argon2Params {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be at least 1, was " + iterations);
    }
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new IllegalArgumentException(
          "parallelism must be 1.." + MAX_PARALLELISM + ", was " + parallelism);
    }
    if (memoryKiB < 8 * parallelism) {
      throw new IllegalArgumentException("memoryKiB must be at least 8 * parallelism ("
          + 8 * parallelism + "), was " + memoryKiB);
    }
    if (memoryKiB > MAX_MEMORY_KIB) {
      throw new IllegalArgumentException(
          "memoryKiB must be at most " + MAX_MEMORY_KIB + " (4 GiB), was " + memoryKiB);
    }
  }

  /** Whether both memory and iterations are at least those of {@code other}. */
  public boolean isAtLeast(Argon2Params other) {
    return memoryKiB >= other.memoryKiB && iterations >= other.iterations;
  }
}
