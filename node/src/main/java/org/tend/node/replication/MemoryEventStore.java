package org.tend.node.replication;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.protocol.proto.ForkEvidence;
import org.tend.protocol.proto.LogHead;
import org.tend.protocol.proto.SignedEvent;

/** Logs in memory only: for the simulator, where a node's disk is not what is measured. */
public final class MemoryEventStore implements EventStore {
  private record Position(CollectiveId collective, MemberKey author, long sequence) {
  }

  private final Map<Position, SignedEvent> events = new HashMap<>();
  private final Map<CollectiveId, Map<MemberKey, LogHead>> heads = new HashMap<>();
  private final Map<CollectiveId, List<ForkEvidence>> forks = new HashMap<>();

  @Override
  public synchronized Map<MemberKey, LogHead> heads(CollectiveId collective) {
    return Map.copyOf(heads.getOrDefault(collective, Map.of()));
  }

  @Override
  public synchronized Optional<SignedEvent> event(CollectiveId collective, MemberKey author,
      long sequence) {
    return Optional.ofNullable(events.get(new Position(collective, author, sequence)));
  }

  @Override
  public synchronized void write(CollectiveId collective, Changes changes) {
    for (Stored e : changes.events()) {
      Position at = new Position(collective, e.author(), e.sequence());
      if (e.event() == null) {
        events.remove(at);
      } else {
        events.put(at, e.event());
      }
    }
    for (LogHead head : changes.heads()) {
      heads.computeIfAbsent(collective, c -> new HashMap<>())
          .put(MemberKey.of(head.getAuthor().toByteArray()), head);
    }
    forks.computeIfAbsent(collective, c -> new ArrayList<>()).addAll(changes.forks());
  }

  @Override
  public synchronized List<ForkEvidence> forks(CollectiveId collective) {
    return List.copyOf(forks.getOrDefault(collective, List.of()));
  }
}
