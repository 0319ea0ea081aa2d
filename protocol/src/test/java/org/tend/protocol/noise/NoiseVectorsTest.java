package org.tend.protocol.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.crypto.Vectors;
import org.tend.protocol.crypto.X25519;

/**
 * Every published Cacophony and snow vector for the suites Tend implements (25519 with AESGCM
 * or ChaChaPoly, and SHA256): each handshake and transport message must match byte for byte,
 * each side must read the other's payloads, and the handshake hash must match where given.
 */
class NoiseVectorsTest {
  private static int ran;
  private static int skipped;

  @TestFactory
  List<DynamicTest> cacophonyVectors() {
    return vectors("noise/cacophony.json");
  }

  @TestFactory
  List<DynamicTest> snowVectors() {
    return vectors("noise/snow.json");
  }

  @AfterAll
  static void report() {
    System.out.println("Noise vectors: ran " + ran + ", skipped " + skipped
        + " (other DH, cipher or hash functions)");
    assertEquals(220, ran, "expected 118 Cacophony and 102 snow vectors for Tend's suites");
  }

  private static List<DynamicTest> vectors(String file) {
    List<DynamicTest> tests = new ArrayList<>();
    for (Map<String, Object> vector : Vectors.list(Vectors.json(file), "vectors")) {
      String name = (String) vector.get("protocol_name");
      String[] parts = name.split("_");
      if (!parts[2].equals("25519") || !parts[4].equals("SHA256")) {
        skipped++;
        continue;
      }
      tests.add(DynamicTest.dynamicTest(file + " " + name, () -> {
        run(vector);
        synchronized (NoiseVectorsTest.class) {
          ran++;
        }
      }));
    }
    return tests;
  }

  @SuppressWarnings("unchecked")
  private static void run(Map<String, Object> v) throws Exception {
    NoiseProtocol protocol = NoiseProtocol.parse((String) v.get("protocol_name"));
    HandshakePattern pattern = protocol.pattern();
    HandshakeState initiator = side(HandshakeState.initiator(protocol), v, "init",
        pattern.responderPreMessage().contains(Token.S));
    HandshakeState responder = side(HandshakeState.responder(protocol), v, "resp",
        pattern.initiatorPreMessage().contains(Token.S));

    List<Map<String, Object>> messages = (List<Map<String, Object>>) (List<?>) v.get("messages");
    int i = 0;
    for (; i < pattern.messages().size(); i++) {
      Map<String, Object> m = messages.get(i);
      HandshakeState sender = initiator.isMyTurn() ? initiator : responder;
      HandshakeState receiver = sender == initiator ? responder : initiator;
      byte[] payload = hex(m, "payload");
      byte[] wire = sender.writeMessage(payload);
      assertArrayEquals(hex(m, "ciphertext"), wire, "handshake message " + i);
      assertArrayEquals(payload, receiver.readMessage(wire), "payload of handshake message " + i);
    }
    assertTrue(initiator.isComplete() && responder.isComplete());
    if (v.containsKey("handshake_hash")) {
      assertArrayEquals(hex(v, "handshake_hash"), initiator.handshakeHash());
      assertArrayEquals(hex(v, "handshake_hash"), responder.handshakeHash());
    }
    assertArrayEquals(initiator.handshakeHash(), responder.handshakeHash());

    try (NoiseTransport i2r = initiator.split(); NoiseTransport r2i = responder.split()) {
      for (; i < messages.size(); i++) {
        Map<String, Object> m = messages.get(i);
        boolean fromInitiator = pattern.oneWay() || i % 2 == 0;
        NoiseTransport sender = fromInitiator ? i2r : r2i;
        NoiseTransport receiver = fromInitiator ? r2i : i2r;
        byte[] wire = sender.encrypt(hex(m, "payload"));
        assertArrayEquals(hex(m, "ciphertext"), wire, "transport message " + i);
        assertArrayEquals(hex(m, "payload"), receiver.decrypt(wire));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static HandshakeState side(HandshakeBuilder builder, Map<String, Object> v,
      String who, boolean needsRemoteStatic) {
    builder.prologue(hex(v, who + "_prologue"));
    if (v.containsKey(who + "_static")) {
      builder.localStatic(X25519.fromPrivateKey(SecretBytes.copyOf(hex(v, who + "_static"))));
    }
    if (needsRemoteStatic) {
      builder.remoteStatic(hex(v, who + "_remote_static"));
    }
    if (v.containsKey(who + "_psks")) {
      for (Object psk : (List<Object>) v.get(who + "_psks")) {
        builder.psk(SecretBytes.copyOf(Vectors.hex((String) psk)));
      }
    }
    QueuedRandomness ephemerals = new QueuedRandomness();
    if (v.containsKey(who + "_ephemeral")) {
      ephemerals.add(hex(v, who + "_ephemeral"));
    }
    return builder.randomness(ephemerals).build();
  }

  private static byte[] hex(Map<String, Object> map, String key) {
    return Vectors.hex((String) map.get(key));
  }
}
