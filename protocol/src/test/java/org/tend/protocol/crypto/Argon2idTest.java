package org.tend.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tend.protocol.crypto.Vectors.hex;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Argon2idTest {

  @Test
  void reproducesRfc9106Section53Vector() {
    Map<String, String> v = Vectors.blocks("rfc9106_argon2id.txt").get(0);
    byte[] salt = hex(v.get("salt"));
    Argon2Params params = new Argon2Params(Integer.parseInt(v.get("memoryKiB")),
        Integer.parseInt(v.get("iterations")), Integer.parseInt(v.get("parallelism")));
    try (SecretBytes tag = Argon2id.derive(hex(v.get("password")), salt, hex(v.get("secret")),
        hex(v.get("ad")), params, 32)) {
      assertArrayEquals(hex(v.get("tag")), tag.exposeSecret());
    }
    assertArrayEquals(hex(v.get("salt")), salt, "the caller's salt must not be wiped");
    System.out.println("RFC 9106 Argon2id: 1 vector");
  }

  @Test
  void minimumParamsGiveADeterministicKeyThatAWrongPassphraseDoesNotReproduce() {
    byte[] salt = hex("000102030405060708090a0b0c0d0e0f");
    byte[] right = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
    byte[] wrong = "correct horse battery stapler".getBytes(StandardCharsets.UTF_8);
    try (SecretBytes k1 = Argon2id.derive(right, salt, Argon2Params.MINIMUM, 32);
        SecretBytes k2 = Argon2id.derive(right, salt, Argon2Params.MINIMUM, 32);
        SecretBytes k3 = Argon2id.derive(wrong, salt, Argon2Params.MINIMUM, 32)) {
      assertEquals(32, k1.length());
      assertTrue(k1.constantTimeEquals(k2));
      assertFalse(k1.constantTimeEquals(k3));
    }
  }

  @Test
  void differentSaltGivesADifferentKey() {
    Argon2Params cheap = new Argon2Params(64, 1, 1);
    byte[] pass = "pass".getBytes(StandardCharsets.UTF_8);
    try (SecretBytes a = Argon2id.derive(pass, new byte[16], cheap, 32);
        SecretBytes b = Argon2id.derive(pass, hex("01000000000000000000000000000000"), cheap, 32)) {
      assertFalse(a.constantTimeEquals(b));
    }
  }

  @Test
  void rejectsShortSaltAndShortOutput() {
    Argon2Params cheap = new Argon2Params(64, 1, 1);
    assertThrows(IllegalArgumentException.class, () -> Argon2id.derive(new byte[1], new byte[7], cheap, 32));
    assertThrows(IllegalArgumentException.class, () -> Argon2id.derive(new byte[1], new byte[8], cheap, 3));
    Argon2id.derive(new byte[1], new byte[8], cheap, 4).destroy();
  }

  @Test
  void paramsAcceptTheirLimitsAndRejectOnePast() {
    new Argon2Params(8, 1, 1);
    new Argon2Params(8 * 16, 1, 16);
    new Argon2Params(Argon2Params.MAX_MEMORY_KIB, 1, 1);
    assertThrows(IllegalArgumentException.class, () -> new Argon2Params(8, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new Argon2Params(8, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Argon2Params(8 * 17, 1, 17));
    assertThrows(IllegalArgumentException.class, () -> new Argon2Params(15, 1, 2));
    assertThrows(IllegalArgumentException.class, () -> new Argon2Params(Argon2Params.MAX_MEMORY_KIB + 1, 1, 1));
    assertEquals(new Argon2Params(65536, 3, 1), Argon2Params.MINIMUM);
  }

  @Test
  void isAtLeastComparesMemoryAndIterations() {
    Argon2Params min = Argon2Params.MINIMUM;
    assertTrue(min.isAtLeast(min));
    assertTrue(new Argon2Params(262144, 3, 1).isAtLeast(min));
    assertTrue(new Argon2Params(65536, 4, 4).isAtLeast(min));
    assertFalse(new Argon2Params(65535, 10, 1).isAtLeast(min));
    assertFalse(new Argon2Params(1 << 20, 2, 1).isAtLeast(min));
  }
}
