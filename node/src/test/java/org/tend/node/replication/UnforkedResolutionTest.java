package org.tend.node.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.proto.EventContent;
import org.tend.protocol.proto.ForkResolution;
import org.tend.protocol.proto.SignedEvent;

/**
 * A facilitator's node, modified to skip its own checks, publishes resolutions that no fork
 * justifies; every other node must ignore them. A resolution with the proof of a real fork at
 * the point it names still resolves it everywhere.
 */
class UnforkedResolutionTest {
  private final LogFixture f = new LogFixture(29);
  private final NodeIdentity ana = f.member();
  private final NodeIdentity bo = f.member();
  private final NodeIdentity cy = f.member();
  private final MemberKey boKey = LogFixture.key(bo);
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

  UnforkedResolutionTest() {
    f.membership.facilitator(ana);
  }

  @AfterEach
  void stopTimers() {
    timers.shutdownNow();
  }

  @Test
  void aFacilitatorCannotEraseALogThatNeverForked() throws Exception {
    Node anaNode = node(ana);
    Node boNode = node(bo);
    Node cyNode = node(cy);
    boNode.replicator.publish(f.collective, LogFixture.notice("notice one"), List.of());
    f.clock.advance(Duration.ofSeconds(1));
    boNode.replicator.publish(f.collective, LogFixture.notice("notice two"), List.of());
    List<SignedEvent> bos = own(boNode, boKey);
    anaNode.replicator.ingest(f.collective, bos);
    cyNode.replicator.ingest(f.collective, bos);
    assertEquals(List.of("notice one", "notice two"), texts(cyNode));

    f.clock.advance(Duration.ofMinutes(1));
    VerifiedEvent erase = anaNode.replicator.publish(f.collective, EventContent.newBuilder()
        .setForkResolution(ForkResolution.newBuilder()
            .setAuthor(ByteString.copyFrom(boKey.bytes())).setFromSequence(1)).build(),
        List.of());
    cyNode.replicator.ingest(f.collective, List.of(erase.signed()));
    boNode.replicator.ingest(f.collective, own(anaNode, LogFixture.key(ana)));

    assertEquals(List.of("notice one", "notice two"), texts(cyNode));
    assertEquals(List.of("notice one", "notice two"), texts(boNode));
    assertTrue(cyNode.replicator.holds(f.collective, boKey, 2));
  }

  @Test
  void aResolutionWhoseProofIsAtAnotherSequenceIsRefused() throws Exception {
    EventChain chain = f.chain(bo);
    SignedEvent first = chain.next();
    SignedEvent second = chain.next();
    SignedEvent third = chain.next();
    SignedEvent rival = chain.branch().next(); // Bo signs two events at 4
    SignedEvent fourth = chain.next();
    Node cyNode = node(cy);
    cyNode.replicator.ingest(f.collective, List.of(first, second, third));
    Node anaNode = node(ana);
    f.clock.advance(Duration.ofMinutes(1));

    anaNode.replicator.publish(f.collective, resolution(1, fourth, rival), List.of());
    cyNode.replicator.ingest(f.collective, own(anaNode, LogFixture.key(ana)));

    assertTrue(cyNode.replicator.holds(f.collective, boKey, 3), "nothing was discarded");
    assertTrue(ForkDesk.provesFork(f.collective, ForkResolution.newBuilder()
        .setAuthor(ByteString.copyFrom(boKey.bytes())).setFromSequence(4)
        .setFirst(fourth).setSecond(rival).build(), f.keys), "the same proof at its own place");
    assertFalse(ForkDesk.provesFork(f.collective, ForkResolution.newBuilder()
        .setAuthor(ByteString.copyFrom(boKey.bytes())).setFromSequence(4)
        .setFirst(fourth).setSecond(fourth).build(), f.keys), "one event twice proves nothing");
    assertFalse(ForkDesk.provesFork(f.collective, ForkResolution.newBuilder()
        .setAuthor(ByteString.copyFrom(LogFixture.key(cy).bytes())).setFromSequence(4)
        .setFirst(fourth).setSecond(rival).build(), f.keys), "Bo's fork is not Cy's");
  }

