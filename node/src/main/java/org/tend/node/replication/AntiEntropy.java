package org.tend.node.replication;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.home.TendException;
import org.tend.node.api.replication.EventLimits;
import org.tend.node.api.transport.PeerLink;
import org.tend.protocol.proto.EventPush;
import org.tend.protocol.proto.ForkEvidence;
import org.tend.protocol.proto.Frame;
import org.tend.protocol.proto.SequenceVector;
import org.tend.protocol.proto.SignedEvent;
import org.tend.protocol.proto.VectorDigest;
import org.tend.protocol.proto.VectorEntry;

/**
 * Anti-entropy between two neighbours: digests of sequence vectors, then, if they differ,
 * vectors, and pushes of what each lacks — missing events, a head that differs (a fork the
 * other will see), fork evidence the other has not seen. Not thread-safe: the replicator's
 * lock.
 */
final class AntiEntropy {
  private final Outbox outbox;

  AntiEntropy(Outbox outbox) {
    this.outbox = outbox;
  }

  /** The digest of what this node holds of {@code log}, to send a neighbour. */
  static Frame digestFrame(EventLog log) {
    byte[] digest = SequenceVectors.digest(SequenceVectors.entries(log.heads()));
    return Frame.newBuilder().setDigest(VectorDigest.newBuilder()
        .setDigest(ByteString.copyFrom(digest))).build();
  }

  /**
   * A neighbour's digest: if it differs from this node's, answer with the vector. Returns
   * whether the two nodes hold the same.
   */
  boolean digest(PeerLink link, EventLog log, VectorDigest digest) {
    List<VectorEntry> mine = SequenceVectors.entries(log.heads());
    if (!Arrays.equals(SequenceVectors.digest(mine), digest.getDigest().toByteArray())) {
      outbox.send(link, Frame.newBuilder().setVector(SequenceVectors.vector(mine, true)).build());
      return false;
    }
    return true;
  }

  /** The other side's vector: push what it lacks, and say what this node lacks. */
  void vector(PeerLink link, EventLog log, SequenceVector theirs) throws TendException {
    Map<MemberKey, VectorEntry> them = new HashMap<>();
    for (VectorEntry e : theirs.getEntriesList()) {
      if (e.getAuthor().size() == MemberKey.LENGTH) {
        them.put(MemberKey.of(e.getAuthor().toByteArray()), e);
      }
    }
    List<SignedEvent> answer = new ArrayList<>();
    long bytes = 0;
    boolean lacking = false;
    for (Map.Entry<MemberKey, EventLog.Head> mine : log.heads().entrySet()) {
      MemberKey author = mine.getKey();
      EventLog.Head head = mine.getValue();
      VectorEntry other = them.remove(author);
      long theirSeq = other == null ? 0 : other.getSequence();
      if (head.forked() && (other == null || other.getForkedAt() == 0)) {
        addEvidence(log, author, answer);
      } else if (head.sequence() > theirSeq && (other == null || other.getForkedAt() == 0)) {
        for (long s = theirSeq + 1; s <= head.sequence() && answer.size()
            < EventLimits.MAX_ANSWER_EVENTS && bytes < EventLimits.MAX_ANSWER_BYTES; s++) {
          java.util.Optional<SignedEvent> e = log.event(author, s);
          if (e.isPresent()) {
            answer.add(e.get());
            bytes += e.get().getSerializedSize();
          }
        }
      } else if (head.sequence() == theirSeq && theirSeq > 0 && !head.forked()
          && !Arrays.equals(Arrays.copyOf(head.id().bytes(), VerifiedEvent.HEAD_PREFIX),
              other.getHead().toByteArray())) {
        log.event(author, theirSeq).ifPresent(answer::add); // their head differs: a fork
      }
      if (theirSeq > head.sequence() || (other != null && other.getForkedAt() > 0
          && !head.forked())) {
        lacking = true;
      }
    }
    lacking |= them.values().stream().anyMatch(e -> e.getSequence() > 0);
    outbox.push(link, EventPush.Kind.ANSWER, 0, answer);
    if (theirs.getReply() && lacking) {
      outbox.send(link, Frame.newBuilder().setVector(SequenceVectors.vector(
          SequenceVectors.entries(log.heads()), false)).build());
    }
  }

  /** The two events that fork {@code author}'s log, if this node holds them, into {@code out}. */
  void addEvidence(EventLog log, MemberKey author, List<SignedEvent> out) throws TendException {
    for (ForkEvidence evidence : log.forks()) {
      try {
        VerifiedEvent first = VerifiedEvent.held(evidence.getFirst());
        if (first.author().equals(author) && log.head(author).forkedAt() == first.sequence()) {
          out.add(evidence.getFirst());
          out.add(evidence.getSecond());
          return;
        }
      } catch (EventException e) {
        // damaged evidence: try the next
      }
    }
  }
}
