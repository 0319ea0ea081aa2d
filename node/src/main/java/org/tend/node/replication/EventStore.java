package org.tend.node.replication;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.home.TendException;
import org.tend.protocol.proto.ForkEvidence;
import org.tend.protocol.proto.LogHead;
import org.tend.protocol.proto.SignedEvent;

/**
 * Where a node keeps members' logs. Implementations: sealed in the member's RocksDB store
 * ({@link SealedEventStore}), or in memory for the simulator ({@link MemoryEventStore}).
 * Callers serialise access per collective.
 */
public interface EventStore {

  /** Every log head of {@code collective}. */
  Map<MemberKey, LogHead> heads(CollectiveId collective) throws TendException;

  Optional<SignedEvent> event(CollectiveId collective, MemberKey author, long sequence)
      throws TendException;

  /** Applies every change at once; durable when this returns. */
  void write(CollectiveId collective, Changes changes) throws TendException;

  List<ForkEvidence> forks(CollectiveId collective) throws TendException;

  /**
   * One atomic write: events to store (replacing any at the same position, as when retracted
   * content is dropped, or deleting it, as when a resolution discards a branch), heads to set,
   * fork evidence to add.
   */
  record Changes(List<Stored> events, List<LogHead> heads, List<ForkEvidence> forks) {
    boolean isEmpty() {
      return events.isEmpty() && heads.isEmpty() && forks.isEmpty();
    }
  }

  /** An event at its position in a log; a null event deletes what is there. */
  record Stored(MemberKey author, long sequence, SignedEvent event) {
  }
}
