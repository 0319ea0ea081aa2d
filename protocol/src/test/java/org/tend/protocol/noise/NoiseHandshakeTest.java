package org.tend.protocol.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.crypto.X25519;
import org.tend.protocol.crypto.X25519KeyPair;

/** Tend's production handshake and the ways it must refuse to go on. */
class NoiseHandshakeTest {
  private static final NoiseProtocol TEND = NoiseProtocol.parse(NoiseProtocol.TEND);
  /**
   * Each test its own ephemeral keys: two tests drawing the same ones would encrypt under the
   * same key and nonce in a row, which AES-GCM refuses.
   */
  private static final AtomicLong SEEDS = new AtomicLong(7);
  private final Randomness random = seeded(SEEDS.getAndIncrement());
  private final X25519KeyPair alice = X25519.generate(random);
  private final X25519KeyPair bob = X25519.generate(random);
  private final byte[] psk = random.bytes(32);
  private final byte[] prologue = "tend/v1 collective 42".getBytes(StandardCharsets.UTF_8);

  @Test
  void completesAndAuthenticatesBothStaticKeys() throws Exception {
    HandshakeState i = initiator(psk, prologue);
    HandshakeState r = responder(psk, prologue);
    r.readMessage(i.writeMessage(new byte[0]));
    i.readMessage(r.writeMessage(bytes("hello from bob")));
    assertArrayEquals(bytes("hi"), r.readMessage(i.writeMessage(bytes("hi"))));
    assertArrayEquals(bob.publicKey(), i.remoteStatic().orElseThrow());
    assertArrayEquals(alice.publicKey(), r.remoteStatic().orElseThrow());
    assertArrayEquals(i.handshakeHash(), r.handshakeHash());
  }

  @Test
  void wrongPskFailsOnTheFirstMessage() throws Exception {
    byte[] other = psk.clone();
    other[0] ^= 1;
    HandshakeState r = responder(other, prologue);
    byte[] first = initiator(psk, prologue).writeMessage(new byte[0]);
    assertThrows(NoiseException.class, () -> r.readMessage(first));
    assertThrows(IllegalStateException.class, () -> r.writeMessage(new byte[0]),
        "a failed handshake stays failed");
  }

  @Test
  void differentPrologueFailsOnTheFirstMessage() throws Exception {
    HandshakeState r = responder(psk, bytes("tend/v1 collective 43"));
    byte[] first = initiator(psk, prologue).writeMessage(new byte[0]);
    assertThrows(NoiseException.class, () -> r.readMessage(first));
  }

  @Test
  void everyFlippedBitInEveryHandshakeMessageIsRefused() throws Exception {
    for (int message = 0; message < 3; message++) {
      int length = lengthOfMessage(message);
      for (int at = 0; at < length; at++) {
        HandshakeState i = initiator(psk, prologue);
        HandshakeState r = responder(psk, prologue);
        HandshakeState[] senders = {i, r, i};
        HandshakeState[] receivers = {r, i, r};
        for (int m = 0; m < message; m++) {
          receivers[m].readMessage(senders[m].writeMessage(bytes("payload")));
        }
        byte[] wire = senders[message].writeMessage(bytes("payload"));
        wire[at] ^= 0x01;
        HandshakeState receiver = receivers[message];
        assertThrows(NoiseException.class, () -> receiver.readMessage(wire),
            "message " + message + " byte " + at);
      }
    }
  }

  @Test
  void truncatedAndEmptyMessagesAreRefused() throws Exception {
    byte[] first = initiator(psk, prologue).writeMessage(new byte[0]);
    for (int length = 0; length < first.length; length++) {
      HandshakeState r = responder(psk, prologue);
      byte[] cut = Arrays.copyOf(first, length);
      assertThrows(NoiseException.class, () -> r.readMessage(cut), "length " + length);
    }
  }

