package org.tend.node.collective;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.home.TendException;
import org.tend.node.api.transport.PeerLink;
import org.tend.node.api.transport.PeerListener;
import org.tend.protocol.proto.DocumentBatch;
import org.tend.protocol.proto.Frame;
import org.tend.protocol.proto.JoinResponse;
import org.tend.protocol.proto.SignedDocument;

/**
 * Watches links for the collectives: records who is connected, closes links to anyone the
 * roster no longer admits (after sending them the documents that say why), and takes in
 * documents sent that way — only as notice that the sender's membership or this node's ended.
 * Membership history otherwise travels in its authors' logs (replication), under the rate rule.
 * On join-only links it carries the one join request and its answer, and nothing else.
 */
final class CollectiveSync implements PeerListener, CollectiveManager.Listener {
  /** Documents go in batches well under the transport's 1 MiB frame limit. */
  static final int MAX_BATCH_BYTES = 512 * 1024;

  private final CollectiveManager manager;
  private final InviteDesk desk;
  private final PeerDirectory directory;
  private final Map<PeerLink, CompletableFuture<JoinResponse>> joins = new ConcurrentHashMap<>();
  /** History arriving ahead of a join answer, per join link. */
  private final Map<PeerLink, List<SignedDocument>> joinHistory = new ConcurrentHashMap<>();

  CollectiveSync(CollectiveManager manager, InviteDesk desk, PeerDirectory directory) {
    this.manager = manager;
    this.desk = desk;
    this.directory = directory;
  }

  /** The answer to the join request this node is about to send on {@code link}. */
  CompletableFuture<JoinResponse> expectJoinResponse(PeerLink link) {
    return joins.computeIfAbsent(link, l -> new CompletableFuture<>());
  }

  @Override
  public void connected(PeerLink link) {
    if (link.joinOnly()) {
      return;
    }
    directory.connected(link, link.inbound() ? "inbound" : "dialled");
    link.ping().thenAccept(rtt -> directory.roundTrip(link, rtt));
  }

  @Override
  public void received(PeerLink link, Frame frame) {
    if (link.joinOnly()) {
      receivedOnJoinLink(link, frame);
      return;
    }
    if (frame.getBodyCase() != Frame.BodyCase.DOCUMENTS) {
      return; // later kinds of frame are for later services
    }
    DocumentBatch batch = frame.getDocuments();
    if (!batch.getCollectiveId().equals(ByteString.copyFrom(link.collective().bytes()))) {
      link.close(); // a member speaks only for the collective it authenticated in
      return;
    }
    try {
      // Not carried on in this node's log: the members it never reached get the documents in
      // their authors' logs, where the rate rule holds.
      manager.ingestEnding(link.collective(), link.member(), batch.getDocumentsList());
    } catch (TendException e) {
      link.close(); // the store failed: stop taking input rather than lose it
    }
  }

  @Override
  public void disconnected(PeerLink link) {
    joinHistory.remove(link);
    CompletableFuture<JoinResponse> join = joins.remove(link);
    if (join != null) {
      join.completeExceptionally(new IllegalStateException("the inviter's node closed the link"));
    }
    if (!link.joinOnly()) {
      directory.disconnected(link);
    }
  }

  /**
   * Links to anyone no longer admitted — all of this collective's links, if this node itself
   * is no longer — get the documents that ended it, so they hear why, and are closed.
   */
  @Override
  public void changed(CollectiveId collective, List<VerifiedDocument> added, Roster roster) {
    boolean stillMember = roster.isActive(manager.me());
    List<SignedDocument> docs = added.stream().map(VerifiedDocument::signed).toList();
    List<Frame> frames = batches(collective, docs);
    for (PeerLink link : directory.links(collective)) {
      if (stillMember && roster.isActive(link.member())) {
        continue; // the document reaches them in its author's log
      }
      CompletableFuture<Void> sent = CompletableFuture.completedFuture(null);
      for (Frame frame : frames) {
        sent = link.send(frame);
      }
      sent.whenComplete((ok, failure) -> link.close());
    }
  }

  private void receivedOnJoinLink(PeerLink link, Frame frame) {
    if (link.inbound() && frame.getBodyCase() == Frame.BodyCase.JOIN_REQUEST) {
      JoinResponse response;
      try {
        response = desk.admit(link.collective(), link.member(), frame.getJoinRequest());
      } catch (TendException e) {
        link.close();
        return;
      }
      List<Frame> frames = joinFrames(link.collective(), response);
      CompletableFuture<Void> sent = CompletableFuture.completedFuture(null);
      for (Frame out : frames) {
        sent = link.send(out);
      }
      sent.whenComplete((ok, failure) -> link.close());
    } else if (!link.inbound() && frame.getBodyCase() == Frame.BodyCase.DOCUMENTS) {
      List<SignedDocument> earlier = joinHistory.computeIfAbsent(link, l -> new ArrayList<>());
      if (earlier.size() + frame.getDocuments().getDocumentsCount()
          > MembershipLimits.MAX_DOCUMENTS) {
        link.close();
        return;
      }
      earlier.addAll(frame.getDocuments().getDocumentsList());
    } else if (!link.inbound() && frame.getBodyCase() == Frame.BodyCase.JOIN_RESPONSE) {
      expectJoinResponse(link).complete(
          withEarlierHistory(frame.getJoinResponse(), joinHistory.remove(link)));
    } else {
      link.close(); // nothing else travels on a join-only link
    }
  }

  /**
   * The inviter's answer as frames: a long history goes ahead in document batches, so that the
   * answer itself, carrying the last batch, stays within the frame limit.
   */
  static List<Frame> joinFrames(CollectiveId collective, JoinResponse response) {
    if (!response.hasAdmitted()) {
      return List.of(Frame.newBuilder().setJoinResponse(response).build());
    }
    List<Frame> frames = new ArrayList<>(
        batches(collective, response.getAdmitted().getDocumentsList()));
    Frame last = frames.remove(frames.size() - 1);
    frames.add(Frame.newBuilder().setJoinResponse(
        JoinResponse.newBuilder().setAdmitted(last.getDocuments())).build());
    return frames;
  }

  /** The joiner's side of {@link #joinFrames}: the answer with the history sent ahead of it. */
  static JoinResponse withEarlierHistory(JoinResponse response, List<SignedDocument> earlier) {
    if (earlier == null || earlier.isEmpty() || !response.hasAdmitted()) {
      return response;
    }
    DocumentBatch.Builder all = response.getAdmitted().toBuilder().clearDocuments()
        .addAllDocuments(earlier).addAllDocuments(response.getAdmitted().getDocumentsList());
    return JoinResponse.newBuilder().setAdmitted(all).build();
  }

  static List<Frame> batches(CollectiveId collective, List<SignedDocument> docs) {
    List<Frame> out = new ArrayList<>();
    DocumentBatch.Builder batch = newBatch(collective);
    int size = 0;
    for (SignedDocument doc : docs) {
      int docSize = doc.getSerializedSize() + 8;
      if (size + docSize > MAX_BATCH_BYTES && batch.getDocumentsCount() > 0) {
        out.add(Frame.newBuilder().setDocuments(batch).build());
        batch = newBatch(collective);
        size = 0;
      }
      batch.addDocuments(doc);
      size += docSize;
    }
    out.add(Frame.newBuilder().setDocuments(batch).build());
    return out;
  }

  private static DocumentBatch.Builder newBatch(CollectiveId collective) {
    return DocumentBatch.newBuilder().setCollectiveId(ByteString.copyFrom(collective.bytes()));
  }
}
