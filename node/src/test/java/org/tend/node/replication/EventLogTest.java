package org.tend.node.replication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.home.TendException;
import org.tend.node.api.replication.EventId;
import org.tend.node.api.replication.EventLimits;
import org.tend.node.api.replication.ForkReport;
import org.tend.node.api.replication.ReplicationException;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.proto.Audience;
import org.tend.protocol.proto.EventHeader;
import org.tend.protocol.proto.ForkEvidence;
import org.tend.protocol.proto.LogHead;
import org.tend.protocol.proto.Recipients;
import org.tend.protocol.proto.SignedEvent;

/**
 * What may join a member's log, and what a log does with everything else: forged, refused,
 * early, late, forked and oversized events.
 */
class EventLogTest {
  private static final long MINUTE = 60_000;

  private final LogFixture f = new LogFixture(17);
  private final NodeIdentity alice = f.member();
  private final MemberKey aliceKey = LogFixture.key(alice);
  private final long now = f.clock.millis();

  private EventLog.Outcome ingest(EventLog log, SignedEvent... events) throws TendException {
    return log.ingest(f.membership, List.of(events));
  }

  private EventLog.Outcome ingest(EventLog log, List<SignedEvent> events) throws TendException {
    return log.ingest(f.membership, events);
  }

  private static List<Long> sequences(EventLog.Outcome outcome) {
    return outcome.added().stream().map(VerifiedEvent::sequence).toList();
  }

  private static void assertNothingTaken(EventLog.Outcome outcome) {
    assertEquals(List.of(), outcome.added());
    assertEquals(List.of(), outcome.forks());
  }

  // A valid log, and taking it in twice

  @Test
  void takesInAValidLogInOrder() throws Exception {
    List<SignedEvent> events = f.written(alice, 3);
    EventLog log = f.log();

    EventLog.Outcome outcome = ingest(log, events);

    assertEquals(List.of(1L, 2L, 3L), sequences(outcome));
    assertEquals(List.of(), outcome.forks());
    assertEquals(List.of(), outcome.gaps());
    assertEquals(0, outcome.invalid() + outcome.refused() + outcome.duplicates());
    EventLog.Head head = log.head(aliceKey);
    assertEquals(3, head.sequence());
    assertEquals(LogFixture.id(events.get(2)), head.id());
    assertFalse(head.forked());
    assertEquals(3, log.eventCount());
    for (int i = 0; i < 3; i++) {
      assertEquals(Optional.of(events.get(i)), log.event(aliceKey, i + 1));
    }
    assertEquals(Optional.empty(), log.event(aliceKey, 4));
  }

  @Test
  void takingTheSameBatchInAgainCountsDuplicatesAndWritesNothing() throws Exception {
    List<SignedEvent> events = f.written(alice, 3);
    CountingStore store = new CountingStore();
    EventLog log = f.log(store);
    ingest(log, events);
    int writes = store.writes;
    Map<MemberKey, LogHead> heads = store.heads(f.collective);

    EventLog.Outcome again = ingest(log, events);

    assertNothingTaken(again);
    assertEquals(3, again.duplicates());
    assertEquals(0, again.invalid() + again.refused());
    assertEquals(writes, store.writes);
    assertEquals(heads, store.heads(f.collective));
    assertEquals(3, log.eventCount());
  }

  @Test
  void anEventTwiceInOneBatchIsTakenOnce() throws Exception {
    SignedEvent event = f.written(alice, 1).get(0);
    EventLog.Outcome outcome = ingest(f.log(), event, event);
    assertEquals(List.of(1L), sequences(outcome));
    assertEquals(1, outcome.duplicates());
  }

  @Test
  void aCopyOfAHeldEventIsADuplicateWithoutItsSignatureCheckedAgain() throws Exception {
    List<SignedEvent> events = f.written(alice, 3);
    CountingStore store = new CountingStore();
    EventLog log = f.log(store);
    ingest(log, events);
    int writes = store.writes;
    List<SignedEvent> badlySigned = new ArrayList<>();
    for (SignedEvent e : events) { // the head and two older ones: one path each
      byte[] signature = e.getSignature().toByteArray();
      signature[0] ^= 1;
      badlySigned.add(e.toBuilder().setSignature(ByteString.copyFrom(signature)).build());
    }

    EventLog.Outcome again = ingest(log, badlySigned);

    assertNothingTaken(again);
    assertEquals(3, again.duplicates(), "the held copies' signatures were checked already");
    assertEquals(0, again.invalid() + again.refused());
    assertEquals(writes, store.writes);
  }

