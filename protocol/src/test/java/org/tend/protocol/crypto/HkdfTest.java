package org.tend.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tend.protocol.crypto.Vectors.hex;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HkdfTest {

  @Test
  void reproducesRfc5869AppendixATestCases1To3() {
    List<Map<String, String>> cases = Vectors.blocks("rfc5869_hkdf_sha256.txt");
    assertEquals(3, cases.size());
    for (Map<String, String> v : cases) {
      try (SecretBytes ikm = SecretBytes.copyOf(hex(v.get("ikm")));
          SecretBytes okm = Hkdf.derive(ikm, hex(v.get("salt")), hex(v.get("info")),
              Integer.parseInt(v.get("length")))) {
        assertArrayEquals(hex(v.get("okm")), okm.exposeSecret(), v.get("name"));
        // PRK = HMAC-SHA256(salt, IKM); an absent salt is HashLen zero bytes
        byte[] salt = hex(v.get("salt"));
        byte[] prk = Sha256.hmacRaw(salt.length == 0 ? new byte[32] : salt, hex(v.get("ikm")));
        assertArrayEquals(hex(v.get("prk")), prk, v.get("name") + " PRK");
      }
    }
    System.out.println("RFC 5869 HKDF-SHA256: " + cases.size() + " vectors");
  }

  @Test
  void acceptsMaximumLengthAndRejectsOnePastAndZero() {
    try (SecretBytes ikm = SecretBytes.copyOf(new byte[32])) {
      try (SecretBytes max = Hkdf.derive(ikm, new byte[0], new byte[0], 255 * 32)) {
        assertEquals(8160, max.length());
      }
      assertThrows(IllegalArgumentException.class, () -> Hkdf.derive(ikm, new byte[0], new byte[0], 255 * 32 + 1));
      assertThrows(IllegalArgumentException.class, () -> Hkdf.derive(ikm, new byte[0], new byte[0], 0));
    }
  }

  @Test
  void labelledDerivationsMatchTheirDocumentedDefinitionAndDifferPerLabel() {
    try (SecretBytes ikm = SecretBytes.random(Randomness.secure(), 32);
        SecretBytes a = Hkdf.deriveKey(ikm, Labels.STORE_INDEX, 32);
        SecretBytes a2 = Hkdf.derive(ikm, new byte[0], Labels.STORE_INDEX.getBytes(StandardCharsets.UTF_8), 32);
        SecretBytes b = Hkdf.deriveKey(ikm, Labels.STORE_BODY, 32);
        SecretBytes c = Hkdf.deriveKey(ikm, Labels.STORE_BODY, new byte[] {1}, 32);
        SecretBytes c2 = Hkdf.derive(ikm, new byte[0], Labels.bind(Labels.STORE_BODY, new byte[] {1}), 32);
        SecretBytes d = Hkdf.deriveKey(ikm, Labels.STORE_BODY, new byte[] {2}, 32)) {
      assertTrue(a.constantTimeEquals(a2));
      assertTrue(c.constantTimeEquals(c2));
      assertFalse(a.constantTimeEquals(b));
      assertFalse(b.constantTimeEquals(c));
      assertFalse(c.constantTimeEquals(d));
    }
  }
}
