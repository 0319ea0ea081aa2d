package org.tend.node.keystore;

import java.time.Duration;
import org.tend.protocol.crypto.Argon2Params;
import org.tend.protocol.crypto.Argon2id;
import org.tend.protocol.crypto.Randomness;

/**
 * Chooses Argon2id parameters that take about a target time on this machine, never below
 * {@link Argon2Params#MINIMUM}. Memory grows first (doubling, within a share of the heap, since
 * Bouncy Castle allocates it all on the heap), then passes.
 */
public final class Argon2Calibrator {
  /** Most passes ever chosen; beyond this, more memory is the better use of the time. */
  public static final int MAX_ITERATIONS = 64;
  /** Most work ever chosen, as a multiple of the minimum's memory × passes. */
  public static final int MAX_COST_FACTOR = 64;

  private Argon2Calibrator() {}

  /** Whether parameters stay within what calibration may ever choose. */
  public static boolean isWithinCeiling(Argon2Params params) {
    long cost = (long) params.memoryKiB() * params.iterations();
    long minimum = (long) Argon2Params.MINIMUM.memoryKiB() * Argon2Params.MINIMUM.iterations();
    return params.iterations() <= MAX_ITERATIONS && cost <= minimum * MAX_COST_FACTOR;
  }

  public static Argon2Params calibrate(Duration target, long heapBytes, Randomness randomness) {
    Argon2Params min = Argon2Params.MINIMUM;
    // The first run pays for JIT compilation; the better of two is closer to steady state.
    long nanos = Math.min(time(min, randomness), time(min, randomness));
    double nanosPerKiBPass = (double) nanos / ((double) min.memoryKiB() * min.iterations());
    double budget = target.toNanos();
    long maxKiB = Math.max(min.memoryKiB(), heapBytes / 3 / 1024);
    long memoryKiB = min.memoryKiB();
    int iterations = min.iterations();
    while (memoryKiB * 2 <= maxKiB && nanosPerKiBPass * memoryKiB * 2 * iterations <= budget
        && isWithinCeiling(new Argon2Params((int) (memoryKiB * 2), iterations, 1))) {
      memoryKiB *= 2;
    }
    // Passes fill the rest of the budget, rounded to the nearest: "about" the target, not under.
    long wanted = Math.round(budget / (nanosPerKiBPass * memoryKiB));
    while (iterations < wanted
        && isWithinCeiling(new Argon2Params((int) memoryKiB, iterations + 1, 1))) {
      iterations++;
    }
    return new Argon2Params((int) memoryKiB, iterations, 1);
  }

  private static long time(Argon2Params params, Randomness randomness) {
    long start = System.nanoTime();
    Argon2id.derive(randomness.bytes(16), randomness.bytes(16), params, 32).destroy();
    return System.nanoTime() - start;
  }
}
