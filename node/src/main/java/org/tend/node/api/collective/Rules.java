package org.tend.node.api.collective;

import java.util.Objects;

/**
 * A collective's rules, fixed in its genesis document.
 *
 * @param removalQuorum facilitators who must sign before a removal takes effect (1..9)
 */
public record Rules(InviteRule whoMayInvite, int removalQuorum) {
  /** The most facilitators a removal can require. */
  public static final int MAX_QUORUM = 9;

  public Rules {
    Objects.requireNonNull(whoMayInvite, "whoMayInvite");
    if (removalQuorum < 1 || removalQuorum > MAX_QUORUM) {
      throw new IllegalArgumentException(
          "the removal quorum must be 1.." + MAX_QUORUM + ", was " + removalQuorum);
    }
  }

  /** Any member may invite; one facilitator's signature removes. */
  public static Rules defaults() {
    return new Rules(InviteRule.ANY_MEMBER, 1);
  }
}
