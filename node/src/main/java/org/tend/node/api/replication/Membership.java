package org.tend.node.api.replication;

import java.util.Optional;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.protocol.crypto.SecretBytes;

/**
 * What a collective's membership history says, as replication needs it: who may author events
 * in which epoch, and the keys this node holds. A snapshot; ask again after a change.
 */
public interface Membership {

  /** Whether an event by an author, in an epoch, at a time, may enter the author's log. */
  enum Admittance {
    ADMITTED,
    /** Not known yet (an author or an epoch this node has not heard of): ask again later. */
    UNKNOWN,
    REFUSED
  }

  CollectiveId collective();

  /** The newest key epoch. */
  int epoch();

  /**
   * Whether {@code author} was a member in {@code epoch} at {@code createdAtMillis}: admitted
   * at or before that epoch, and, if their membership has ended, not writing after it ended.
   */
  Admittance admits(MemberKey author, int epoch, long createdAtMillis);

  boolean isActive(MemberKey member);

  boolean isFacilitator(MemberKey member);

  /** A member's display name, if they are in the history. */
  Optional<String> name(MemberKey member);

  /** A member's X25519 agreement key, to seal keys to them. */
  Optional<byte[]> agreementKey(MemberKey member);

  /** This node's copy of an epoch's content key. The caller closes it. */
  Optional<SecretBytes> contentKey(int epoch);
}
