package org.tend.node.collective;

import java.time.Instant;
import java.util.Optional;
import org.tend.node.api.collective.Member;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.collective.MemberStatus;
import org.tend.node.api.collective.Role;
import org.tend.protocol.proto.MemberProfile;

/** One member as the replayed history has them. */
record MemberEntry(MemberProfile profile, Role role, MemberStatus status, long joinedAtMillis,
    Optional<MemberKey> invitedBy) {

  MemberKey key() {
    return MemberKey.of(profile.getSigningKey().toByteArray());
  }

  boolean active() {
    return status == MemberStatus.ACTIVE;
  }

  boolean activeFacilitator() {
    return active() && role == Role.FACILITATOR;
  }

  MemberEntry withRole(Role next) {
    return new MemberEntry(profile, next, status, joinedAtMillis, invitedBy);
  }

  MemberEntry withStatus(MemberStatus next) {
    return new MemberEntry(profile, role, next, joinedAtMillis, invitedBy);
  }

  Member toMember() {
    return new Member(key(), profile.getDisplayName(), role, status,
        Instant.ofEpochMilli(joinedAtMillis), invitedBy);
  }
}
