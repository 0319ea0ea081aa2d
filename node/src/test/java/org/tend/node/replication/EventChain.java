package org.tend.node.replication;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.Audience;
import org.tend.protocol.proto.CollectiveAudience;
import org.tend.protocol.proto.EventHeader;
import org.tend.protocol.proto.SignedEvent;

/**
 * One author's log signed by hand, each event linked to the one before: for times, epochs,
 * links and sizes the node's writer would never produce. Content is a notice sealed as the
 * writer seals it when the membership holds the epoch's key, random bytes otherwise.
 * {@link #branch} copies the chain, so two different events can be signed at one position.
 */
final class EventChain {
  private final LogFixture fixture;
  private final NodeIdentity author;
  private long sequence;
  private ByteString previous = ByteString.EMPTY;

  EventChain(LogFixture fixture, NodeIdentity author) {
    this.fixture = fixture;
    this.author = author;
  }

  private EventChain(EventChain from) {
    this(from.fixture, from.author);
    this.sequence = from.sequence;
    this.previous = from.previous;
  }

  /** A copy at this chain's position; what either signs next is a fork of the other. */
  EventChain branch() {
    return new EventChain(this);
  }

  /** The sequence of the newest event signed. */
  long sequence() {
    return sequence;
  }

  /** The next event, now and in the membership's current epoch. */
  SignedEvent next() {
    return next(fixture.clock.millis());
  }

  SignedEvent next(long createdAtMillis) {
    return next(createdAtMillis, fixture.membership.epoch());
  }

  SignedEvent next(long createdAtMillis, int epoch) {
    return next(createdAtMillis, epoch, "notice " + (sequence + 1));
  }

  SignedEvent next(long createdAtMillis, int epoch, String text) {
    return signNext(createdAtMillis, epoch, seal(sequence + 1, epoch, text), h -> h);
  }

  /** The next event, its header changed by {@code change} before it is signed. */
  SignedEvent next(UnaryOperator<EventHeader.Builder> change) {
    int epoch = fixture.membership.epoch();
    return signNext(fixture.clock.millis(), epoch, seal(sequence + 1, epoch, "changed"), change);
  }

  /** The next event, carrying {@code content} as its ciphertext (hash and length to match). */
  SignedEvent nextWithContent(ByteString content) {
    return nextWithContent(content, h -> h);
  }

  /** The next event carrying {@code content}, its header then changed by {@code change}. */
  SignedEvent nextWithContent(ByteString content, UnaryOperator<EventHeader.Builder> change) {
    return signNext(fixture.clock.millis(), fixture.membership.epoch(), content, change);
  }

  /** The next {@code n} events, all now. */
  List<SignedEvent> nextEvents(int n) {
    List<SignedEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(next());
    }
    return out;
  }

  private SignedEvent signNext(long createdAtMillis, int epoch, ByteString content,
      UnaryOperator<EventHeader.Builder> change) {
    long seq = sequence + 1;
    EventHeader.Builder h = EventHeader.newBuilder()
        .setCollectiveId(ByteString.copyFrom(fixture.collective.bytes()))
        .setAuthor(ByteString.copyFrom(author.signing().publicKey()))
        .setSequence(seq)
        .setCreatedAtMillis(createdAtMillis)
        .setEpoch(epoch)
        .setAudience(Audience.newBuilder().setCollective(CollectiveAudience.getDefaultInstance()))
        .setContentHash(ByteString.copyFrom(VerifiedEvent.contentHash(content)))
        .setContentLength(content.size());
    if (seq > 1) {
      h.setPrevious(previous);
    }
    SignedEvent signed = LogFixture.sign(author, change.apply(h).build(), content);
    sequence = LogFixture.header(signed).getSequence();
    previous = ByteString.copyFrom(LogFixture.id(signed).bytes());
    return signed;
  }

  private ByteString seal(long seq, int epoch, String text) {
    Optional<SecretBytes> key = fixture.membership.contentKey(epoch);
    if (key.isEmpty()) {
      return ByteString.copyFrom(fixture.randomness.bytes(300));
    }
    try (SecretBytes k = key.get()) {
      return ByteString.copyFrom(ContentSeal.forCollective(fixture.randomness, k,
          fixture.collective, LogFixture.key(author), seq, epoch, LogFixture.notice(text))
          .content());
    }
  }
}
