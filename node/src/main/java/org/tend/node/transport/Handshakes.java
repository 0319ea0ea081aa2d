package org.tend.node.transport;

import java.util.Objects;
import org.tend.node.api.collective.MemberKey;
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
 * protocol version, the collective id and the identity key of the responder the initiator means
 * to reach, so a handshake for one collective, version or node can never complete as another.
 * Binding the responder is what keeps a recorded first message from opening at any other
 * member's node: there its timestamp fails to decrypt and the gate stays silent.
 */
final class Handshakes {
  /**
   * The transport version in every prologue. Version 2 binds the responder; a version-1 node
   * cannot open a version-2 first message (nor the reverse), so the two never misread each
   * other: each stays silent to the other.
   */
  static final int PROTOCOL_VERSION = 2;
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
  private final MemberKey me;

  Handshakes(NodeIdentity identity, Randomness randomness) {
    this.identity = Objects.requireNonNull(identity, "identity");
    this.randomness = Objects.requireNonNull(randomness, "randomness");
    this.me = MemberKey.of(identity.signing().publicKey());
    this.hello = PeerHello.newBuilder()
        .setSigningKey(com.google.protobuf.ByteString.copyFrom(identity.signing().publicKey()))
        .setBindingSignature(com.google.protobuf.ByteString.copyFrom(identity.bindingSignature()))
        .build().toByteArray();
  }

  /** The initiator's side of a handshake with the node of {@code responder}, and only it. */
  HandshakeState initiator(NetworkKey key, MemberKey responder) {
    return HandshakeState.initiator(PROTOCOL).prologue(prologue(key, responder))
        .localStatic(identity.agreement()).psk(key.psk()).randomness(randomness).build();
  }

  HandshakeState responder(NetworkKey key) {
    return HandshakeState.responder(PROTOCOL).prologue(prologue(key, me))
        .localStatic(identity.agreement()).psk(key.psk()).randomness(randomness).build();
  }

  /** The PeerHello this node sends in handshake messages 2 or 3. */
  byte[] hello() {
    return hello.clone();
  }

  /** The member this node proves to be. */
  MemberKey me() {
    return me;
  }

  /**
   * Members' and join-only connections have different prologues: neither key opens the other.
   * The responder's Ed25519 identity key is in both: the dialler knows it from the roster, or,
   * on a join, from the invite code, which names the inviter.
   */
  static byte[] prologue(NetworkKey key, MemberKey responder) {
    String label = key.purpose() == NetworkKey.Purpose.JOIN
        ? Labels.TRANSPORT_JOIN_PROLOGUE : Labels.TRANSPORT_PROLOGUE;
    return Labels.bind(label, new byte[] {(byte) PROTOCOL_VERSION}, key.collective().bytes(),
        responder.bytes());
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
