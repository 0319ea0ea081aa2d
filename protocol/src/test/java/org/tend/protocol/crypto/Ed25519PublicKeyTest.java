package org.tend.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tend.protocol.crypto.Vectors.hex;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Ed25519PublicKeyTest {

  @Test
  void agreesWithTheUnpreparedVerifierOnEveryWycheproofCase() {
    Map<String, Object> file = Vectors.json("wycheproof_ed25519_test.json");
    int count = 0;
    for (Map<String, Object> group : Vectors.list(file, "testGroups")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> key = (Map<String, Object>) group.get("publicKey");
      byte[] pk = hex((String) key.get("pk"));
      Optional<Ed25519PublicKey> prepared = Ed25519PublicKey.parse(pk);
      for (Map<String, Object> t : Vectors.list(group, "tests")) {
        boolean expected = "valid".equals(t.get("result"));
        byte[] msg = hex((String) t.get("msg"));
        byte[] sig = hex((String) t.get("sig"));
        boolean actual = prepared.map(p -> p.verifyRaw(msg, sig)).orElse(false);
        assertEquals(expected, actual, "Wycheproof ed25519 tcId " + t.get("tcId"));
        count++;
      }
    }
    assertEquals(((Long) file.get("numberOfTests")).intValue(), count);
  }

  @Test
  void verifiesLabelledSignaturesOnlyUnderTheirLabelAndKey() {
    try (Ed25519KeyPair pair = Ed25519.generate(Randomness.secure());
        Ed25519KeyPair other = Ed25519.generate(Randomness.secure())) {
      byte[] msg = "header".getBytes();
      byte[] sig = pair.sign(Labels.EVENT_SIGNATURE, msg);
      Ed25519PublicKey key = Ed25519PublicKey.parse(pair.publicKey()).orElseThrow();
      assertTrue(key.verify(Labels.EVENT_SIGNATURE, msg, sig));
      assertFalse(key.verify(Labels.COLLECTIVE_DOCUMENT, msg, sig));
      assertFalse(key.verify(Labels.EVENT_SIGNATURE, "other".getBytes(), sig));
      assertFalse(Ed25519PublicKey.parse(other.publicKey()).orElseThrow()
          .verify(Labels.EVENT_SIGNATURE, msg, sig));
      assertFalse(key.verify(Labels.EVENT_SIGNATURE, msg, new byte[63]));
      assertFalse(key.verify(Labels.EVENT_SIGNATURE, msg, null));
    }
  }

  @Test
  void refusesKeysOfTheWrongLengthAndPointsOffTheCurveOrOfSmallOrder() {
    assertTrue(Ed25519PublicKey.parse(new byte[31]).isEmpty());
    assertTrue(Ed25519PublicKey.parse(null).isEmpty());
    // the identity point (small order) and a y with no x on the curve
    byte[] identity = new byte[32];
    identity[0] = 1;
    assertTrue(Ed25519PublicKey.parse(identity).isEmpty());
    byte[] offCurve = hex("0200000000000000000000000000000000000000000000000000000000000000");
    assertTrue(Ed25519PublicKey.parse(offCurve).isEmpty());
  }
}
