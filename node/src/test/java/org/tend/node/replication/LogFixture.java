package org.tend.node.replication;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.tend.node.MutableClock;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.home.TendException;
import org.tend.node.api.replication.EventId;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.proto.EventContent;
import org.tend.protocol.proto.EventHeader;
import org.tend.protocol.proto.Notice;
import org.tend.protocol.proto.SignedEvent;

/**
 * One collective's replication world for tests, deterministic for a seed: real Ed25519 authors,
 * a {@link TestMembership}, a clock the test moves, and logs over memory or a given store.
 * Events come from the node's own {@link EventWriter} or, where a test needs what a writer would
 * never produce, from an {@link EventChain} signing hand-made headers.
 */
final class LogFixture {
  static final Instant START = Instant.parse("2024-03-14T15:09:26Z");

  final Randomness randomness;
  final MutableClock clock = new MutableClock(START);
  final CollectiveId collective;
  final TestMembership membership;
  final AuthorKeys keys = new AuthorKeys();

  /** Mixed into every seed: two fixtures drawing the same keys and nonces would make AES-GCM refuse. */
  private static final java.util.concurrent.atomic.AtomicLong INSTANCES =
      new java.util.concurrent.atomic.AtomicLong();

  LogFixture(long seed) {
    this.randomness = new Random(seed * 1_000_003 + INSTANCES.getAndIncrement())::nextBytes;
    this.collective = CollectiveId.of(randomness.bytes(CollectiveId.LENGTH));
    this.membership = new TestMembership(collective, randomness.bytes(32));
  }

  /** A fresh identity the membership has never heard of. */
  NodeIdentity stranger() {
    return NodeIdentity.generate(randomness);
  }

  /** A fresh identity admitted from the current epoch on. */
  NodeIdentity member() {
    NodeIdentity who = stranger();
    membership.admit(who);
    return who;
  }

  /** An empty log of the collective, in memory. */
  EventLog log() throws TendException {
    return log(new MemoryEventStore());
  }

  EventLog log(EventStore store) throws TendException {
    return new EventLog(collective, store, keys, clock);
  }

  EventWriter writer(NodeIdentity author) {
    return new EventWriter(author.signing(), clock, randomness, keys);
  }

  /**
   * {@code n} notices written by {@code author}'s own node, one after another in its own log,
   * as they would travel to the others.
   */
  List<SignedEvent> written(NodeIdentity author, int n) throws TendException {
    EventLog own = log();
    EventWriter writer = writer(author);
    List<SignedEvent> out = new java.util.ArrayList<>();
    for (int i = 1; i <= n; i++) {
      VerifiedEvent e = writer.write(own, membership, notice("notice " + i), List.of());
      own.appendOwn(e);
      out.add(e.signed());
    }
    return out;
  }

  EventChain chain(NodeIdentity author) {
    return new EventChain(this, author);
  }

  static MemberKey key(NodeIdentity who) {
    return MemberKey.of(who.signing().publicKey());
  }

  static EventContent notice(String text) {
    return EventContent.newBuilder().setNotice(Notice.newBuilder().setText(text)).build();
  }

  /** Signs {@code header} as {@code by}, exactly as its bytes are, with no checks. */
  static SignedEvent sign(NodeIdentity by, EventHeader header, ByteString content) {
    ByteString bytes = header.toByteString();
    return SignedEvent.newBuilder().setHeader(bytes)
        .setSignature(ByteString.copyFrom(by.signing().sign(Labels.EVENT_SIGNATURE,
            bytes.toByteArray())))
        .setContent(content).build();
  }

  static EventId id(SignedEvent signed) {
    return EventId.of(VerifiedEvent.hash(signed.getHeader().toByteArray()));
  }

  static EventHeader header(SignedEvent signed) {
    try {
      return EventHeader.parseFrom(signed.getHeader());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  /** {@code signed} with one bit of its content flipped. */
  static SignedEvent withContentAltered(SignedEvent signed, int index) {
    byte[] content = signed.getContent().toByteArray();
    content[index] ^= 1;
    return signed.toBuilder().setContent(ByteString.copyFrom(content)).build();
  }
}
