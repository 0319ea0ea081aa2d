package org.tend.node.transport;

import java.util.Objects;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.noise.HandshakeState;
import org.tend.protocol.noise.NoiseProtocol;
import org.tend.protocol.proto.PeerHello;

/**
 * Builds this node's side of Tend's handshake, {@value NoiseProtocol#TEND}: the static key is
 * the identity's X25519 key, the PSK the collective's network key, and the prologue binds the
 * protocol version and the collective id, so a handshake for one collective or version can
 * never complete as another.
 */
final class Handshakes {
  /** The wire protocol version in every prologue. */
  static final int PROTOCOL_VERSION = 1;
  /** Payload of the first message: the initiator's clock in milliseconds, big-endian. */
  static final int FIRST_PAYLOAD_LENGTH = 8;
  /** The first message is always exactly this long: e, then the encrypted timestamp. */
  static final int FIRST_MESSAGE_LENGTH = 32 + FIRST_PAYLOAD_LENGTH + 16;
  /** Each direction rekeys after this many transport messages (forward secrecy within a session). */
  static final long REKEY_INTERVAL = 1L << 16;

  private static final NoiseProtocol PROTOCOL = NoiseProtocol.parse(NoiseProtocol.TEND);

  private final NodeIdentity identity;
  private final Randomness randomness;
  private final byte[] hello;

  Handshakes(NodeIdentity identity, Randomness randomness) {
    this.identity = Objects.requireNonNull(identity, "identity");
    this.randomness = Objects.requireNonNull(randomness, "randomness");
    this.hello = PeerHello.newBuilder()
        .setSigningKey(com.google.protobuf.ByteString.copyFrom(identity.signing().publicKey()))
        .setBindingSignature(com.google.protobuf.ByteString.copyFrom(identity.bindingSignature()))
        .build().toByteArray();
  }

  HandshakeState initiator(NetworkKey key) {
    return HandshakeState.initiator(PROTOCOL).prologue(prologue(key))
        .localStatic(identity.agreement()).psk(key.psk()).randomness(randomness).build();
  }

  HandshakeState responder(NetworkKey key) {
    return HandshakeState.responder(PROTOCOL).prologue(prologue(key))
        .localStatic(identity.agreement()).psk(key.psk()).randomness(randomness).build();
  }

  /** The PeerHello this node sends in handshake messages 2 or 3. */
  byte[] hello() {
    return hello.clone();
  }

  /** Members' and join-only connections have different prologues: neither key opens the other. */
  static byte[] prologue(NetworkKey key) {
    String label = key.purpose() == NetworkKey.Purpose.JOIN
        ? Labels.TRANSPORT_JOIN_PROLOGUE : Labels.TRANSPORT_PROLOGUE;
    return Labels.bind(label, new byte[] {(byte) PROTOCOL_VERSION}, key.collective().bytes());
  }

  static byte[] timestamp(long millis) {
    byte[] out = new byte[FIRST_PAYLOAD_LENGTH];
    for (int i = 0; i < FIRST_PAYLOAD_LENGTH; i++) {
      out[i] = (byte) (millis >>> (56 - 8 * i));
    }
    return out;
  }

  static long timestampOf(byte[] payload) {
    long millis = 0;
    for (byte b : payload) {
      millis = (millis << 8) | (b & 0xff);
    }
    return millis;
  }
}
