package org.tend.node.simulation;

import java.util.SplittableRandom;
import org.tend.protocol.crypto.Randomness;

/**
 * Randomness from a seed, so a seed reproduces a simulated run's keys and choices. For the
 * simulator only: nothing it makes protects anything. Thread-safe.
 */
public final class SeededRandomness implements Randomness {
  private final SplittableRandom random;

  public SeededRandomness(long seed) {
    this.random = new SplittableRandom(seed);
  }

  @Override
  public synchronized void nextBytes(byte[] out) {
    random.nextBytes(out);
  }

  public synchronized int nextInt(int bound) {
    return random.nextInt(bound);
  }

  public synchronized double nextDouble() {
    return random.nextDouble();
  }

  /** An independent stream, for one node or one purpose. */
  public synchronized SeededRandomness split() {
    return new SeededRandomness(random.nextLong());
  }
}
