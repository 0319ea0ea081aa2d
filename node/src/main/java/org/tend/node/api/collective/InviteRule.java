package org.tend.node.api.collective;

/** Who may create invites, as the genesis document fixes it. */
public enum InviteRule {
  ANY_MEMBER,
  FACILITATORS_ONLY
}