  @Test
  void aCopyThatCouldFillMissingContentIsCheckedInFull() throws Exception {
    SignedEvent whole = f.written(alice, 1).get(0);
    EventLog log = f.log();
    ingest(log, whole.toBuilder().clearContent().build());
    byte[] signature = whole.getSignature().toByteArray();
    signature[0] ^= 1;

    EventLog.Outcome forged = ingest(log,
        whole.toBuilder().setSignature(ByteString.copyFrom(signature)).build());

    assertEquals(1, forged.invalid());
    assertEquals(0, forged.duplicates());
    assertTrue(log.isMissing(aliceKey, 1), "still missing: nothing checked filled it");
    assertEquals(List.of(1L), ingest(log, whole).refilled().stream()
        .map(VerifiedEvent::sequence).toList());
  }

  @Test
  void aCopyWithAnotherHeaderAtAHeldPlaceIsCheckedInFull() throws Exception {
    SignedEvent held = f.written(alice, 1).get(0);
    EventLog log = f.log();
    ingest(log, held);
    EventHeader rival = EventHeader.parseFrom(held.getHeader()).toBuilder()
        .setCreatedAtMillis(now + 1).build();
    SignedEvent unsigned = held.toBuilder().setHeader(rival.toByteString()).build();

    EventLog.Outcome outcome = ingest(log, unsigned);

    assertEquals(1, outcome.invalid(), "a rival header is verified, not waved through");
    assertEquals(0, outcome.duplicates());
  }

  // Forged and damaged events

  @Test
  void countsAnEventWithAnAlteredSignatureOrAnotherSignerAsInvalid() throws Exception {
    SignedEvent genuine = f.written(alice, 1).get(0);
    byte[] signature = genuine.getSignature().toByteArray();
    signature[0] ^= 1;
    SignedEvent altered = genuine.toBuilder().setSignature(ByteString.copyFrom(signature)).build();
    NodeIdentity mallory = f.member();
    SignedEvent signedByMallory = genuine.toBuilder().setSignature(ByteString.copyFrom(
        mallory.signing().sign(Labels.EVENT_SIGNATURE, genuine.getHeader().toByteArray())))
        .build();
    EventLog log = f.log();

    EventLog.Outcome outcome = ingest(log, altered, signedByMallory);

    assertNothingTaken(outcome);
    assertEquals(2, outcome.invalid());
    assertEquals(0, log.head(aliceKey).sequence());
    assertEquals(List.of(1L), sequences(ingest(log, genuine)), "forgeries do not block it");
  }

  @Test
  void countsAnEventWithAlteredContentAsInvalid() throws Exception {
    SignedEvent genuine = f.written(alice, 1).get(0);
    SignedEvent truncated = genuine.toBuilder()
        .setContent(genuine.getContent().substring(0, genuine.getContent().size() - 1)).build();
    EventLog log = f.log();

    EventLog.Outcome outcome = ingest(log, LogFixture.withContentAltered(genuine, 20), truncated);

    assertNothingTaken(outcome);
    assertEquals(2, outcome.invalid());
  }

  @Test
  void takesAnEventWhoseContentWasDropped() throws Exception {
    List<SignedEvent> events = f.written(alice, 2);
    SignedEvent headerOnly = events.get(0).toBuilder().clearContent().build();
    EventLog log = f.log();

    EventLog.Outcome outcome = ingest(log, headerOnly, events.get(1));

    assertEquals(List.of(1L, 2L), sequences(outcome));
    assertTrue(log.event(aliceKey, 1).orElseThrow().getContent().isEmpty());
    EventLog.Outcome withContent = ingest(log, events.get(0));
    assertEquals(0, withContent.duplicates(), "no retraction explains the missing content");
    assertEquals(1, withContent.refilled().size(), "the same signed header: its content fits");
    assertEquals(List.of(), withContent.forks());
    assertEquals(events.get(0), log.event(aliceKey, 1).orElseThrow());
  }

