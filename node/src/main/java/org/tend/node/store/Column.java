package org.tend.node.store;

/** The store's column families. Keys in every column are random ids; values are sealed. */
public enum Column {
  /**
   * Per entry: its index part (kind, time, links, content key) sealed under the index key, and
   * its body (text and details) sealed under the entry's own content key.
   */
  ENTRIES("entries"),
  REPAIRS("repairs"),
  RESOURCES("resources"),
  /** Signed membership documents of every collective this node belongs to. */
  COLLECTIVE_DOCUMENTS("collective-documents"),
  /** Which collectives this node belongs to, each anchored to its genesis document. */
  MEMBERSHIPS("memberships"),
  /** Invites this node issued (never their secrets). */
  INVITES("invites"),
  /** Where other members' nodes were reached. */
  ADDRESSES("addresses"),
  /** Signed events of members' logs, keyed by a keyed hash of collective, author and sequence. */
  EVENTS("events"),
  /** The newest event of each log this node holds. */
  EVENT_HEADS("event-heads"),
  /** Pairs of events that fork a member's log. */
  EVENT_FORKS("event-forks"),
  /**
   * One ledger per guarded column (event heads, invites): the digests of what it holds now, so
   * an older value put back is refused.
   */
  LEDGERS("ledgers");

  private final String familyName;

  Column(String familyName) {
    this.familyName = familyName;
  }

  public String familyName() {
    return familyName;
  }
}
