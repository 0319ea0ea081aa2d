package org.tend.node.replication;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.home.TendException;
import org.tend.node.api.replication.DocumentSink;
import org.tend.node.api.replication.Membership;
import org.tend.protocol.proto.EventContent;
import org.tend.protocol.proto.SignedDocument;

/**
 * Membership history on the event layer: each membership document a member signs also goes
 * into their log, sealed to the collective like any event; documents arriving in others' logs
 * go to the collective's history. So anti-entropy, the spanning tree, the rate rule and fork
 * detection cover membership changes too. A log carries only its own author's documents: one
 * found in someone else's log is ignored, so no member can spend another's rate, or none, on
 * documents signed by throwaway keys.
 */
final class MembershipFeed implements Replicator.Reader {
  private final Replicator replicator;
  private final DocumentSink sink;
  /** Documents of this node's already in its logs, by collective. */
  private final Map<CollectiveId, Set<ByteString>> logged = new HashMap<>();

  MembershipFeed(Replicator replicator, DocumentSink sink) {
    this.replicator = replicator;
    this.sink = sink;
    replicator.addReader(this);
  }

  /**
   * Puts this node's own documents into its log in {@code collective}, those not yet there (in
   * order). Called after each document this node signs, and at start, for documents signed
   * before a crash or before this layer existed.
   */
  synchronized void publishOwn(CollectiveId collective, List<SignedDocument> mine)
      throws TendException {
    for (SignedDocument doc : mine) {
      try {
        publishOwn(collective, doc, epochOf(doc));
      } catch (TendException e) {
        // this one cannot follow what the log holds now; the others still go in
      }
    }
  }

  /** A rotation belongs to the epoch before the one it starts; others to the current one. */
  private static java.util.OptionalInt epochOf(SignedDocument doc) {
    try {
      var body = org.tend.protocol.proto.MembershipBody.parseFrom(doc.getBody());
      return body.hasKeysRotated()
          ? java.util.OptionalInt.of(Math.max(0, body.getKeysRotated().getEpoch() - 1))
          : java.util.OptionalInt.empty();
    } catch (InvalidProtocolBufferException e) {
      return java.util.OptionalInt.empty();
    }
  }

  private static java.util.OptionalLong timeOf(SignedDocument doc) {
    try {
      return java.util.OptionalLong.of(org.tend.protocol.proto.MembershipBody
          .parseFrom(doc.getBody()).getCreatedAtMillis());
    } catch (InvalidProtocolBufferException e) {
      return java.util.OptionalLong.empty();
    }
  }

  /** One document this node just signed, in the epoch it belongs to. */
  synchronized void publishOwn(CollectiveId collective, SignedDocument doc,
      java.util.OptionalInt epoch) throws TendException {
    Set<ByteString> done = logged.get(collective);
    if (done == null) {
      done = loggedDocuments(collective);
      logged.put(collective, done);
    }
    ByteString bytes = doc.toByteString();
    if (!authorOf(doc).equals(Optional.of(replicator.me()))) {
      return; // another's document goes in its author's log, never in this node's
    }
    if (!done.contains(bytes)) {
      replicator.publish(collective, EventContent.newBuilder().setMembershipDocument(bytes)
          .build(), List.of(), epoch, timeOf(doc));
      done.add(bytes);
    }
  }

  @Override
  public void added(CollectiveId collective, List<VerifiedEvent> events) {
    Optional<Membership> membership = replicator.memberships().membership(collective);
    if (membership.isEmpty()) {
      return;
    }
    List<SignedDocument> docs = new ArrayList<>();
    for (VerifiedEvent e : events) {
      if (e.author().equals(replicator.me())) {
        continue;
      }
      Optional<EventContent> c = ContentSeal.openWith(membership.get(), e)
          .filter(EventContent::hasMembershipDocument);
      if (c.isPresent()) {
        try {
          SignedDocument doc = SignedDocument.parseFrom(c.get().getMembershipDocument());
          if (authorOf(doc).equals(Optional.of(e.author()))) {
            docs.add(doc);
          }
        } catch (InvalidProtocolBufferException ex) {
          // a member signed something that is no document: the history ignores it
        }
      }
    }
    if (!docs.isEmpty()) {
      sink.documents(collective, docs);
    }
  }

  /** Who the document says signed it (the history checks the signature). */
  private static Optional<MemberKey> authorOf(SignedDocument doc) {
    try {
      ByteString author = org.tend.protocol.proto.MembershipBody.parseFrom(doc.getBody())
          .getAuthor();
      return author.size() == MemberKey.LENGTH
          ? Optional.of(MemberKey.of(author.toByteArray())) : Optional.empty();
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  private Set<ByteString> loggedDocuments(CollectiveId collective) throws TendException {
    Set<ByteString> out = new HashSet<>();
    Optional<Membership> membership = replicator.memberships().membership(collective);
    if (membership.isEmpty()) {
      return out;
    }
    for (VerifiedEvent e : replicator.events(collective)) {
      if (e.author().equals(replicator.me())) {
        ContentSeal.openWith(membership.get(), e).filter(EventContent::hasMembershipDocument)
            .ifPresent(c -> out.add(c.getMembershipDocument()));
      }
    }
    return out;
  }
}
