package org.tend.node.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.replication.ForkReport;
import org.tend.node.api.replication.ReplicationException;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.proto.SignedEvent;

/** A facilitator resolves a forked log; every node then discards both branches from the fork. */
class ForkResolutionTest {
  private final LogFixture f = new LogFixture(23);
  private final NodeIdentity alice = f.member();
  private final MemberKey aliceKey = LogFixture.key(alice);

  @Test
  void aResolutionDiscardsBothBranchesFromTheForkAndTakesUpOnlyWhatIsWrittenAfter()
      throws Exception {
    EventChain chain = f.chain(alice);
    SignedEvent first = chain.next();
    EventChain copy = chain.branch();
    EventChain afterwards = chain.branch();
    SignedEvent second = chain.next();
    SignedEvent rival = copy.next();
    MemoryEventStore store = new MemoryEventStore();
    EventLog log = f.log(store);
    log.ingest(f.membership, List.of(first, second, rival));
    assertTrue(log.head(aliceKey).forked());

    long resolvedAt = f.clock.advance(Duration.ofMinutes(5)).toEpochMilli();
    log.resolve(aliceKey, 2, resolvedAt);

    EventLog.Head head = log.head(aliceKey);
    assertFalse(head.forked());
    assertEquals(1, head.sequence(), "the log stands at the event before the fork");
    assertEquals(LogFixture.id(first), head.id());
    assertTrue(log.event(aliceKey, 2).isEmpty());
    assertEquals(2, log.ingest(f.membership, List.of(second, rival)).refused(),
        "neither branch comes back");
    SignedEvent tooEarly = afterwards.branch().next(resolvedAt);
    SignedEvent after = afterwards.next(resolvedAt + 1);
    assertEquals(1, log.ingest(f.membership, List.of(tooEarly)).refused());
    assertEquals(List.of(LogFixture.id(after)), log.ingest(f.membership, List.of(after)).added()
        .stream().map(VerifiedEvent::id).toList());

    EventLog reopened = f.log(store);
    assertEquals(2, reopened.head(aliceKey).sequence());
    assertEquals(1, reopened.ingest(f.membership, List.of(rival)).refused(),
        "the rule outlives a restart");
    log.resolve(aliceKey, 2, resolvedAt); // the same resolution again changes nothing
    assertEquals(2, log.head(aliceKey).sequence());
  }

  @Test
  void onlyAFacilitatorsResolutionCountsAndOnlyAFacilitatorMayMakeOne() throws Exception {
    NodeIdentity fran = f.member();
    f.membership.facilitator(fran);
    NodeIdentity bob = f.member();
    var timers = Executors.newSingleThreadScheduledExecutor();
    try {
      Replicator node = Replicator.builder(new MemoryEventStore(),
              c -> java.util.Optional.of(f.membership), bob.signing())
          .clock(f.clock).randomness(f.randomness).executor(Runnable::run).timers(timers)
          .build();
      ForkDesk desk = new ForkDesk(node);
      EventChain chain = f.chain(alice);
      SignedEvent first = chain.next();
      SignedEvent rival = chain.branch().next();
      SignedEvent second = chain.next();
      node.ingest(f.collective, List.of(first, second, rival));
      List<ForkReport> forks = desk.list(f.collective);
      assertEquals(1, forks.size());
      assertEquals(aliceKey, forks.get(0).author());

      ReplicationException refused = assertThrows(ReplicationException.class,
          () -> desk.resolve(f.collective, aliceKey.fingerprint().value().substring(0, 4)));
      assertEquals("Only a facilitator can resolve a fork.", refused.getMessage());

      Replicator franNode = Replicator.builder(new MemoryEventStore(),
              c -> java.util.Optional.of(f.membership), fran.signing())
          .clock(f.clock).randomness(f.randomness).executor(Runnable::run).timers(timers)
          .build();
      ForkDesk franDesk = new ForkDesk(franNode);
      franNode.ingest(f.collective, List.of(first, second, rival));
      f.clock.advance(Duration.ofMinutes(1));
      assertEquals(aliceKey, franDesk.resolve(f.collective,
          aliceKey.fingerprint().value().substring(0, 4)).author());
      assertEquals(List.of(), franDesk.list(f.collective), "resolved on the facilitator's node");
      List<SignedEvent> resolution = franNode.events(f.collective).stream()
          .filter(e -> e.author().equals(LogFixture.key(fran))).map(VerifiedEvent::signed)
          .toList();

      node.ingest(f.collective, resolution);
      assertEquals(List.of(), desk.list(f.collective), "and on every node that takes it in");
      assertTrue(node.holds(f.collective, aliceKey, 1));
      assertFalse(node.holds(f.collective, aliceKey, 2));
    } finally {
      timers.shutdownNow();
    }
  }
}