  @Test
  void aRealForkIsResolvedOnANodeThatHeldOnlyOneBranch() throws Exception {
    EventChain chain = f.chain(bo);
    SignedEvent first = chain.next();
    EventChain copy = chain.branch();
    SignedEvent second = chain.next();
    SignedEvent rival = copy.next();
    Node anaNode = node(ana);
    anaNode.replicator.ingest(f.collective, List.of(first, second, rival));
    Node cyNode = node(cy);
    cyNode.replicator.ingest(f.collective, List.of(first, second));
    assertEquals(List.of(), cyNode.desk.list(f.collective), "Cy has not seen the fork");

    f.clock.advance(Duration.ofMinutes(1));
    anaNode.desk.resolve(f.collective, boKey.fingerprint().value().substring(0, 4));
    cyNode.replicator.ingest(f.collective, own(anaNode, LogFixture.key(ana)));

    assertTrue(cyNode.replicator.holds(f.collective, boKey, 1));
    assertFalse(cyNode.replicator.holds(f.collective, boKey, 2), "both branches go from 2");
  }

  @Test
  void aForkProvedByAnEventSignedOnTopOfARivalIsResolvable() throws Exception {
    EventChain chain = f.chain(bo);
    SignedEvent first = chain.next();
    EventChain copy = chain.branch();
    SignedEvent second = chain.next();
    copy.next(); // a rival at 2 that this node never sees
    SignedEvent onRival = copy.next();
    Node anaNode = node(ana);
    anaNode.replicator.ingest(f.collective, List.of(first, second, onRival));
    assertEquals(2, anaNode.desk.list(f.collective).get(0).sequence());

    Node cyNode = node(cy);
    cyNode.replicator.ingest(f.collective, List.of(first, second));
    f.clock.advance(Duration.ofMinutes(1));
    anaNode.desk.resolve(f.collective, boKey.fingerprint().value().substring(0, 4));
    cyNode.replicator.ingest(f.collective, own(anaNode, LogFixture.key(ana)));

    assertFalse(cyNode.replicator.holds(f.collective, boKey, 2));
    assertTrue(cyNode.replicator.holds(f.collective, boKey, 1));
  }

  @Test
  void aResolutionBySomeoneNotAFacilitatorIsIgnoredEvenWithProof() throws Exception {
    EventChain chain = f.chain(bo);
    SignedEvent first = chain.next();
    SignedEvent second = chain.next();
    SignedEvent rival = chain.branch().next();
    Node cyNode = node(cy);
    cyNode.replicator.ingest(f.collective, List.of(first, second));
    NodeIdentity dee = f.member();
    Node deeNode = node(dee);
    f.clock.advance(Duration.ofMinutes(1));
    deeNode.replicator.publish(f.collective, resolution(2, second, rival), List.of());

    cyNode.replicator.ingest(f.collective, own(deeNode, LogFixture.key(dee)));

    assertTrue(cyNode.replicator.holds(f.collective, boKey, 2));
  }

  private EventContent resolution(long from, SignedEvent first, SignedEvent second) {
    return EventContent.newBuilder().setForkResolution(ForkResolution.newBuilder()
        .setAuthor(ByteString.copyFrom(boKey.bytes())).setFromSequence(from)
        .setFirst(first.toBuilder().clearContent()).setSecond(second.toBuilder().clearContent()))
        .build();
  }

  private record Node(Replicator replicator, ForkDesk desk, BoardService board) {
  }

  private Node node(NodeIdentity who) {
    Replicator r = Replicator.builder(new MemoryEventStore(), c -> Optional.of(f.membership),
            who.signing())
        .clock(f.clock).randomness(f.randomness).executor(Runnable::run).timers(timers).build();
    return new Node(r, new ForkDesk(r), new BoardService(r, r.memberships()));
  }

  private List<SignedEvent> own(Node node, MemberKey author) throws Exception {
    return node.replicator.events(f.collective).stream().filter(e -> e.author().equals(author))
        .sorted(java.util.Comparator.comparingLong(VerifiedEvent::sequence))
        .map(VerifiedEvent::signed).toList();
  }

  private List<String> texts(Node node) throws Exception {
    return node.board.list(f.collective).stream()
        .map(org.tend.node.api.replication.Notice::text).toList();
  }
}
