package org.tend.node.collective;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.crypto.Ed25519;
import org.tend.protocol.crypto.Hkdf;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.SecretBytes;
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

  /**
   * Proof that a join request's sender holds the join key of the invite it names (label
   * {@value Labels#INVITE_PROOF}): whichever invite's key opened the link, only the named
   * invite's own key makes this.
   */
  static byte[] inviteProof(SecretBytes joinKey, CollectiveId collective, ByteString inviteId,
      ByteString joiner) {
    try (SecretBytes proof = Hkdf.deriveKey(joinKey, Labels.INVITE_PROOF,
        Labels.bind(Labels.INVITE_PROOF, collective.bytes(), inviteId.toByteArray(),
            joiner.toByteArray()), PROOF_LENGTH)) {
      return proof.exposeSecret();
    }
  }

  static final int PROOF_LENGTH = 32;

  /** Whether {@code proof} is {@link #inviteProof} for the invite with {@code joinKey}. */
  static boolean provesInvite(byte[] joinKey, CollectiveId collective, ByteString inviteId,
      ByteString joiner, ByteString proof) {
    if (proof.size() != PROOF_LENGTH) {
      return false;
    }
    try (SecretBytes key = SecretBytes.copyOf(joinKey);
        SecretBytes expected = SecretBytes.copyOf(inviteProof(key, collective, inviteId, joiner));
        SecretBytes given = SecretBytes.copyOf(proof.toByteArray())) {
      return expected.constantTimeEquals(given);
    }
  }

  private static byte[] message(CollectiveId collective, ByteString inviteId,
      MemberProfile profile) {
    return Labels.bind(Labels.COLLECTIVE_JOIN, collective.bytes(), inviteId.toByteArray(),
        profile.getSigningKey().toByteArray(), profile.getAgreementKey().toByteArray(),
        profile.getBindingSignature().toByteArray(),
        profile.getDisplayName().getBytes(StandardCharsets.UTF_8));
  }
}
