package org.tend.node.api.collective;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.tend.node.api.home.Fingerprint;

/**
 * One person in a collective's roster, as its signed history says.
 *
 * @param invitedBy who admitted them; empty for the founder
 */
public record Member(MemberKey key, String displayName, Role role, MemberStatus status,
    Instant joinedAt, Optional<MemberKey> invitedBy) {

  public Member {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(joinedAt, "joinedAt");
    Objects.requireNonNull(invitedBy, "invitedBy");
  }

  public Fingerprint fingerprint() {
    return key.fingerprint();
  }

  public boolean isActive() {
    return status == MemberStatus.ACTIVE;
  }
}
