package org.tend.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tend.protocol.crypto.Vectors.hex;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealedBoxTest {
  private static final Map<String, String> GOLDEN = goldenVector();

  private final X25519KeyPair recipient =
      X25519.fromPrivateKey(SecretBytes.copyOf(hex(GOLDEN.get("recipient_private"))));
  private final byte[] context = hex(GOLDEN.get("context"));
  private final byte[] sealed = hex(GOLDEN.get("sealed"));

  @Test
  void reproducesTheGoldenVector() throws Exception {
    assertArrayEquals(hex(GOLDEN.get("recipient_public")), recipient.publicKey());
    int[] counter = {0};
    Randomness stream = out -> {
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) (counter[0]++ * 7 + 3);
      }
    };
    assertArrayEquals(sealed, SealedBox.seal(stream, recipient.publicKey(), Labels.KEY_SEAL,
        context, hex(GOLDEN.get("plaintext"))));
    assertArrayEquals(hex(GOLDEN.get("plaintext")),
        SealedBox.open(recipient, Labels.KEY_SEAL, context, sealed));
  }

  @Test
  void everyFlippedBitIsRefused() {
    for (int at = 0; at < sealed.length; at++) {
      byte[] tampered = sealed.clone();
      tampered[at] ^= 0x01;
      assertThrows(CryptoException.class,
          () -> SealedBox.open(recipient, Labels.KEY_SEAL, context, tampered), "byte " + at);
    }
  }

  @Test
  void truncationIsRefusedAtEveryLength() {
    for (int length = 0; length < sealed.length; length++) {
      byte[] cut = Arrays.copyOf(sealed, length);
      assertThrows(CryptoException.class,
          () -> SealedBox.open(recipient, Labels.KEY_SEAL, context, cut), "length " + length);
    }
  }

  @Test
  void anotherRecipientLabelOrContextCannotOpenIt() {
    X25519KeyPair other = X25519.generate(Randomness.secure());
    assertThrows(CryptoException.class,
        () -> SealedBox.open(other, Labels.KEY_SEAL, context, sealed));
    assertThrows(CryptoException.class,
        () -> SealedBox.open(recipient, Labels.INVITE_PSK, context, sealed));
    byte[] otherContext = context.clone();
    otherContext[otherContext.length - 1]++;
    assertThrows(CryptoException.class,
        () -> SealedBox.open(recipient, Labels.KEY_SEAL, otherContext, sealed));
  }

  @Test
  void aLowOrderEphemeralKeyIsRefused() {
    byte[] lowOrder = sealed.clone();
    Arrays.fill(lowOrder, 0, 32, (byte) 0);
    assertThrows(CryptoException.class,
        () -> SealedBox.open(recipient, Labels.KEY_SEAL, context, lowOrder));
    assertThrows(CryptoException.class, () -> SealedBox.seal(Randomness.secure(), new byte[32],
        Labels.KEY_SEAL, context, new byte[1]));
  }

  private static Map<String, String> goldenVector() {
    return Vectors.blocks("golden/sealed_box.txt").get(0);
  }
}