  @Test
  void messageLengthLimitIsTheNoiseMaximum() throws Exception {
    HandshakeState i = initiator(psk, prologue);
    int overhead = 32 + 16; // e, then the payload's tag
    assertEquals(HandshakeState.MAX_MESSAGE_LENGTH,
        i.writeMessage(new byte[HandshakeState.MAX_MESSAGE_LENGTH - overhead]).length);
    HandshakeState j = initiator(psk, prologue);
    assertThrows(IllegalArgumentException.class,
        () -> j.writeMessage(new byte[HandshakeState.MAX_MESSAGE_LENGTH - overhead + 1]));
    HandshakeState r = responder(psk, prologue);
    assertThrows(NoiseException.class,
        () -> r.readMessage(new byte[HandshakeState.MAX_MESSAGE_LENGTH + 1]));
  }

  @Test
  void sidesMustTakeTurns() throws Exception {
    HandshakeState i = initiator(psk, prologue);
    HandshakeState r = responder(psk, prologue);
    assertThrows(IllegalStateException.class, () -> r.writeMessage(new byte[0]));
    assertThrows(IllegalStateException.class, () -> i.readMessage(new byte[48]));
    assertThrows(IllegalStateException.class, i::split);
  }

  @Test
  void lowOrderEphemeralKeyIsRefused() throws Exception {
    NoiseProtocol nn = NoiseProtocol.parse("Noise_NN_25519_AESGCM_SHA256");
    HandshakeState r = HandshakeState.responder(nn).randomness(random).build();
    r.readMessage(new byte[32]); // the all-zero point, in the clear
    assertThrows(NoiseException.class, () -> r.writeMessage(new byte[0]));
  }

  @Test
  void transportRefusesTamperingReplayAndReordering() throws Exception {
    NoiseTransport[] pair = completed(0);
    NoiseTransport a = pair[0];
    NoiseTransport b = pair[1];
    byte[] one = a.encrypt(bytes("one"));
    byte[] two = a.encrypt(bytes("two"));
    assertArrayEquals(bytes("one"), b.decrypt(one));
    assertThrows(NoiseException.class, () -> b.decrypt(one), "replay");

    NoiseTransport[] fresh = completed(0);
    byte[] first = fresh[0].encrypt(bytes("first"));
    byte[] second = fresh[0].encrypt(bytes("second"));
    assertThrows(NoiseException.class, () -> fresh[1].decrypt(second), "reordered");
    assertThrows(IllegalStateException.class, () -> fresh[1].decrypt(first),
        "a session that saw a forged message is over");
    assertFalse(Arrays.equals(one, two));
  }

  @Test
  void transportPlaintextLimit() throws Exception {
    NoiseTransport[] pair = completed(0);
    byte[] max = pair[0].encrypt(new byte[NoiseTransport.MAX_PLAINTEXT]);
    assertEquals(HandshakeState.MAX_MESSAGE_LENGTH, max.length);
    assertEquals(NoiseTransport.MAX_PLAINTEXT, pair[1].decrypt(max).length);
    assertThrows(IllegalArgumentException.class,
        () -> pair[0].encrypt(new byte[NoiseTransport.MAX_PLAINTEXT + 1]));
    assertThrows(NoiseException.class,
        () -> pair[1].decrypt(new byte[HandshakeState.MAX_MESSAGE_LENGTH + 1]));
  }

  @Test
  void rekeyingSidesStayInStepAndChangeTheKeys() throws Exception {
    NoiseTransport[] rekeying = completed(3, 3, 99);
    NoiseTransport[] plain = completed(0, 0, 99); // the same session, never rekeying
    // One session's messages, then the other's: AES-GCM refuses the same key and nonce twice
    // in a row, which interleaving two copies of one session would ask of it.
    List<byte[]> rekeyed = new ArrayList<>();
    for (int n = 0; n < 10; n++) {
      byte[] message = bytes("message " + n);
      rekeyed.add(rekeying[0].encrypt(message));
      assertArrayEquals(message, rekeying[1].decrypt(rekeyed.get(n)));
    }
    for (int n = 0; n < 10; n++) {
      byte[] message = bytes("message " + n);
      byte[] unchanged = plain[0].encrypt(message);
      assertArrayEquals(message, plain[1].decrypt(unchanged));
      assertEquals(n < 3, Arrays.equals(rekeyed.get(n), unchanged), "message " + n);
    }
  }

