package org.tend.node.collective;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.crypto.Ed25519;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.proto.Joined;
import org.tend.protocol.proto.MemberProfile;

/**
 * The joiner's consent to be enrolled: its signature over the collective, the invite and its
 * whole profile, so no one can enrol a key without its holder, or under another name.
 */
final class JoinSignatures {
  private JoinSignatures() {
  }

  static byte[] sign(NodeIdentity joiner, CollectiveId collective, ByteString inviteId,
      MemberProfile profile) {
    return joiner.signing().sign(Labels.COLLECTIVE_JOIN, message(collective, inviteId, profile));
  }

  /** The new member's key, if the profile is valid and signed the join. */
  static Optional<MemberKey> verifiedJoiner(CollectiveId collective, Joined joined) {
    MemberProfile profile = joined.getMember();
    Optional<MemberKey> key = Profiles.verified(profile);
    if (key.isEmpty() || !joined.getKeys().getMember().equals(profile.getSigningKey())
        || !Ed25519.verify(key.get().bytes(), Labels.COLLECTIVE_JOIN,
            message(collective, joined.getInviteId(), profile),
            joined.getJoinerSignature().toByteArray())) {
      return Optional.empty();
    }
    return key;
  }

  private static byte[] message(CollectiveId collective, ByteString inviteId,
      MemberProfile profile) {
    return Labels.bind(Labels.COLLECTIVE_JOIN, collective.bytes(), inviteId.toByteArray(),
        profile.getSigningKey().toByteArray(), profile.getAgreementKey().toByteArray(),
        profile.getBindingSignature().toByteArray(),
        profile.getDisplayName().getBytes(StandardCharsets.UTF_8));
  }
}
