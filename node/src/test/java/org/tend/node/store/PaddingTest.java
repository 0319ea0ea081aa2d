package org.tend.node.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Padmé padding of store plaintexts: lengths fall into few buckets, content round-trips. */
class PaddingTest {
  private static final int LARGEST = 1 << 20;

  @Test
  void everyLengthUpToTheMinimumPadsToTheMinimum() {
    for (int length = 0; length <= Padding.MINIMUM; length++) {
      assertEquals(Padding.MINIMUM, Padding.paddedLength(length), "length " + length);
    }
    assertEquals(Padding.MINIMUM, Padding.pad(new byte[0]).length);
    assertEquals(Padding.MINIMUM, Padding.pad(new byte[Padding.MINIMUM - 4]).length);
  }

  @Test
  void allLengthsInOneBucketPadToTheBucketsSize() {
    int bucketStart = 1;
    int bucket = Padding.paddedLength(1);
    for (int length = 2; length <= LARGEST; length++) {
      int padded = Padding.paddedLength(length);
      assertTrue(padded >= length, "never shorter, at " + length);
      if (padded != bucket) {
        assertTrue(padded > bucket, "buckets only grow, at " + length);
        assertEquals(bucket + 1, length, "a bucket [" + bucketStart + ", " + bucket
            + "] ends exactly at its size");
        bucketStart = length;
        bucket = padded;
      }
    }
  }

  @Test
  void knownPadmeBucketsHoldTheirWholeRange() {
    // L = 1000: E = 9, S = 4, so the last 5 bits are zeroed: sizes 993..1024 share 1024.
    for (int length = 993; length <= 1024; length++) {
      assertEquals(1024, Padding.paddedLength(length), "length " + length);
    }
    // L = 1025: E = 10, S = 4, so the last 6 bits are zeroed.
    assertEquals(1088, Padding.paddedLength(1025));
    assertEquals(272, Padding.paddedLength(257));
    // Contents whose framed lengths (content + 4) share a bucket are stored at one size.
    assertEquals(Padding.pad(new byte[989]).length, Padding.pad(new byte[1020]).length);
    assertEquals(1088, Padding.pad(new byte[1021]).length);
  }

  @Test
  void overheadStaysSmallAndFewSizesExist() {
    TreeSet<Integer> sizes = new TreeSet<>();
    for (int length = Padding.MINIMUM + 1; length <= LARGEST; length++) {
      int padded = Padding.paddedLength(length);
      sizes.add(padded);
      assertTrue(padded - length <= length * 0.12, "overhead at " + length + ": " + padded);
    }
    // Padmé leaks O(log log n) bits: a few hundred sizes span 257 bytes to 1 MiB.
    assertTrue(sizes.size() < 400, sizes.size() + " distinct sizes");
  }

  @Test
  void contentRoundTrips() {
    Random random = new Random(42);
    List<Integer> lengths = new ArrayList<>(List.of(0, 1, 251, 252, 253, 989, 1020, 1021,
        65_536, 262_144 + 64));
    for (int i = 0; i < 50; i++) {
      lengths.add(random.nextInt(300_000));
    }
    for (int length : lengths) {
      byte[] content = new byte[length];
      random.nextBytes(content);

      byte[] padded = Padding.pad(content);

      assertEquals(Padding.paddedLength(length + 4), padded.length);
      assertArrayEquals(content, Padding.unpad(padded), "length " + length);
    }
  }

  @Test
  void aSmallerMinimumKeepsPadmeBucketsAboveIt() {
    for (int length = 0; length <= 124; length++) {
      assertEquals(128, Padding.pad(new byte[length], 128).length, "length " + length);
    }
    assertEquals(Padding.paddedLength(1000 + 4), Padding.pad(new byte[1000], 128).length);
    byte[] content = "an index record".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertArrayEquals(content, Padding.unpad(Padding.pad(content, 128)));
  }

  @Test
  void unpadRefusesBadLengths() {
    assertThrows(IllegalArgumentException.class, () -> Padding.unpad(new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> Padding.unpad(new byte[3]));
    assertThrows(IllegalArgumentException.class, () -> Padding.unpad(framed(-1, 256)));
    assertThrows(IllegalArgumentException.class,
        () -> Padding.unpad(framed(Integer.MIN_VALUE, 256)));
    assertThrows(IllegalArgumentException.class, () -> Padding.unpad(framed(253, 256)),
        "one byte more than the value holds");
    assertThrows(IllegalArgumentException.class,
        () -> Padding.unpad(framed(Integer.MAX_VALUE, 256)));

    assertEquals(252, Padding.unpad(framed(252, 256)).length, "exactly what the value holds");
    assertEquals(0, Padding.unpad(framed(0, 4)).length);
  }

  private static byte[] framed(int declaredLength, int size) {
    return ByteBuffer.allocate(size).putInt(declaredLength).array();
  }
}
