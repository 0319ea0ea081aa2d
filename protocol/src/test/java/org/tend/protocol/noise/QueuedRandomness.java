package org.tend.protocol.noise;

import java.util.ArrayDeque;
import java.util.Deque;
import org.tend.protocol.crypto.Randomness;

/** Hands out fixed byte strings in order, each exactly once: fixed ephemeral keys for vectors. */
final class QueuedRandomness implements Randomness {
  private final Deque<byte[]> queue = new ArrayDeque<>();

  QueuedRandomness add(byte[] bytes) {
    queue.add(bytes.clone());
    return this;
  }

  @Override
  public void nextBytes(byte[] out) {
    byte[] next = queue.removeFirst();
    if (next.length != out.length) {
      throw new IllegalStateException("asked for " + out.length + " bytes, queued " + next.length);
    }
    System.arraycopy(next, 0, out, 0, out.length);
  }
}
