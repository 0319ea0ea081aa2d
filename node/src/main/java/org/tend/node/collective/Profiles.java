package org.tend.node.collective;

import com.google.protobuf.ByteString;
import java.util.Optional;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.crypto.Ed25519;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.X25519;
import org.tend.protocol.proto.MemberProfile;

/** A member's profile: their identity keys, bound together, and the name they go by. */
final class Profiles {
  private Profiles() {
  }

  static MemberProfile of(NodeIdentity identity, String displayName) {
    return MemberProfile.newBuilder()
        .setSigningKey(ByteString.copyFrom(identity.signing().publicKey()))
        .setAgreementKey(ByteString.copyFrom(identity.agreement().publicKey()))
        .setBindingSignature(ByteString.copyFrom(identity.bindingSignature()))
        .setDisplayName(MembershipLimits.checkName(displayName, "A display name"))
        .build();
  }

  /** The profile's member key, if its keys are well-formed and bound and its name is valid. */
  static Optional<MemberKey> verified(MemberProfile profile) {
    byte[] signing = profile.getSigningKey().toByteArray();
    byte[] agreement = profile.getAgreementKey().toByteArray();
    if (signing.length != MemberKey.LENGTH || agreement.length != X25519.KEY_LENGTH
        || !Ed25519.verify(signing, Labels.IDENTITY_BINDING, agreement,
            profile.getBindingSignature().toByteArray())) {
      return Optional.empty();
    }
    try {
      MembershipLimits.checkName(profile.getDisplayName(), "A display name");
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.of(MemberKey.of(signing));
  }
}
