package org.tend.node.collective;

import java.time.Instant;
import java.util.Optional;
import org.tend.node.api.collective.Member;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.collective.MemberStatus;
import org.tend.node.api.collective.Role;
import org.tend.protocol.proto.MemberProfile;

/**
 * One member as the replayed history has them.
 *
 * @param firstEpoch the key epoch in which they were admitted
 * @param lastEpoch the epoch in which their membership ended, or -1 while it lasts
 * @param endedAtMillis when it ended (the time of the document that ended it), or 0
 */
record MemberEntry(MemberProfile profile, Role role, MemberStatus status, long joinedAtMillis,
    Optional<MemberKey> invitedBy, int firstEpoch, int lastEpoch, long endedAtMillis) {

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
    return new MemberEntry(profile, next, status, joinedAtMillis, invitedBy, firstEpoch,
        lastEpoch, endedAtMillis);
  }

  /** The membership ended ({@code next} is REMOVED or LEFT) in {@code epoch}, at {@code at}. */
  MemberEntry ended(MemberStatus next, int epoch, long at) {
    return new MemberEntry(profile, role, next, joinedAtMillis, invitedBy, firstEpoch, epoch, at);
  }

  Member toMember() {
    return new Member(key(), profile.getDisplayName(), role, status,
        Instant.ofEpochMilli(joinedAtMillis), invitedBy);
  }
}
