package org.tend.node.collective;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Optional;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.crypto.CryptoException;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SealedBox;
import org.tend.protocol.proto.EpochKeys;
import org.tend.protocol.proto.MemberProfile;
import org.tend.protocol.proto.SealedKeys;

/**
 * Seals a collective's epoch keys to one member's agreement key ({@link SealedBox}, label
 * {@value Labels#KEY_SEAL}), and opens the ones sealed to this node. The box's context binds the
 * collective, the recipient's signing key and the {@link Slot} the box travels in: the kind of
 * document, the epoch it gives keys for, and what places that document (the invite of a Joined,
 * the cause of a rotation). So a box cannot be replayed into another document, nor its keys be
 * filed under an epoch other than the one the document gives.
 */
final class EpochKeySeal {
  private EpochKeySeal() {
  }

  /**
   * Where a box travels. {@code anchor}: empty in a genesis, the invite id in a Joined, the
   * cause's hash in a KeysRotated.
   */
  record Slot(String kind, int epoch, ByteString anchor) {
    static Slot genesis() {
      return new Slot("genesis", 0, ByteString.EMPTY);
    }

    static Slot joined(int epoch, ByteString inviteId) {
      return new Slot("joined", epoch, inviteId);
    }

    static Slot rotation(int epoch, ByteString cause) {
      return new Slot("rotation", epoch, cause);
    }
  }

  /** A box as the history holds it: where it travelled decides what it may open to. */
  record Sealed(SealedKeys box, Slot slot) {
  }

  static SealedKeys seal(Randomness randomness, CollectiveId collective, MemberProfile recipient,
      EpochKeys keys, Slot slot) {
    if (keys.getEpoch() != slot.epoch()) {
      throw new IllegalArgumentException("keys of epoch " + keys.getEpoch()
          + " sealed for epoch " + slot.epoch());
    }
    try {
      return SealedKeys.newBuilder()
          .setMember(recipient.getSigningKey())
          .setSealed(ByteString.copyFrom(SealedBox.seal(randomness,
              recipient.getAgreementKey().toByteArray(), Labels.KEY_SEAL,
              context(collective, recipient.getSigningKey(), slot), keys.toByteArray())))
          .build();
    } catch (CryptoException e) {
      throw new IllegalArgumentException("a member's agreement key is unusable", e);
    }
  }

  /** The keys in {@code sealed} if they were sealed to {@code me}; empty otherwise. */
  static Optional<EpochKeys> open(NodeIdentity me, CollectiveId collective, Sealed sealed) {
    return open(me, collective, sealed.box(), sealed.slot());
  }

  /**
   * The keys in {@code sealed} if they were sealed to {@code me} for {@code slot}, and are of
   * the slot's epoch; empty otherwise.
   */
  static Optional<EpochKeys> open(NodeIdentity me, CollectiveId collective, SealedKeys sealed,
      Slot slot) {
    try {
      EpochKeys keys = EpochKeys.parseFrom(SealedBox.open(me.agreement(), Labels.KEY_SEAL,
          context(collective, ByteString.copyFrom(me.signing().publicKey()), slot),
          sealed.getSealed().toByteArray()));
      if (keys.getNetworkKey().size() != 32 || keys.getContentKey().size() != 32
          || keys.getEpoch() != slot.epoch()) {
        return Optional.empty();
      }
      return Optional.of(keys);
    } catch (CryptoException | InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  static EpochKeys fresh(Randomness randomness, int epoch) {
    return EpochKeys.newBuilder().setEpoch(epoch)
        .setNetworkKey(ByteString.copyFrom(randomness.bytes(32)))
        .setContentKey(ByteString.copyFrom(randomness.bytes(32)))
        .build();
  }

  static byte[] context(CollectiveId collective, ByteString recipient, Slot slot) {
    return Labels.bind(Labels.KEY_SEAL, collective.bytes(), recipient.toByteArray(),
        slot.kind().getBytes(java.nio.charset.StandardCharsets.UTF_8),
        java.nio.ByteBuffer.allocate(4).putInt(slot.epoch()).array(), slot.anchor().toByteArray());
  }
}
