package org.tend.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomnessTest {

  @Test
  void secureIsAProcessWideSingleton() {
    assertSame(Randomness.secure(), Randomness.secure());
  }

  @Test
  void bytesReturnsFreshArraysOfTheRequestedLength() {
    byte[] a = Randomness.secure().bytes(32);
    byte[] b = Randomness.secure().bytes(32);
    assertEquals(32, a.length);
    assertFalse(Arrays.equals(a, b));
    assertEquals(0, Randomness.secure().bytes(0).length);
    assertThrows(IllegalArgumentException.class, () -> Randomness.secure().bytes(-1));
  }
}
