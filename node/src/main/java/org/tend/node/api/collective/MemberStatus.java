package org.tend.node.api.collective;

/** Where a member stands in the collective's history. */
public enum MemberStatus {
  ACTIVE,
  /** Removed with the facilitators' quorum; their node is refused from then on. */
  REMOVED,
  /** Left of their own accord. */
  LEFT
}
