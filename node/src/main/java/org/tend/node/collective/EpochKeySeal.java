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
 * {@value Labels#KEY_SEAL}, context: collective id and the recipient's signing key), and opens
 * the ones sealed to this node.
 */
final class EpochKeySeal {
  private EpochKeySeal() {
  }

  static SealedKeys seal(Randomness randomness, CollectiveId collective, MemberProfile recipient,
      EpochKeys keys) {
    try {
      return SealedKeys.newBuilder()
          .setMember(recipient.getSigningKey())
          .setSealed(ByteString.copyFrom(SealedBox.seal(randomness,
              recipient.getAgreementKey().toByteArray(), Labels.KEY_SEAL,
              context(collective, recipient.getSigningKey()), keys.toByteArray())))
          .build();
    } catch (CryptoException e) {
      throw new IllegalArgumentException("a member's agreement key is unusable", e);
    }
  }

  /** The keys in {@code sealed} if they were sealed to {@code me}; empty otherwise. */
  static Optional<EpochKeys> open(NodeIdentity me, CollectiveId collective, SealedKeys sealed) {
    try {
      EpochKeys keys = EpochKeys.parseFrom(SealedBox.open(me.agreement(), Labels.KEY_SEAL,
          context(collective, ByteString.copyFrom(me.signing().publicKey())),
          sealed.getSealed().toByteArray()));
      if (keys.getNetworkKey().size() != 32 || keys.getContentKey().size() != 32) {
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

  private static byte[] context(CollectiveId collective, ByteString recipient) {
    return Labels.bind(Labels.KEY_SEAL, collective.bytes(), recipient.toByteArray());
  }
}
