package org.tend.node.api.collective;

import java.util.Objects;

/**
 * Where a removal stands after this facilitator signed it.
 *
 * @param approvals facilitators who have signed so far
 * @param needed the collective's quorum
 */
public record RemovalOutcome(Member member, int approvals, int needed) {
  public RemovalOutcome {
    Objects.requireNonNull(member, "member");
  }

  public boolean inEffect() {
    return approvals >= needed;
  }
}
