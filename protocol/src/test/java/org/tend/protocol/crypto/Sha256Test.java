package org.tend.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.tend.protocol.crypto.Vectors.hex;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Sha256Test {

  @Test
  void rawDigestMatchesFips180AbcVector() {
    assertArrayEquals(hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        Sha256.digestRaw("abc".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void rawHmacMatchesRfc4231TestCases1And2() {
    assertArrayEquals(hex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        Sha256.hmacRaw(hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), "Hi There".getBytes(StandardCharsets.US_ASCII)));
    assertArrayEquals(hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        Sha256.hmacRaw("Jefe".getBytes(StandardCharsets.US_ASCII),
            "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void labelledHashIsTheDigestOfTheBoundEncoding() {
    byte[] a = {1, 2, 3};
    assertArrayEquals(Sha256.digestRaw(Labels.bind(Labels.FINGERPRINT, a)), Sha256.hash(Labels.FINGERPRINT, a));
    assertEquals(32, Sha256.hash(Labels.FINGERPRINT).length);
    assertFalse(Arrays.equals(Sha256.hash(Labels.FINGERPRINT, a), Sha256.hash(Labels.STORE_KEY_ID, a)));
  }

  @Test
  void labelledHmacIsTheHmacOfTheBoundEncoding() {
    byte[] key = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    try (SecretBytes k = SecretBytes.copyOf(key)) {
      byte[] mac = Sha256.hmac(k, Labels.STORE_KEY_ID, new byte[] {9}, new byte[0]);
      assertArrayEquals(Sha256.hmacRaw(key, Labels.bind(Labels.STORE_KEY_ID, new byte[] {9}, new byte[0])), mac);
      assertFalse(Arrays.equals(mac, Sha256.hmac(k, Labels.STORE_KEY_ID, new byte[] {9})));
    }
  }
}
