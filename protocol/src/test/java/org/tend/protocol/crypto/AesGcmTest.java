package org.tend.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tend.protocol.crypto.Vectors.hex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AesGcmTest {

  private static final byte[] AD = Labels.bind(Labels.STORE_BODY, new byte[] {1, 2, 3});

  /** Wycheproof cases with a 96-bit IV and a 128-bit tag: the only shape {@link Aead} supports. */
  private static List<Map<String, Object>> wycheproofCases() {
    Map<String, Object> file = Vectors.json("wycheproof_aes_gcm_test.json");
    List<Map<String, Object>> cases = new ArrayList<>();
    for (Map<String, Object> group : Vectors.list(file, "testGroups")) {
      if (((Long) group.get("ivSize")) == 96 && ((Long) group.get("tagSize")) == 128) {
        cases.addAll(Vectors.list(group, "tests"));
      }
    }
    return cases;
  }

  @Test
  void passesEveryWycheproofCaseWithA96BitIvAnd128BitTag() throws AuthenticationException {
    int valid = 0;
    int invalid = 0;
    for (Map<String, Object> t : wycheproofCases()) {
      String id = "Wycheproof aes_gcm tcId " + t.get("tcId") + " " + t.get("comment");
      AesGcm aead = AesGcm.withKey(SecretBytes.copyOf(hex((String) t.get("key"))));
      byte[] iv = hex((String) t.get("iv"));
      byte[] aad = hex((String) t.get("aad"));
      byte[] msg = hex((String) t.get("msg"));
      byte[] ctAndTag = concat(hex((String) t.get("ct")), hex((String) t.get("tag")));
      if ("invalid".equals(t.get("result"))) {
        assertThrows(AuthenticationException.class, () -> aead.decrypt(iv, ctAndTag, aad), id);
        invalid++;
      } else {
        assertArrayEquals(msg, aead.decrypt(iv, ctAndTag, aad), id);
        assertArrayEquals(ctAndTag, aead.encrypt(iv, msg, aad), id);
        valid++;
      }
    }
    assertTrue(valid > 0 && invalid > 0, "expected both valid and invalid Wycheproof cases");
    System.out.println("Wycheproof aes_gcm_test.json (96-bit IV, 128-bit tag): " + (valid + invalid)
        + " cases (" + valid + " valid, " + invalid + " invalid) passed");
  }

  @Test
  void rejectsEveryModificationOfWycheproofValidCases() {
    int mutations = 0;
    for (Map<String, Object> t : wycheproofCases()) {
      if ("invalid".equals(t.get("result"))) {
        continue;
      }
      String id = "Wycheproof aes_gcm tcId " + t.get("tcId");
      AesGcm aead = AesGcm.withKey(SecretBytes.copyOf(hex((String) t.get("key"))));
      byte[] iv = hex((String) t.get("iv"));
      byte[] aad = hex((String) t.get("aad"));
      byte[] ct = hex((String) t.get("ct"));
      byte[] good = concat(ct, hex((String) t.get("tag")));

      byte[] flippedTag = good.clone();
      flippedTag[good.length - 1] ^= 0x01;
      assertThrows(AuthenticationException.class, () -> aead.decrypt(iv, flippedTag, aad), id + " tag");
      if (ct.length > 0) {
        byte[] flippedCt = good.clone();
        flippedCt[0] ^= (byte) 0x80;
        assertThrows(AuthenticationException.class, () -> aead.decrypt(iv, flippedCt, aad), id + " ct");
      }
      byte[] otherAad = Arrays.copyOf(aad, aad.length + 1);
      assertThrows(AuthenticationException.class, () -> aead.decrypt(iv, good, otherAad), id + " aad");
      byte[] otherIv = iv.clone();
      otherIv[11] ^= 0x01;
      assertThrows(AuthenticationException.class, () -> aead.decrypt(otherIv, good, aad), id + " iv");
      byte[] truncated = Arrays.copyOf(good, good.length - 1);
      assertThrows(AuthenticationException.class, () -> aead.decrypt(iv, truncated, aad), id + " truncated");
      mutations += 5;
    }
    System.out.println("AES-GCM: " + mutations + " modified Wycheproof ciphertexts rejected");
  }

  @Test
  void inputShorterThanTheTagIsAnAuthenticationFailureNotACrash() {
    AesGcm aead = AesGcm.withKey(SecretBytes.random(Randomness.secure(), Aead.KEY_LENGTH));
    byte[] nonce = new byte[Aead.NONCE_LENGTH];
    for (int n = 0; n < Aead.TAG_LENGTH; n++) {
      byte[] input = new byte[n];
      assertThrows(AuthenticationException.class, () -> aead.decrypt(nonce, input, AD));
    }
    assertThrows(AuthenticationException.class, () -> aead.decrypt(nonce, new byte[Aead.TAG_LENGTH], AD));
  }

  @Test
  void rejectsNoncesOfTheWrongLength() {
    AesGcm aead = AesGcm.withKey(SecretBytes.random(Randomness.secure(), Aead.KEY_LENGTH));
    assertThrows(IllegalArgumentException.class, () -> aead.encrypt(new byte[11], new byte[1], AD));
    assertThrows(IllegalArgumentException.class, () -> aead.encrypt(new byte[13], new byte[1], AD));
    assertThrows(IllegalArgumentException.class, () -> aead.decrypt(new byte[16], new byte[32], AD));
  }

  @Test
  void acceptsAesKeySizesAndRejectsOthers() {
    for (int n : new int[] {16, 24, 32}) {
      AesGcm.withKey(SecretBytes.copyOf(new byte[n]));
    }
    for (int n : new int[] {1, 15, 17, 31, 33, 64}) {
      assertThrows(IllegalArgumentException.class, () -> AesGcm.withKey(SecretBytes.copyOf(new byte[n])));
    }
  }

  @Test
  void outputIsCiphertextFollowedByTag() throws AuthenticationException {
    AesGcm aead = AesGcm.withKey(SecretBytes.random(Randomness.secure(), Aead.KEY_LENGTH));
    byte[] nonce = Randomness.secure().bytes(Aead.NONCE_LENGTH);
    byte[] plaintext = "journal entry".getBytes();
    byte[] out = aead.encrypt(nonce, plaintext, AD);
    assertEquals(plaintext.length + Aead.TAG_LENGTH, out.length);
    assertArrayEquals(plaintext, aead.decrypt(nonce, out, AD));
  }

  @Test
  void refusesToEncryptAgainUnderTheKeyAndNonceItJustUsed() {
    SecretBytes key = SecretBytes.random(Randomness.secure(), Aead.KEY_LENGTH);
    AesGcm aead = AesGcm.withKey(key);
    AesGcm sameKey = AesGcm.withKey(key);
    byte[] nonce = Randomness.secure().bytes(Aead.NONCE_LENGTH);
    aead.encrypt(nonce, "first".getBytes(), AD);
    assertThrows(IllegalStateException.class, () -> aead.encrypt(nonce, "second".getBytes(), AD));
    assertThrows(IllegalStateException.class,
        () -> sameKey.encrypt(nonce, "second".getBytes(), new byte[0]), "another object, same key");
  }

  @Test
  void theRekeyNonceMayRepeatAndIsTheNoiseMaximumNonce() throws AuthenticationException {
    AesGcm aead = AesGcm.withKey(SecretBytes.random(Randomness.secure(), Aead.KEY_LENGTH));
    byte[] zeros = new byte[32];
    byte[] once = aead.encryptAtRekeyNonce(zeros);
    assertArrayEquals(once, aead.encryptAtRekeyNonce(zeros), "both ends compute the same REKEY");
    byte[] maxNonce = {0, 0, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1};
    assertArrayEquals(zeros, aead.decrypt(maxNonce, once, new byte[0]));
  }

  @Test
  void sealPrependsARandomNonceAndOpenReversesIt() throws AuthenticationException {
    AesGcm aead = AesGcm.withKey(SecretBytes.random(Randomness.secure(), Aead.KEY_LENGTH));
    byte[] plaintext = "marker-7f3a".getBytes();
    byte[] a = aead.seal(Randomness.secure(), plaintext, AD);
    byte[] b = aead.seal(Randomness.secure(), plaintext, AD);
    assertEquals(Aead.NONCE_LENGTH + plaintext.length + Aead.TAG_LENGTH, a.length);
    assertFalse(Arrays.equals(a, b));
    assertArrayEquals(plaintext, aead.open(a, AD));
    assertArrayEquals(aead.encrypt(Arrays.copyOf(a, 12), plaintext, AD), Arrays.copyOfRange(a, 12, a.length));
    assertThrows(AuthenticationException.class, () -> aead.open(a, new byte[0]));
    for (int n = 0; n < Aead.NONCE_LENGTH + Aead.TAG_LENGTH; n++) {
      byte[] shortInput = Arrays.copyOf(a, n);
      assertThrows(AuthenticationException.class, () -> aead.open(shortInput, AD));
    }
    byte[] empty = aead.seal(Randomness.secure(), new byte[0], new byte[0]);
    assertEquals(0, aead.open(empty, new byte[0]).length);
  }

  @Test
  void keyIsCopiedSoDestroyingTheCallersSecretDoesNotAffectIt() throws AuthenticationException {
    SecretBytes key = SecretBytes.random(Randomness.secure(), Aead.KEY_LENGTH);
    AesGcm aead = AesGcm.withKey(key);
    byte[] sealed = aead.seal(Randomness.secure(), new byte[] {42}, AD);
    key.destroy();
    assertArrayEquals(new byte[] {42}, aead.open(sealed, AD));
    assertEquals("AesGcm[key redacted]", aead.toString());
  }

  @Test
  void isSafeToUseFromSeveralThreadsIncludingRepeatedEncryption() throws Exception {
    AesGcm aead = AesGcm.withKey(SecretBytes.random(Randomness.secure(), Aead.KEY_LENGTH));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(pool.submit(() -> {
          for (int i = 0; i < 200; i++) {
            byte[] msg = Randomness.secure().bytes(i);
            if (!Arrays.equals(msg, aead.open(aead.seal(Randomness.secure(), msg, AD), AD))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> f : results) {
        assertTrue(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
