package org.tend.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tend.protocol.crypto.Vectors.hex;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class X25519Test {

  private static final List<Map<String, String>> RFC = Vectors.blocks("rfc7748_x25519.txt");

  /** A point of order 8 (RFC 7748 section 6.1 discussion; Wycheproof x25519 tcId 63). */
  private static final String ORDER_8_POINT = "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800";

  @Test
  void reproducesRfc7748Section52ScalarMultiplicationVectors() {
    for (Map<String, String> v : RFC.subList(0, 2)) {
      assertArrayEquals(hex(v.get("output")), X25519.scalarMultRaw(hex(v.get("scalar")), hex(v.get("u"))),
          v.get("name"));
    }
  }

  @Test
  void reproducesRfc7748Section52IteratedResultsAfterOneAndOneThousandIterations() {
    Map<String, String> v = RFC.get(2);
    byte[] k = new byte[32];
    k[0] = 9;
    byte[] u = k.clone();
    for (int i = 1; i <= 1000; i++) {
      byte[] r = X25519.scalarMultRaw(k, u);
      u = k;
      k = r;
      if (i == 1) {
        assertArrayEquals(hex(v.get("after1")), k, "after 1 iteration");
      }
    }
    assertArrayEquals(hex(v.get("after1000")), k, "after 1,000 iterations");
  }

  @Test
  void reproducesRfc7748Section61DiffieHellman() throws CryptoException {
    Map<String, String> v = RFC.get(3);
    try (X25519KeyPair alice = X25519.fromPrivateKey(SecretBytes.copyOf(hex(v.get("alicePrivate"))));
        X25519KeyPair bob = X25519.fromPrivateKey(SecretBytes.copyOf(hex(v.get("bobPrivate"))))) {
      assertArrayEquals(hex(v.get("alicePublic")), alice.publicKey());
      assertArrayEquals(hex(v.get("bobPublic")), bob.publicKey());
      try (SecretBytes k1 = alice.agree(bob.publicKey()); SecretBytes k2 = bob.agree(alice.publicKey())) {
        assertArrayEquals(hex(v.get("shared")), k1.exposeSecret());
        assertTrue(k1.constantTimeEquals(k2));
      }
    }
    System.out.println("RFC 7748 X25519: " + RFC.size() + " vector blocks (5.2 x2, iterated 1 and 1,000, 6.1 DH)");
  }

  @Test
  void rejectsAllZeroSharedSecretFromLowOrderPoints() {
    try (X25519KeyPair pair = X25519.generate(Randomness.secure())) {
      assertThrows(CryptoException.class, () -> pair.agree(new byte[32]));
      assertThrows(CryptoException.class, () -> pair.agree(hex(ORDER_8_POINT)));
      byte[] one = new byte[32];
      one[0] = 1;
      assertThrows(CryptoException.class, () -> pair.agree(one));
    }
  }

  @Test
  void rejectsPeerKeysOfTheWrongLength() {
    try (X25519KeyPair pair = X25519.generate(Randomness.secure())) {
      assertThrows(CryptoException.class, () -> pair.agree(new byte[31]));
      assertThrows(CryptoException.class, () -> pair.agree(new byte[33]));
      assertThrows(CryptoException.class, () -> pair.agree(null));
    }
  }

  @Test
  void passesEveryWycheproofCase() throws CryptoException {
    Map<String, Object> file = Vectors.json("wycheproof_x25519_test.json");
    int count = 0;
    int zero = 0;
    for (Map<String, Object> group : Vectors.list(file, "testGroups")) {
      for (Map<String, Object> t : Vectors.list(group, "tests")) {
        String id = "Wycheproof x25519 tcId " + t.get("tcId") + " " + t.get("comment");
        byte[] pub = hex((String) t.get("public"));
        byte[] priv = hex((String) t.get("private"));
        byte[] shared = hex((String) t.get("shared"));
        assertTrue("valid".equals(t.get("result")) || "acceptable".equals(t.get("result")), id);
        assertArrayEquals(shared, X25519.scalarMultRaw(priv, pub), id);
        try (X25519KeyPair pair = X25519.fromPrivateKey(SecretBytes.copyOf(priv))) {
          if (Arrays.equals(shared, new byte[32])) {
            assertThrows(CryptoException.class, () -> pair.agree(pub), id);
            zero++;
          } else {
            try (SecretBytes k = pair.agree(pub)) {
              assertArrayEquals(shared, k.exposeSecret(), id);
            }
          }
        }
        count++;
      }
    }
    assertEquals(((Long) file.get("numberOfTests")).intValue(), count);
    System.out.println("Wycheproof x25519_test.json: " + count + " cases passed (" + zero
        + " all-zero shared secrets rejected by agree)");
  }

  @Test
  void generatedPairsAgreeAndPrivateKeyRoundTrips() throws CryptoException {
    try (X25519KeyPair a = X25519.generate(Randomness.secure());
        X25519KeyPair b = X25519.generate(Randomness.secure());
        SecretBytes ab = a.agree(b.publicKey());
        SecretBytes ba = b.agree(a.publicKey());
        SecretBytes priv = a.privateKey();
        X25519KeyPair again = X25519.fromPrivateKey(priv)) {
      assertTrue(ab.constantTimeEquals(ba));
      assertArrayEquals(a.publicKey(), again.publicKey());
    }
  }

  @Test
  void closedPairRefusesToAgree() {
    X25519KeyPair pair = X25519.generate(Randomness.secure());
    byte[] peer = X25519.generate(Randomness.secure()).publicKey();
    pair.close();
    assertThrows(IllegalStateException.class, () -> pair.agree(peer));
  }
}
