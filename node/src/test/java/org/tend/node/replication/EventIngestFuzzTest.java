package org.tend.node.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.home.TendException;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.crypto.Ed25519;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.proto.EventHeader;
import org.tend.protocol.proto.EventPush;
import org.tend.protocol.proto.SignedEvent;

/**
 * Arbitrary bytes, as one signed event or a push of events, into verification and into a log
 * whose membership admits every author: only the checked refusal may escape, the log counts as
 * invalid exactly what does not verify, and nothing joins a log unless its author signed its
 * header. The second fuzzer edits a push of genuine events, where a wrongly accepted change
 * would matter most. Runs its checked-in inputs as a regression test; {@code JAZZER_FUZZ=1}
 * fuzzes (see docs/performance.md for the command).
 */
class EventIngestFuzzTest {
  private static final LogFixture F = new LogFixture(37);
  private static final NodeIdentity AUTHOR = F.member();
  private static final List<SignedEvent> GENUINE = F.chain(AUTHOR).nextEvents(3);
  private static final byte[] GENUINE_PUSH = EventPush.newBuilder()
      .setKind(EventPush.Kind.GOSSIP).addAllEvents(GENUINE).build().toByteArray();
  private static final Set<ByteString> SIGNED_HEADERS = GENUINE.stream()
      .map(SignedEvent::getHeader).collect(Collectors.toUnmodifiableSet());
  private static final TestMembership EVERYONE =
      new TestMembership(F.collective, new byte[32]).admitEveryone();

  @FuzzTest(maxDuration = "5m")
  void arbitraryEventsAreRefusedOrSignedByTheirAuthor(FuzzedDataProvider data)
      throws TendException {
    boolean asPush = data.consumeBoolean();
    byte[] bytes = data.consumeRemainingAsBytes();
    List<SignedEvent> events;
    try {
      events = asPush ? EventPush.parseFrom(bytes).getEventsList()
          : List.of(SignedEvent.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      return; // the transport drops what does not parse
    }
    int invalid = 0;
    for (SignedEvent signed : events) {
      try {
        assertSignedByItsAuthor(VerifiedEvent.verify(signed, new AuthorKeys()).signed());
      } catch (EventException refused) {
        invalid++;
      }
    }
    EventLog log = new EventLog(collectiveNamedIn(events), new MemoryEventStore(),
        new AuthorKeys(), F.clock);

    EventLog.Outcome outcome = log.ingest(EVERYONE, events);

    assertEquals(invalid, outcome.invalid());
    assertTrue(outcome.added().size() <= events.size() - invalid);
    outcome.added().forEach(e -> assertSignedByItsAuthor(e.signed()));
    assertEveryHeldEventSigned(log);
  }

  @FuzzTest(maxDuration = "5m")
  void editedGenuineEventsJoinOnlyWithTheirHeadersAsSigned(FuzzedDataProvider data)
      throws TendException {
    List<Byte> wire = new ArrayList<>();
    for (byte b : GENUINE_PUSH) {
      wire.add(b);
    }
    int edits = data.consumeInt(0, 16);
    for (int i = 0; i < edits && !wire.isEmpty(); i++) {
      int at = data.consumeInt(0, wire.size() - 1);
      switch (data.consumeInt(0, 3)) {
        case 0 -> wire.set(at, (byte) (wire.get(at) ^ data.consumeInt(1, 255)));
        case 1 -> wire.set(at, data.consumeByte());
        case 2 -> wire.add(at, data.consumeByte());
        default -> wire.remove(at);
      }
    }
    byte[] edited = new byte[wire.size()];
    for (int i = 0; i < edited.length; i++) {
      edited[i] = wire.get(i);
    }
    List<SignedEvent> events;
    try {
      events = EventPush.parseFrom(edited).getEventsList();
    } catch (InvalidProtocolBufferException e) {
      return;
    }
    EventLog log = new EventLog(F.collective, new MemoryEventStore(), new AuthorKeys(), F.clock);

    EventLog.Outcome outcome = log.ingest(EVERYONE, events);

    for (VerifiedEvent e : outcome.added()) {
      assertTrue(SIGNED_HEADERS.contains(e.signed().getHeader()), "a header nobody signed");
      assertSignedByItsAuthor(e.signed());
    }
    if (edits == 0) {
      assertEquals(GENUINE.size(), outcome.added().size(), "the genuine push is taken");
    }
  }

  /** The collective the first event names, so that arbitrary input reaches the log's rules. */
  private static CollectiveId collectiveNamedIn(List<SignedEvent> events) {
    for (SignedEvent e : events) {
      try {
        return VerifiedEvent.collectiveOf(e);
      } catch (EventException notNamed) {
        // try the next
      }
    }
    return F.collective;
  }

  /** Checked with the primitive directly, not through the code under test. */
  private static void assertSignedByItsAuthor(SignedEvent signed) {
    EventHeader header;
    try {
      header = EventHeader.parseFrom(signed.getHeader());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("a held event's header does not parse", e);
    }
    assertTrue(Ed25519.verify(header.getAuthor().toByteArray(), Labels.EVENT_SIGNATURE,
        signed.getHeader().toByteArray(), signed.getSignature().toByteArray()),
        "an event whose signature does not verify joined a log");
  }

  private static void assertEveryHeldEventSigned(EventLog log) throws TendException {
    for (Map.Entry<MemberKey, EventLog.Head> head : log.heads().entrySet()) {
      for (long s = 1; s <= head.getValue().sequence(); s++) {
        assertSignedByItsAuthor(log.event(head.getKey(), s).orElseThrow());
      }
    }
  }
}
