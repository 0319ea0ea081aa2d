package org.tend.node.api.collective;

import java.util.Objects;

/**
 * Where a role change stands after this facilitator signed it: like a removal, it takes effect
 * once the collective's quorum of facilitators has signed.
 *
 * @param member the member as the roster shows them now
 * @param approvals facilitators who have signed so far
 * @param needed the collective's quorum
 */
public record GrantOutcome(Member member, int approvals, int needed) {
  public GrantOutcome {
    Objects.requireNonNull(member, "member");
  }

  public boolean inEffect() {
    return approvals >= needed;
  }
}
