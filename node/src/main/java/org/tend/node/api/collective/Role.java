package org.tend.node.api.collective;

/** What a member may do beyond taking part. */
public enum Role {
  /** Takes part; may invite when the collective's rules let any member invite. */
  MEMBER,
  /** Also grants roles, invites, and co-signs removals. Sees no one's journal. */
  FACILITATOR
}
