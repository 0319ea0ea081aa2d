package org.tend.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tend.protocol.crypto.Vectors.hex;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Ed25519Test {

  /** The group order L = 2^252 + 27742317777372353535851937790883648493 (RFC 8032 section 5.1). */
  private static final BigInteger L =
      BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

  private static final List<Map<String, String>> RFC = Vectors.blocks("rfc8032_ed25519.txt");

  @Test
  void reproducesRfc8032Section71Vectors() {
    assertEquals(5, RFC.size());
    for (Map<String, String> v : RFC) {
      byte[] seed = hex(v.get("secret"));
      byte[] pk = hex(v.get("public"));
      byte[] msg = hex(v.get("message"));
      byte[] sig = hex(v.get("signature"));
      String name = v.get("name");
      assertArrayEquals(pk, Ed25519.publicKeyRaw(seed), name);
      assertArrayEquals(sig, Ed25519.signRaw(seed, msg), name);
      assertTrue(Ed25519.verifyRaw(pk, msg, sig), name);
      try (Ed25519KeyPair pair = Ed25519.fromSeed(SecretBytes.copyOf(seed))) {
        assertArrayEquals(pk, pair.publicKey(), name);
      }
    }
    assertEquals(1023, hex(RFC.get(3).get("message")).length, "TEST 1024 message length");
    System.out.println("RFC 8032 Ed25519: " + RFC.size() + " vectors");
  }

  @Test
  void rejectsEveryRfcSignatureWithAnyBitFlipped() {
    for (Map<String, String> v : RFC) {
      byte[] pk = hex(v.get("public"));
      byte[] msg = hex(v.get("message"));
      byte[] sig = hex(v.get("signature"));
      for (int bit = 0; bit < sig.length * 8; bit++) {
        byte[] bad = sig.clone();
        bad[bit / 8] ^= (byte) (1 << (bit % 8));
        assertFalse(Ed25519.verifyRaw(pk, msg, bad), v.get("name") + " bit " + bit);
      }
    }
  }

  @Test
  void rejectsWrongMessageAndWrongKey() {
    Map<String, String> t2 = RFC.get(1);
    Map<String, String> t3 = RFC.get(2);
    byte[] sig2 = hex(t2.get("signature"));
    assertFalse(Ed25519.verifyRaw(hex(t2.get("public")), hex(t3.get("message")), sig2));
    assertFalse(Ed25519.verifyRaw(hex(t2.get("public")), new byte[0], sig2));
    assertFalse(Ed25519.verifyRaw(hex(t3.get("public")), hex(t2.get("message")), sig2));
  }

  @Test
  void rejectsNonCanonicalSEqualToSPlusL() {
    Map<String, String> t1 = RFC.get(0);
    byte[] pk = hex(t1.get("public"));
    byte[] msg = hex(t1.get("message"));
    byte[] sig = hex(t1.get("signature"));
    BigInteger s = littleEndian(Arrays.copyOfRange(sig, 32, 64));
    BigInteger sPlusL = s.add(L);
    assertTrue(sPlusL.bitLength() <= 256, "S + L must still fit in 32 bytes for this vector");
    byte[] malleated = sig.clone();
    System.arraycopy(toLittleEndian32(sPlusL), 0, malleated, 32, 32);
    assertFalse(Ed25519.verifyRaw(pk, msg, malleated), "S >= L must be rejected (RFC 8032 5.1.7)");
    byte[] sEqualsL = sig.clone();
    System.arraycopy(toLittleEndian32(L), 0, sEqualsL, 32, 32);
    assertFalse(Ed25519.verifyRaw(pk, msg, sEqualsL));
  }

  @Test
  void wrongLengthsAndNullsReturnFalseInsteadOfThrowing() {
    Map<String, String> t1 = RFC.get(0);
    byte[] pk = hex(t1.get("public"));
    byte[] sig = hex(t1.get("signature"));
    byte[] msg = hex(t1.get("message"));
    assertFalse(Ed25519.verifyRaw(Arrays.copyOf(pk, 31), msg, sig));
    assertFalse(Ed25519.verifyRaw(Arrays.copyOf(pk, 33), msg, sig));
    assertFalse(Ed25519.verifyRaw(pk, msg, Arrays.copyOf(sig, 63)));
    assertFalse(Ed25519.verifyRaw(pk, msg, Arrays.copyOf(sig, 65)));
    assertFalse(Ed25519.verifyRaw(pk, msg, new byte[0]));
    assertFalse(Ed25519.verifyRaw(null, msg, sig));
    assertFalse(Ed25519.verify(null, Labels.FINGERPRINT, msg, sig));
    assertFalse(Ed25519.verify(pk, null, msg, sig));
    assertFalse(Ed25519.verify(pk, "", msg, sig));
    assertFalse(Ed25519.verify(pk, Labels.FINGERPRINT, null, sig));
    assertFalse(Ed25519.verify(pk, Labels.FINGERPRINT, msg, null));
    assertFalse(Ed25519.verify(new byte[32], Labels.FINGERPRINT, msg, new byte[64]));
  }

  @Test
  void passesEveryWycheproofCase() {
    Map<String, Object> file = Vectors.json("wycheproof_ed25519_test.json");
    int count = 0;
    int valid = 0;
    for (Map<String, Object> group : Vectors.list(file, "testGroups")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> key = (Map<String, Object>) group.get("publicKey");
      byte[] pk = hex((String) key.get("pk"));
      for (Map<String, Object> t : Vectors.list(group, "tests")) {
        boolean expected = "valid".equals(t.get("result"));
        boolean actual = Ed25519.verifyRaw(pk, hex((String) t.get("msg")), hex((String) t.get("sig")));
        assertEquals(expected, actual, "Wycheproof ed25519 tcId " + t.get("tcId") + " " + t.get("comment"));
        count++;
        valid += expected ? 1 : 0;
      }
    }
    assertEquals(((Long) file.get("numberOfTests")).intValue(), count);
    System.out.println("Wycheproof ed25519_test.json: " + count + " cases (" + valid + " valid, "
        + (count - valid) + " invalid) passed");
  }

  @Test
  void labelledSignatureVerifiesOnlyUnderTheSameLabelAndMessage() {
    try (Ed25519KeyPair pair = Ed25519.generate(Randomness.secure())) {
      byte[] msg = "x25519 public key".getBytes();
      byte[] sig = pair.sign(Labels.IDENTITY_BINDING, msg);
      assertEquals(64, sig.length);
      assertTrue(Ed25519.verify(pair.publicKey(), Labels.IDENTITY_BINDING, msg, sig));
      assertFalse(Ed25519.verify(pair.publicKey(), Labels.FINGERPRINT, msg, sig));
      assertFalse(Ed25519.verify(pair.publicKey(), Labels.IDENTITY_BINDING, "other".getBytes(), sig));
      // the signature is over Labels.bind(label, message), never the raw message
      assertFalse(Ed25519.verifyRaw(pair.publicKey(), msg, sig));
      assertTrue(Ed25519.verifyRaw(pair.publicKey(), Labels.bind(Labels.IDENTITY_BINDING, msg), sig));
    }
  }

  @Test
  void keyPairRoundTripsThroughItsSeedAndRefusesToSignWhenClosed() {
    Ed25519KeyPair pair = Ed25519.generate(Randomness.secure());
    try (SecretBytes seed = pair.seed(); Ed25519KeyPair again = Ed25519.fromSeed(seed)) {
      assertArrayEquals(pair.publicKey(), again.publicKey());
    }
    pair.close();
    assertThrows(IllegalStateException.class, () -> pair.sign(Labels.FINGERPRINT, new byte[1]));
    assertThrows(IllegalArgumentException.class, () -> Ed25519.fromSeed(SecretBytes.copyOf(new byte[31])));
  }

  @Test
  void publicKeyAccessorReturnsACopy() {
    try (Ed25519KeyPair pair = Ed25519.generate(Randomness.secure())) {
      byte[] pk = pair.publicKey();
      pk[0] ^= 1;
      assertFalse(Arrays.equals(pk, pair.publicKey()));
    }
  }

  private static BigInteger littleEndian(byte[] le) {
    byte[] be = new byte[le.length];
    for (int i = 0; i < le.length; i++) {
      be[i] = le[le.length - 1 - i];
    }
    return new BigInteger(1, be);
  }

  private static byte[] toLittleEndian32(BigInteger v) {
    byte[] out = new byte[32];
    byte[] be = v.toByteArray();
    for (int i = 0; i < be.length && i < 33; i++) {
      int idx = be.length - 1 - i;
      if (i < 32) {
        out[i] = be[idx];
      }
    }
    return out;
  }
}