  @Test
  void everyAlteredBitOfAnEventIsInvalidOrLeavesItsSignedHeaderAsItWas() throws Exception {
    SignedEvent genuine = f.written(alice, 1).get(0);
    byte[] wire = genuine.toByteArray();
    int verified = 0;
    for (int i = 0; i < wire.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] altered = wire.clone();
        altered[i] ^= (byte) (1 << bit);
        SignedEvent parsed;
        try {
          parsed = SignedEvent.parseFrom(altered);
        } catch (InvalidProtocolBufferException e) {
          continue;
        }
        VerifiedEvent event;
        try {
          event = VerifiedEvent.verify(parsed, f.keys);
        } catch (EventException refused) {
          continue;
        }
        verified++;
        // Only a change that hides the content (its field made unknown) leaves a valid event.
        assertEquals(LogFixture.id(genuine), event.id(), "byte " + i + " bit " + bit);
        assertTrue(!event.hasContent()
            || event.signed().getContent().equals(genuine.getContent()), "byte " + i);
      }
    }
    assertTrue(verified < 8, "only the content's tag may change, was " + verified);
  }

  static Stream<Arguments> malformedHeaders() {
    byte[] zeros = new byte[32];
    return Stream.<Map.Entry<String, UnaryOperator<EventHeader.Builder>>>of(
        Map.entry("collective id of 15 bytes",
            h -> h.setCollectiveId(h.getCollectiveId().substring(1))),
        Map.entry("author key of 31 bytes", h -> h.setAuthor(h.getAuthor().substring(1))),
        Map.entry("author key not a point of full order",
            h -> h.setAuthor(ByteString.copyFrom(zeros))),
        Map.entry("sequence 0", h -> h.setSequence(0)),
        Map.entry("sequence beyond 2^63", h -> h.setSequence(-5)),
        Map.entry("first event naming a previous",
            h -> h.setPrevious(ByteString.copyFrom(zeros))),
        Map.entry("content hash of 31 bytes",
            h -> h.setContentHash(h.getContentHash().substring(1))),
        Map.entry("content length 0", h -> h.setContentLength(0)),
        Map.entry("no audience", EventHeader.Builder::clearAudience),
        Map.entry("no recipients", h -> h.setAudience(Audience.newBuilder()
            .setRecipients(Recipients.getDefaultInstance()))))
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedHeaders")
  void countsAMalformedHeaderAsInvalid(String name, UnaryOperator<EventHeader.Builder> change)
      throws Exception {
    SignedEvent malformed = f.chain(alice).next(change);
    assertThrows(EventException.class, () -> VerifiedEvent.verify(malformed, f.keys));
    assertEquals(1, ingest(f.log(), malformed).invalid());
  }

  @Test
  void countsAHeaderThatDoesNotParseAsInvalid() throws Exception {
    SignedEvent genuine = f.written(alice, 1).get(0);
    SignedEvent garbled = genuine.toBuilder().setHeader(ByteString.copyFrom(new byte[] {-1, -1}))
        .build();
    assertEquals(1, ingest(f.log(), garbled).invalid());
  }

  @Test
  void countsALaterEventNamingAPreviousOfTheWrongLengthAsInvalid() throws Exception {
    EventChain chain = f.chain(alice);
    chain.next();
    SignedEvent second = chain.next(h -> h.setPrevious(h.getPrevious().substring(1)));
    assertThrows(EventException.class, () -> VerifiedEvent.verify(second, f.keys));
  }

  private SignedEvent withRecipients(int boxes) {
    Recipients.Builder r = Recipients.newBuilder();
    for (int i = 0; i < boxes; i++) {
      r.addSealedKeys(ByteString.copyFrom(f.randomness.bytes(80)));
    }
    return f.chain(alice).next(h -> h.setAudience(Audience.newBuilder().setRecipients(r)));
  }

  @Test
  void takesAnEventNamingMaxRecipients() throws Exception {
    assertEquals(1, ingest(f.log(), withRecipients(EventLimits.MAX_RECIPIENTS)).added().size());
  }

  @Test
  void countsAnEventNamingOneRecipientOverTheMaximumAsInvalid() throws Exception {
    assertEquals(1, ingest(f.log(), withRecipients(EventLimits.MAX_RECIPIENTS + 1)).invalid());
  }

  @Test
  void takesAHeaderNamingContentOfMaxEventBytes() throws Exception {
    SignedEvent event = f.chain(alice).next(h -> h.setContentLength(EventLimits.MAX_EVENT_BYTES))
        .toBuilder().clearContent().build();
    assertEquals(1, ingest(f.log(), event).added().size());
  }

  @Test
  void countsAHeaderNamingContentOneByteOverMaxEventBytesAsInvalid() throws Exception {
    SignedEvent event = f.chain(alice)
        .next(h -> h.setContentLength(EventLimits.MAX_EVENT_BYTES + 1))
        .toBuilder().clearContent().build();
    assertEquals(1, ingest(f.log(), event).invalid());
  }

  @Test
  void countsAHeaderNamingContentOfFourGibibytesAsInvalid() throws Exception {
    SignedEvent event = f.chain(alice).next(h -> h.setContentLength(-1)) // uint32 2^32 - 1
        .toBuilder().clearContent().build();
    assertEquals(1, ingest(f.log(), event).invalid());
  }

  // The size limit

  /** An event of {@code alice}'s whose serialised size is exactly {@code size} bytes. */
  private SignedEvent eventOfSize(int size) {
    int contentLength = size - 300;
    for (int attempt = 0; attempt < 8; attempt++) {
      SignedEvent e = f.chain(alice)
          .nextWithContent(ByteString.copyFrom(f.randomness.bytes(contentLength)));
      int over = e.getSerializedSize() - size;
      if (over == 0) {
        return e;
      }
      contentLength -= over;
    }
    throw new AssertionError("no event of exactly " + size + " bytes");
  }

  @Test
  void takesAnEventOfExactlyMaxEventBytes() throws Exception {
    SignedEvent largest = eventOfSize(EventLimits.MAX_EVENT_BYTES);
    assertEquals(EventLimits.MAX_EVENT_BYTES, largest.toByteArray().length);

    EventLog.Outcome outcome = ingest(f.log(), largest);

    assertEquals(List.of(1L), sequences(outcome));
  }

  @Test
  void countsAnEventOneByteOverMaxEventBytesAsInvalid() throws Exception {
    SignedEvent tooLarge = eventOfSize(EventLimits.MAX_EVENT_BYTES + 1);
    assertEquals(EventLimits.MAX_EVENT_BYTES + 1, tooLarge.toByteArray().length);

    EventLog.Outcome outcome = ingest(f.log(), tooLarge);

    assertNothingTaken(outcome);
    assertEquals(1, outcome.invalid());
  }

  // Membership

  @Test
  void refusesAnEventWhoseAuthorTheMembershipRefuses() throws Exception {
    NodeIdentity outsider = f.stranger();
    f.membership.refuse(outsider);
    EventLog log = f.log();

    EventLog.Outcome outcome = ingest(log, f.chain(outsider).next());

    assertNothingTaken(outcome);
    assertEquals(1, outcome.refused());
    assertEquals(0, outcome.invalid());
    assertEquals(0, log.head(LogFixture.key(outsider)).sequence());
    assertEquals(0, log.eventCount());
  }

  @Test
  void refusesAnEventWrittenInAnEpochBeforeItsAuthorJoined() throws Exception {
    f.membership.rotate(f.randomness.bytes(32));
    NodeIdentity late = f.stranger();
    f.membership.admit(late, 1);
    EventChain chain = f.chain(late);
    EventLog log = f.log();

    assertEquals(1, ingest(log, chain.branch().next(now, 0)).refused());
    assertEquals(List.of(1L), sequences(ingest(log, chain.next(now, 1))));
  }

  @Test
  void doesNotTakeAnEventOfAnAuthorNotKnownYetAndTakesItOnceKnown() throws Exception {
    NodeIdentity newcomer = f.stranger();
    SignedEvent first = f.chain(newcomer).next();
    EventLog log = f.log();

    EventLog.Outcome unknown = ingest(log, first);

    assertNothingTaken(unknown);
    assertEquals(1, unknown.refused());
    assertEquals(0, log.waitingCount());
    f.membership.admit(newcomer);
    assertEquals(List.of(1L), sequences(ingest(log, first)));
  }

  @Test
  void doesNotTakeAnEventOfAnEpochNotKnownYet() throws Exception {
    EventChain chain = f.chain(alice);
    SignedEvent ahead = chain.next(now, 1);
    EventLog log = f.log();

    assertEquals(1, ingest(log, ahead).refused());
    f.membership.rotate(f.randomness.bytes(32));
    assertEquals(List.of(1L), sequences(ingest(log, ahead)));
  }

  @Test
  void takesWhatARemovedMemberWroteUpToTheEndOfTheirMembershipAndNothingAfter()
      throws Exception {
    long endedAt = now + 5_000;
    f.membership.end(alice, endedAt);
    EventChain chain = f.chain(alice);
    SignedEvent before = chain.next(now);
    SignedEvent atTheEnd = chain.next(endedAt);
    SignedEvent after = chain.branch().next(endedAt + 1);
    EventLog log = f.log();

    assertEquals(List.of(1L, 2L), sequences(ingest(log, before, atTheEnd)));
    EventLog.Outcome late = ingest(log, after);
    assertNothingTaken(late);
    assertEquals(1, late.refused());
    assertEquals(2, log.head(aliceKey).sequence());
  }

  @Test
  void aRivalAtATakenPositionWrittenAfterTheMembershipEndedIsRefusedNotAFork()
      throws Exception {
    EventChain chain = f.chain(alice);
    EventChain copy = chain.branch();
    EventLog log = f.log();
    ingest(log, chain.next(now));
    f.membership.end(alice, now);

    EventLog.Outcome outcome = ingest(log, copy.next(now + 1));

    assertEquals(List.of(), outcome.forks());
    assertFalse(log.head(aliceKey).forked());
    assertTrue(outcome.refused() > 0);
  }

  @Test
  void aRefusedRivalAtATakenPositionIsCountedOnce() throws Exception {
    EventChain chain = f.chain(alice);
    EventChain copy = chain.branch();
    EventLog log = f.log();
    ingest(log, chain.next(now));
    f.membership.end(alice, now);

    EventLog.Outcome outcome = ingest(log, copy.next(now + 1));

    assertEquals(1, outcome.refused(), "one event in the batch");
  }

  @Test
  void refusesAnEventOfAnotherCollective() throws Exception {
    CollectiveId other = CollectiveId.of(f.randomness.bytes(CollectiveId.LENGTH));
    SignedEvent elsewhere = f.chain(alice)
        .next(h -> h.setCollectiveId(ByteString.copyFrom(other.bytes())));
    EventLog log = f.log();

    EventLog.Outcome outcome = ingest(log, elsewhere);

    assertNothingTaken(outcome);
    assertEquals(1, outcome.refused());
  }

  // Forks

  @Test
  void aSecondEventAtATakenPositionForksTheLogAndKeepsBothAsEvidence() throws Exception {
    EventChain chain = f.chain(alice);
    SignedEvent first = chain.next();
    EventChain copy = chain.branch();
    SignedEvent second = chain.next();
    SignedEvent rival = copy.next();
    EventLog log = f.log();
    ingest(log, first, second);

    EventLog.Outcome outcome = ingest(log, rival);

    assertEquals(List.of(), outcome.added());
    assertEquals(List.of(new ForkReport(f.collective, aliceKey, 2, LogFixture.id(second),
        LogFixture.id(rival), f.clock.instant())), outcome.forks());
    assertEquals(List.of(ForkEvidence.newBuilder().setFirst(second).setSecond(rival)
        .setDetectedAtMillis(now).build()), log.forks());
    EventLog.Head head = log.head(aliceKey);
    assertTrue(head.forked());
    assertEquals(2, head.forkedAt());
    assertEquals(2, head.sequence());
    assertEquals(LogFixture.id(second), head.id());
  }

  @Test
  void aForkedLogTakesNothingMoreFromEitherBranchEvenAfterReopening() throws Exception {
    EventChain chain = f.chain(alice);
    SignedEvent first = chain.next();
    EventChain copy = chain.branch();
    SignedEvent second = chain.next();
    SignedEvent rival = copy.next();
    MemoryEventStore store = new MemoryEventStore();
    EventLog log = f.log(store);
    ingest(log, first, second, rival);
    SignedEvent third = chain.next();
    SignedEvent rivalThird = copy.next();
    NodeIdentity bob = f.member();

    EventLog.Outcome later = ingest(log, third, rivalThird, f.chain(bob).next());

    assertEquals(List.of(LogFixture.key(bob)),
        later.added().stream().map(VerifiedEvent::author).toList(), "other logs go on");
    assertEquals(2, later.refused());
    EventLog reopened = f.log(store);
    assertTrue(reopened.head(aliceKey).forked());
    assertEquals(1, ingest(reopened, third).refused());
    assertEquals(2, reopened.head(aliceKey).sequence());
  }

  @Test
  void aForkWithinOneBatchIsCaughtAndReportedOnce() throws Exception {
    EventChain chain = f.chain(alice);
    SignedEvent first = chain.next();
    EventChain copy = chain.branch();
    SignedEvent second = chain.next();
    SignedEvent rival = copy.next();
    EventLog log = f.log();

    EventLog.Outcome outcome = ingest(log, first, second, rival);

    assertEquals(List.of(1L, 2L), sequences(outcome));
    assertEquals(1, outcome.forks().size());
    assertEquals(LogFixture.id(rival), outcome.forks().get(0).second());
    EventLog.Outcome again = ingest(log, rival);
    assertEquals(List.of(), again.forks(), "the evidence is already kept");
    assertEquals(1, log.forks().size());
  }

  @Test
  void aForkLetsGoOfTheEventsWaitingInThatLog() throws Exception {
    EventChain chain = f.chain(alice);
    EventChain copy = chain.branch();
    SignedEvent first = chain.next();
    chain.next();
    SignedEvent third = chain.next();
    EventLog log = f.log();
    ingest(log, first, third);
    assertEquals(1, log.waitingCount());

    assertEquals(1, ingest(log, copy.next()).forks().size());

    assertEquals(0, log.waitingCount());
  }

  @Test
  void anEventLinkedToAnotherPredecessorForksTheLogWhenThePredecessorIsHeld()
      throws Exception {
    SignedEvent first = f.chain(alice).next();
    EventChain elsewhere = f.chain(alice);
    elsewhere.next(); // a different first event, which this node never sees
    SignedEvent secondElsewhere = elsewhere.next();
    EventLog log = f.log();
    ingest(log, first);

    EventLog.Outcome outcome = ingest(log, secondElsewhere);

    assertEquals(List.of(), outcome.added());
    assertEquals(List.of(new ForkReport(f.collective, aliceKey, 1, LogFixture.id(first),
        LogFixture.id(secondElsewhere), f.clock.instant())), outcome.forks());
    ForkEvidence evidence = log.forks().get(0);
    assertEquals(first, evidence.getFirst());
    assertEquals(secondElsewhere, evidence.getSecond());
    assertEquals(1, log.head(aliceKey).forkedAt());
    assertEquals(1, log.head(aliceKey).sequence());
  }

  // Epochs and time

  @Test
  void takesEventsInTheSameOrALaterEpoch() throws Exception {
    f.membership.rotate(f.randomness.bytes(32));
    EventChain chain = f.chain(alice);
    EventLog.Outcome outcome = ingest(f.log(), chain.next(now, 0), chain.next(now, 0),
        chain.next(now, 1));
    assertEquals(List.of(1L, 2L, 3L), sequences(outcome));
  }

  @Test
  void refusesAnEventWhoseEpochGoesBack() throws Exception {
    f.membership.rotate(f.randomness.bytes(32));
    EventChain chain = f.chain(alice);
    EventLog log = f.log();

    EventLog.Outcome outcome = ingest(log, chain.next(now, 1), chain.next(now, 0));

    assertEquals(List.of(1L), sequences(outcome));
    assertEquals(1, outcome.refused());
    assertEquals(1, log.head(aliceKey).epoch());
  }

  @Test
  void takesAnEventWrittenAtTheSameMillisecondAsTheOneBefore() throws Exception {
    EventChain chain = f.chain(alice);
    assertEquals(List.of(1L, 2L), sequences(ingest(f.log(), chain.next(now), chain.next(now))));
  }

  @Test
  void refusesAnEventWrittenOneMillisecondBeforeTheOneBefore() throws Exception {
    EventChain chain = f.chain(alice);
    EventLog.Outcome outcome = ingest(f.log(), chain.next(now), chain.next(now - 1));
    assertEquals(List.of(1L), sequences(outcome));
    assertEquals(1, outcome.refused());
  }

  @Test
  void takesAnEventExactlyTheMaximumClockSkewAhead() throws Exception {
    SignedEvent ahead = f.chain(alice).next(now + EventLimits.MAX_CLOCK_SKEW_MILLIS);
    assertEquals(List.of(1L), sequences(ingest(f.log(), ahead)));
  }

  @Test
  void refusesAnEventOneMillisecondBeyondTheMaximumClockSkewUntilItIsDue() throws Exception {
    SignedEvent ahead = f.chain(alice).next(now + EventLimits.MAX_CLOCK_SKEW_MILLIS + 1);
    EventLog log = f.log();

    EventLog.Outcome early = ingest(log, ahead);

    assertNothingTaken(early);
    assertEquals(1, early.refused());
    f.clock.advance(Duration.ofMillis(1));
    assertEquals(List.of(1L), sequences(ingest(log, ahead)));
  }

  // The rate rule

  /** 60 events at {@code now}, then a 61st {@code after} milliseconds later. */
  private List<SignedEvent> aFullMinuteThenOneMore(long after) {
    EventChain chain = f.chain(alice);
    List<SignedEvent> events = new ArrayList<>(chain.nextEvents(EventLimits.RATE_EVENTS));
    events.add(chain.next(now + after));
    return events;
  }

  @ParameterizedTest(name = "in one batch: {0}")
  @ValueSource(booleans = {true, false})
  void takesTheSixtyFirstEventExactlyOneWindowAfterTheFirst(boolean oneBatch) throws Exception {
    List<SignedEvent> events = aFullMinuteThenOneMore(EventLimits.RATE_WINDOW_MILLIS);
    EventLog log = f.log();

    int added = oneBatch ? ingest(log, events).added().size()
        : ingest(log, events.subList(0, 60)).added().size()
            + ingest(log, events.subList(60, 61)).added().size();

    assertEquals(EventLimits.RATE_EVENTS + 1, added);
    assertEquals(61, log.head(aliceKey).sequence());
  }

  @ParameterizedTest(name = "in one batch: {0}")
  @ValueSource(booleans = {true, false})
  void refusesTheSixtyFirstEventOneMillisecondInsideTheWindow(boolean oneBatch)
      throws Exception {
    List<SignedEvent> events = aFullMinuteThenOneMore(EventLimits.RATE_WINDOW_MILLIS - 1);
    EventLog log = f.log();

    EventLog.Outcome last;
    if (oneBatch) {
      last = ingest(log, events);
      assertEquals(EventLimits.RATE_EVENTS, last.added().size());
    } else {
      ingest(log, events.subList(0, 60));
      last = ingest(log, events.subList(60, 61));
    }

    assertEquals(1, last.refused());
    assertEquals(EventLimits.RATE_EVENTS, log.head(aliceKey).sequence());
  }

  @Test
  void theWriterWaitsOutTheRateRuleToo() throws Exception {
    EventLog own = f.log();
    EventWriter writer = f.writer(alice);
    for (int i = 0; i < EventLimits.RATE_EVENTS; i++) {
      own.appendOwn(writer.write(own, f.membership, LogFixture.notice("n" + i), List.of()));
    }
    assertThrows(ReplicationException.class,
        () -> writer.write(own, f.membership, LogFixture.notice("one too many"), List.of()));
    f.clock.advance(Duration.ofMillis(EventLimits.RATE_WINDOW_MILLIS));
    VerifiedEvent next = writer.write(own, f.membership, LogFixture.notice("later"), List.of());
    assertEquals(61, next.sequence());
  }

  // Events ahead of a gap

  @Test
  void holdsAnEventAheadOfAGapAndTakesItWhenTheGapFills() throws Exception {
    List<SignedEvent> events = f.written(alice, 3);
    EventLog log = f.log();
    ingest(log, events.get(0));

    EventLog.Outcome early = ingest(log, events.get(2));

    assertNothingTaken(early);
    assertEquals(List.of(new EventLog.Gap(aliceKey, 2, 2)), early.gaps());
    assertEquals(1, log.waitingCount());
    assertEquals(1, log.head(aliceKey).sequence());

    EventLog.Outcome filled = ingest(log, events.get(1));

    assertEquals(List.of(2L, 3L), sequences(filled));
    assertEquals(List.of(), filled.gaps());
    assertEquals(0, log.waitingCount());
    assertEquals(3, log.head(aliceKey).sequence());
  }

  @Test
  void reportsTheWholeGapBeforeAnEarlyEvent() throws Exception {
    List<SignedEvent> events = f.written(alice, 5);
    EventLog.Outcome early = ingest(f.log(), events.get(4));
    assertEquals(List.of(new EventLog.Gap(aliceKey, 1, 4)), early.gaps());
  }

  /** {@code n} events of {@code author}, one second apart, so the rate rule never bites. */
  private List<SignedEvent> paced(NodeIdentity author, int n) {
    EventChain chain = f.chain(author);
    List<SignedEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(chain.nextWithContent(ByteString.copyFrom(f.randomness.bytes(16))));
      f.clock.advance(Duration.ofSeconds(1));
    }
    f.clock.set(LogFixture.START);
    return out;
  }

  @Test
  void holdsMaxWaitingPerAuthorEventsOfOneAuthorAndNoMore() throws Exception {
    int max = EventLimits.MAX_WAITING_PER_AUTHOR;
    List<SignedEvent> events = paced(alice, max + 2);
    EventLog log = f.log();

    ingest(log, events.subList(1, max + 1));
    assertEquals(max, log.waitingCount());
    EventLog.Outcome overLimit = ingest(log, events.get(max + 1));

    assertEquals(max, log.waitingCount());
    assertEquals(List.of(new EventLog.Gap(aliceKey, 1, max + 1)), overLimit.gaps());
    EventLog.Outcome filled = ingest(log, events.get(0));
    assertEquals(max + 1, filled.added().size(), "the first and every one held");
    assertEquals(0, log.waitingCount());
    assertEquals(List.of((long) max + 2), sequences(ingest(log, events.get(max + 1))));
  }

  @Test
  void holdsMaxWaitingEventsInAllAndNoMore() throws Exception {
    int perAuthor = EventLimits.MAX_WAITING_PER_AUTHOR;
    int authors = EventLimits.MAX_WAITING / perAuthor;
    EventLog log = f.log();
    for (int a = 0; a < authors; a++) {
      ingest(log, paced(f.member(), perAuthor + 1).subList(1, perAuthor + 1));
    }
    assertEquals(EventLimits.MAX_WAITING, log.waitingCount());
    NodeIdentity oneMore = f.member();
    List<SignedEvent> theirs = paced(oneMore, 2);

    ingest(log, theirs.get(1));

    assertEquals(EventLimits.MAX_WAITING, log.waitingCount());
    assertEquals(List.of(1L), sequences(ingest(log, theirs.get(0))), "their second was not held");
  }

  // Dropping retracted content

  @Test
  void droppingContentKeepsTheLogWhole() throws Exception {
    EventLog own = f.log();
    EventWriter writer = f.writer(alice);
    List<SignedEvent> original = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      VerifiedEvent e = writer.write(own, f.membership, LogFixture.notice("n" + i), List.of());
      own.appendOwn(e);
      original.add(e.signed());
    }

    own.dropContent(aliceKey, 1, LogFixture.id(original.get(1))); // the wrong id: kept
    assertFalse(own.event(aliceKey, 1).orElseThrow().getContent().isEmpty());
    own.dropContent(aliceKey, 2, LogFixture.id(original.get(1)));

    SignedEvent dropped = own.event(aliceKey, 2).orElseThrow();
    assertTrue(dropped.getContent().isEmpty());
    assertEquals(original.get(1).getHeader(), dropped.getHeader());
    assertEquals(original.get(1).getSignature(), dropped.getSignature());
    assertEquals(3, own.head(aliceKey).sequence());
    assertEquals(3, own.eventCount());
    EventLog.Outcome again = ingest(own, original);
    assertEquals(3, again.duplicates());
    assertEquals(List.of(), again.forks());
    own.appendOwn(writer.write(own, f.membership, LogFixture.notice("n4"), List.of()));
    List<SignedEvent> passedOn = new ArrayList<>();
    for (long s = 1; s <= 4; s++) {
      passedOn.add(own.event(aliceKey, s).orElseThrow());
    }
    EventLog another = f.log();
    assertEquals(List.of(1L, 2L, 3L, 4L), sequences(ingest(another, passedOn)));
    assertArrayEquals(new byte[0], another.event(aliceKey, 2).orElseThrow().getContent()
        .toByteArray());
  }

  @Test
  void droppingContentOfAnEventNotHeldChangesNothing() throws Exception {
    CountingStore store = new CountingStore();
    EventLog log = f.log(store);
    ingest(log, f.written(alice, 1));
    int writes = store.writes;

    EventId any = LogFixture.id(log.event(aliceKey, 1).orElseThrow());
    log.dropContent(aliceKey, 2, any);
    log.dropContent(aliceKey, 0, any);

    assertEquals(writes, store.writes);
  }

  /** Memory, counting the writes. */
  private static final class CountingStore implements EventStore {
    private final MemoryEventStore inner = new MemoryEventStore();
    int writes;

    @Override
    public Map<MemberKey, LogHead> heads(CollectiveId collective) {
      return inner.heads(collective);
    }

    @Override
    public Optional<SignedEvent> event(CollectiveId collective, MemberKey author, long sequence) {
      return inner.event(collective, author, sequence);
    }

    @Override
    public void write(CollectiveId collective, Changes changes) {
      writes++;
      inner.write(collective, changes);
    }

    @Override
    public List<ForkEvidence> forks(CollectiveId collective) {
      return inner.forks(collective);
    }
  }
}
