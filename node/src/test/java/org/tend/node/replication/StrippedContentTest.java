package org.tend.node.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.proto.SignedEvent;

/**
 * An event that a relaying node passed on without its content: the header joins the log, the
 * position is listed as missing, and the first copy whose content matches the signed header
 * fills it and is read as if it had just arrived.
 */
class StrippedContentTest {
  private final LogFixture f = new LogFixture(41);
  private final NodeIdentity alice = f.member();
  private final MemberKey aliceKey = LogFixture.key(alice);
  private final List<SignedEvent> written;
  private final SignedEvent whole;
  private final SignedEvent stripped;
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

  StrippedContentTest() throws Exception {
    written = f.written(alice, 3);
    whole = written.get(1);
    stripped = whole.toBuilder().clearContent().build();
  }

  @AfterEach
  void stopTimers() {
    timers.shutdownNow();
  }

  @Test
  void aStrippedEventTakesItsContentFromTheFirstCopyThatMatchesItsSignedHeader()
      throws Exception {
    MemoryEventStore store = new MemoryEventStore();
    EventLog log = f.log(store);
    log.ingest(f.membership, List.of(written.get(0), stripped, written.get(2)));
    assertEquals(Map.of(aliceKey, List.of(2L)), log.missingContent(10));

    EventLog.Outcome refill = log.ingest(f.membership, List.of(whole));

    assertEquals(List.of(LogFixture.id(whole)),
        refill.refilled().stream().map(VerifiedEvent::id).toList());
    assertEquals(0, refill.duplicates());
    assertEquals(whole, log.event(aliceKey, 2).orElseThrow());
    assertEquals(Map.of(), log.missingContent(10));
    assertEquals(3, log.head(aliceKey).sequence(), "the log itself does not move");
    assertEquals(List.of(), log.ingest(f.membership, List.of(whole)).refilled(),
        "a second whole copy is a duplicate");
  }

  @Test
  void aCopyWhoseContentDoesNotMatchTheSignedHashFillsNothing() throws Exception {
    EventLog log = f.log();
    log.ingest(f.membership, List.of(written.get(0), stripped));

    EventLog.Outcome forged = log.ingest(f.membership,
        List.of(LogFixture.withContentAltered(whole, 3)));
    SignedEvent otherContent = whole.toBuilder().setContent(written.get(0).getContent()).build();
    EventLog.Outcome swapped = log.ingest(f.membership, List.of(otherContent));

    assertEquals(1, forged.invalid());
    assertEquals(1, swapped.invalid());
    assertEquals(List.of(), forged.refilled());
    assertTrue(log.event(aliceKey, 2).orElseThrow().getContent().isEmpty());
    assertEquals(Map.of(aliceKey, List.of(2L)), log.missingContent(10), "still asked for");
  }

  @Test
  void aStrippedCopyAfterTheWholeOneChangesNothing() throws Exception {
    EventLog log = f.log();
    log.ingest(f.membership, written);

    EventLog.Outcome late = log.ingest(f.membership, List.of(stripped));

    assertEquals(1, late.duplicates());
    assertEquals(whole, log.event(aliceKey, 2).orElseThrow());
    assertEquals(Map.of(), log.missingContent(10));
  }

  @Test
  void aRetractedEventStaysWithoutContentWhateverCopiesCome() throws Exception {
    EventLog log = f.log();
    log.ingest(f.membership, written);
    log.dropContent(aliceKey, 2, LogFixture.id(whole));
    assertEquals(Map.of(), log.missingContent(10), "a retraction explains the missing content");

    EventLog.Outcome again = log.ingest(f.membership, List.of(whole));

    assertEquals(List.of(), again.refilled());
    assertTrue(log.event(aliceKey, 2).orElseThrow().getContent().isEmpty());
  }

  @Test
  void aWholeCopyInTheSameBatchAsTheStrippedOneIsTheOneKeptAndRead() throws Exception {
    EventLog log = f.log();
    EventLog.Outcome both = log.ingest(f.membership, List.of(written.get(0), stripped, whole));

    assertEquals(List.of(written.get(0), whole),
        both.added().stream().map(VerifiedEvent::signed).toList());
    assertEquals(whole, log.event(aliceKey, 2).orElseThrow());
    assertEquals(Map.of(), log.missingContent(10));
  }

  @Test
  void aWholeCopyReplacesAStrippedOneWaitingForItsPredecessor() throws Exception {
    EventLog log = f.log();
    log.ingest(f.membership, List.of(stripped));
    log.ingest(f.membership, List.of(whole));
    log.ingest(f.membership, List.of(written.get(0)));

    assertEquals(whole, log.event(aliceKey, 2).orElseThrow());
    assertEquals(Map.of(), log.missingContent(10));
  }

  @Test
  void aRestartedNodeStillAsksForContentAndTheReadersSeeItWhenItComes() throws Exception {
    MemoryEventStore store = new MemoryEventStore();
    replicator(store).ingest(f.collective, List.of(written.get(0), stripped));

    Replicator restarted = replicator(store);
    List<VerifiedEvent> read = new ArrayList<>();
    restarted.addReader((CollectiveId c, List<VerifiedEvent> events) -> read.addAll(events));
    restarted.replay(f.collective);
    read.clear();
    restarted.ingest(f.collective, List.of(whole));

    assertEquals(List.of(whole), read.stream().map(VerifiedEvent::signed).toList());
    assertTrue(read.get(0).hasContent());
    assertEquals(Optional.of(whole), store.event(f.collective, aliceKey, 2));
  }

  private Replicator replicator(EventStore store) {
    return Replicator.builder(store, c -> Optional.of(f.membership), f.member().signing())
        .clock(f.clock).randomness(f.randomness).executor(Runnable::run).timers(timers).build();
  }
}
