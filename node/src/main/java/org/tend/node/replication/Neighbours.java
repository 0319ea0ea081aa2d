package org.tend.node.replication;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.transport.PeerLink;

/**
 * The links of each collective and whether each is eager (part of the spanning tree: events
 * are pushed on it) or lazy (only "I have" notices). Not thread-safe: the replicator's lock.
 */
final class Neighbours {
  private final Map<CollectiveId, Map<PeerLink, Boolean>> links = new HashMap<>();

  /** A new link starts eager. */
  void add(PeerLink link) {
    links.computeIfAbsent(link.collective(), c -> new LinkedHashMap<>()).put(link, true);
  }

  void remove(PeerLink link) {
    Map<PeerLink, Boolean> map = links.get(link.collective());
    if (map != null) {
      map.remove(link);
    }
  }

  boolean contains(PeerLink link) {
    return links.getOrDefault(link.collective(), Map.of()).containsKey(link);
  }

  /** Marks a known link eager or lazy; unknown links are left alone. */
  void eager(PeerLink link, boolean eager) {
    Map<PeerLink, Boolean> map = links.get(link.collective());
    if (map != null && map.containsKey(link)) {
      map.put(link, eager);
    }
  }

  /** Every link of {@code collective} with whether it is eager. */
  Map<PeerLink, Boolean> of(CollectiveId collective) {
    return links.getOrDefault(collective, Map.of());
  }

  List<CollectiveId> collectives() {
    return List.copyOf(links.keySet());
  }
}