  @Test
  void aReceiverThatDoesNotRekeyFailsAtTheRekeyPoint() throws Exception {
    NoiseTransport[] pair = completed(2, 0, 5);
    for (int n = 0; n < 2; n++) {
      pair[1].decrypt(pair[0].encrypt(bytes("in step")));
    }
    byte[] afterRekey = pair[0].encrypt(bytes("new key"));
    assertThrows(NoiseException.class, () -> pair[1].decrypt(afterRekey));
  }

  @Test
  void refusesProtocolsAndConfigurationsItCannotRun() {
    assertThrows(IllegalArgumentException.class, () -> NoiseProtocol.parse("Noise_XY_25519_AESGCM_SHA256"));
    assertThrows(IllegalArgumentException.class, () -> NoiseProtocol.parse("Noise_XX_448_AESGCM_SHA256"));
    assertThrows(IllegalArgumentException.class, () -> NoiseProtocol.parse("Noise_XX_25519_AESGCM_BLAKE2s"));
    assertThrows(IllegalArgumentException.class, () -> NoiseProtocol.parse("Noise_XXpsk9_25519_AESGCM_SHA256"));
    assertThrows(IllegalArgumentException.class, () -> NoiseProtocol.parse("Noise_XX_25519_AESGCM"));
    assertThrows(IllegalArgumentException.class,
        () -> HandshakeState.initiator(TEND).localStatic(alice).build(), "no PSK");
    assertThrows(IllegalArgumentException.class,
        () -> HandshakeState.initiator(TEND).psk(SecretBytes.copyOf(psk)).build(), "no static key");
    assertThrows(IllegalArgumentException.class,
        () -> HandshakeState.initiator(TEND).psk(SecretBytes.copyOf(new byte[31])));
  }

  private NoiseTransport[] completed(long rekeyInterval) throws Exception {
    return completed(rekeyInterval, rekeyInterval, random.bytes(1)[0]);
  }

  private NoiseTransport[] completed(long initiatorInterval, long responderInterval, long seed)
      throws Exception {
    Randomness ephemerals = seeded(seed);
    HandshakeState i = HandshakeState.initiator(TEND).prologue(prologue).localStatic(alice)
        .psk(SecretBytes.copyOf(psk)).randomness(ephemerals).build();
    HandshakeState r = HandshakeState.responder(TEND).prologue(prologue).localStatic(bob)
        .psk(SecretBytes.copyOf(psk)).randomness(ephemerals).build();
    r.readMessage(i.writeMessage(new byte[0]));
    i.readMessage(r.writeMessage(new byte[0]));
    r.readMessage(i.writeMessage(new byte[0]));
    return new NoiseTransport[] {i.split(initiatorInterval), r.split(responderInterval)};
  }

  private int lengthOfMessage(int index) {
    return switch (index) {
      case 0 -> 32 + 7 + 16;
      case 1 -> 32 + 48 + 7 + 16;
      default -> 48 + 7 + 16;
    };
  }

  private HandshakeState initiator(byte[] key, byte[] prologueBytes) {
    return HandshakeState.initiator(TEND).prologue(prologueBytes).localStatic(alice)
        .psk(SecretBytes.copyOf(key)).randomness(random).build();
  }

  private HandshakeState responder(byte[] key, byte[] prologueBytes) {
    return HandshakeState.responder(TEND).prologue(prologueBytes).localStatic(bob)
        .psk(SecretBytes.copyOf(key)).randomness(random).build();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Randomness seeded(long seed) {
    Random r = new Random(seed);
    return r::nextBytes;
  }
}
