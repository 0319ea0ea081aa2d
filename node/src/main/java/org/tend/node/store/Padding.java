package org.tend.node.store;

import java.nio.ByteBuffer;

/**
 * Pads plaintexts before sealing so stored sizes say little about content. Lengths are rounded
 * up with Padmé (Nikitin et al., PETS 2019): at most about 12% overhead, and a length leaks only
 * O(log log n) bits. Nothing is ever shorter than {@link #MINIMUM}.
 *
 * <p>Layout: 4-byte big-endian content length, content, zero bytes.
 */
public final class Padding {
  static final int MINIMUM = 256;

  private Padding() {}

  static byte[] pad(byte[] content) {
    return pad(content, MINIMUM);
  }

  /** Pads to the Padmé length, and to at least {@code minimum} bytes. */
  static byte[] pad(byte[] content, int minimum) {
    int framed = content.length + 4;
    byte[] out = new byte[Math.max(minimum, padme(framed))];
    ByteBuffer.wrap(out).putInt(content.length).put(content);
    return out;
  }

  static byte[] unpad(byte[] padded) {
    if (padded.length < 4) {
      throw new IllegalArgumentException("padded value too short");
    }
    int length = ByteBuffer.wrap(padded).getInt();
    if (length < 0 || length > padded.length - 4) {
      throw new IllegalArgumentException("padded value has a bad length");
    }
    byte[] content = new byte[length];
    System.arraycopy(padded, 4, content, 0, length);
    return content;
  }

  /** The padded size of a framed length under the default minimum. */
  static int paddedLength(int length) {
    return Math.max(MINIMUM, padme(length));
  }

  /** The Padmé length for {@code length}: at most about 12% more. */
  public static int padme(int length) {
    if (length <= 2) {
      return length;
    }
    int e = 31 - Integer.numberOfLeadingZeros(length);
    int s = 32 - Integer.numberOfLeadingZeros(e);
    int lastBits = e - s;
    int mask = (1 << lastBits) - 1;
    return (length + mask) & ~mask;
  }
}
