package org.tend.node.api.transport;

import java.util.List;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;

/**
 * Who may connect: the network keys the node accepts and the members of each collective. The
 * transport asks on every connection, from its I/O threads, so implementations must be
 * thread-safe and quick; a change (a removal, a rotated key) applies to the next question.
 */
public interface Admission {

  /** The current network key of each collective this node belongs to. */
  List<NetworkKey> networkKeys();

  /** Whether {@code member} is, right now, a member of {@code collective}. */
  boolean isMember(CollectiveId collective, MemberKey member);
}
