package org.tend.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

class SecretBytesTest {

  @Test
  void toStringIsRedacted() {
    try (SecretBytes s = SecretBytes.copyOf(new byte[] {0x41, 0x42, 0x43})) {
      assertEquals("SecretBytes[redacted]", s.toString());
      assertEquals("SecretBytes[redacted]", String.valueOf(s));
    }
  }

  @Test
  void copyOfTakesAPrivateCopyAndExposeSecretReturnsACopy() {
    byte[] original = {1, 2, 3, 4};
    SecretBytes s = SecretBytes.copyOf(original);
    original[0] = 9;
    byte[] exposed = s.exposeSecret();
    assertArrayEquals(new byte[] {1, 2, 3, 4}, exposed);
    exposed[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3, 4}, s.exposeSecret());
    assertEquals(4, s.length());
  }

  @Test
  void destroyZeroesTheHeldBytesAndBlocksEveryAccess() throws ReflectiveOperationException {
    SecretBytes s = SecretBytes.copyOf(new byte[] {1, 2, 3});
    Field field = SecretBytes.class.getDeclaredField("bytes");
    field.setAccessible(true);
    byte[] held = (byte[]) field.get(s);
    assertFalse(s.isDestroyed());
    s.destroy();
    assertTrue(s.isDestroyed());
    assertArrayEquals(new byte[3], held);
    assertThrows(IllegalStateException.class, s::exposeSecret);
    assertThrows(IllegalStateException.class, s::length);
    assertThrows(IllegalStateException.class, () -> s.constantTimeEquals(SecretBytes.copyOf(new byte[3])));
    assertThrows(IllegalStateException.class, () -> SecretBytes.copyOf(new byte[3]).constantTimeEquals(s));
    s.destroy(); // idempotent
    assertEquals("SecretBytes[redacted]", s.toString());
  }

  @Test
  void closeDestroys() {
    SecretBytes s = SecretBytes.copyOf(new byte[] {7});
    try (s) {
      assertEquals(1, s.length());
    }
    assertTrue(s.isDestroyed());
  }

  @Test
  void constantTimeEqualsComparesContents() {
    try (SecretBytes a = SecretBytes.copyOf(new byte[] {1, 2, 3});
        SecretBytes b = SecretBytes.copyOf(new byte[] {1, 2, 3});
        SecretBytes c = SecretBytes.copyOf(new byte[] {1, 2, 4});
        SecretBytes d = SecretBytes.copyOf(new byte[] {1, 2})) {
      assertTrue(a.constantTimeEquals(b));
      assertTrue(a.constantTimeEquals(a));
      assertFalse(a.constantTimeEquals(c));
      assertFalse(a.constantTimeEquals(d));
      assertNotEquals(a, b, "equals stays identity-based");
    }
  }

  @Test
  void randomDrawsFromTheGivenRandomness() {
    Randomness counting = out -> {
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) i;
      }
    };
    try (SecretBytes s = SecretBytes.random(counting, 4)) {
      assertArrayEquals(new byte[] {0, 1, 2, 3}, s.exposeSecret());
    }
    assertThrows(IllegalArgumentException.class, () -> SecretBytes.random(counting, 0));
    assertThrows(IllegalArgumentException.class, () -> SecretBytes.copyOf(new byte[0]));
  }
}
