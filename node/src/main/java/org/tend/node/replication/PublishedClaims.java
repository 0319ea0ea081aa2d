package org.tend.node.replication;

import java.util.HashMap;
import java.util.Map;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.transport.PeerLink;

/**
 * How far each connected neighbour's sequence vector shows this node's own log in each
 * collective. A home restored from an older copy holds an older head than its member already
 * published; until the events in between have come back, signing the next event would reuse a
 * sequence and fork the member's own log. A claim lasts while its link does: a neighbour that
 * claims what it then does not send holds this node's sharing only while it stays connected.
 * Not thread-safe: the replicator's lock.
 */
final class PublishedClaims {
  private final Map<PeerLink, Long> byLink = new HashMap<>();

  /** {@code link}'s neighbour holds this node's own log up to {@code sequence}: its latest word. */
  void claim(PeerLink link, long sequence) {
    byLink.put(link, sequence);
  }

  void gone(PeerLink link) {
    byLink.remove(link);
  }

  /** The furthest any connected neighbour holds this node's own log in {@code collective}. */
  long furthest(CollectiveId collective) {
    long furthest = 0;
    for (Map.Entry<PeerLink, Long> e : byLink.entrySet()) {
      if (e.getKey().collective().equals(collective) && e.getKey().isOpen()) {
        furthest = Math.max(furthest, e.getValue());
      }
    }
    return furthest;
  }
}
