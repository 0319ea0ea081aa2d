package org.tend.node.simulation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.home.TendException;
import org.tend.node.api.transport.PeerLink;
import org.tend.node.keystore.NodeIdentity;
import org.tend.node.replication.MemoryEventStore;
import org.tend.node.replication.Replicator;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.proto.DocumentBatch;
import org.tend.protocol.proto.EventContent;
import org.tend.protocol.proto.EventHeader;
import org.tend.protocol.proto.EventPush;
import org.tend.protocol.proto.ForkResolution;
import org.tend.protocol.proto.Frame;
import org.tend.protocol.proto.ListenPoint;
import org.tend.protocol.proto.MembershipBody;
import org.tend.protocol.proto.Notice;
import org.tend.protocol.proto.PeerExchange;
import org.tend.protocol.proto.Role;
import org.tend.protocol.proto.RoleGranted;
import org.tend.protocol.proto.SignedDocument;
import org.tend.protocol.proto.SignedEvent;

/**
 * The attacks a hostile member's node makes, each through the frames and events any modified
 * node could send: nothing here reaches into another node.
 */
final class HostileActs {
  /** Documents per flood frame: well under the transport's frame limit. */
  private static final int DOCUMENTS_PER_FRAME = 2_000;
  /** Keys the junk documents are signed with: throwaway, never admitted. */
  private static final int THROWAWAY_KEYS = 16;

  private HostileActs() {
  }

  static Optional<MemberKey> authorOf(SignedEvent event) {
    try {
      return Optional.of(MemberKey.of(
          EventHeader.parseFrom(event.getHeader()).getAuthor().toByteArray()));
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * {@code count} tiny documents, each validly signed by a key nobody admitted: what a flood
   * sends.
   */
  static List<SignedDocument> junk(CollectiveId collective, int count, SeededRandomness random,
      long createdAt) {
    List<NodeIdentity> keys = new ArrayList<>();
    for (int i = 0; i < THROWAWAY_KEYS; i++) {
      keys.add(NodeIdentity.generate(random.split()));
    }
    List<SignedDocument> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      NodeIdentity key = keys.get(i % THROWAWAY_KEYS);
      byte[] body = MembershipBody.newBuilder()
          .setCollectiveId(ByteString.copyFrom(collective.bytes()))
          .setAuthor(ByteString.copyFrom(key.signing().publicKey()))
          .setCreatedAtMillis(createdAt + i)
          .setRoleGranted(RoleGranted.newBuilder()
              .setMember(ByteString.copyFrom(key.signing().publicKey()))
              .setRole(Role.FACILITATOR))
          .build().toByteArray();
      out.add(SignedDocument.newBuilder().setBody(ByteString.copyFrom(body))
          .setSignature(ByteString.copyFrom(key.signing().sign(Labels.COLLECTIVE_DOCUMENT, body)))
          .build());
    }
    return out;
  }

  /** Document frames of {@code junk} on every link, then a burst of {@code events} notices. */
  static void flood(SimNode node, CollectiveId collective, List<SignedDocument> junk,
      int events) {
    List<Frame> frames = new ArrayList<>();
    for (int from = 0; from < junk.size(); from += DOCUMENTS_PER_FRAME) {
      frames.add(Frame.newBuilder().setDocuments(DocumentBatch.newBuilder()
          .setCollectiveId(ByteString.copyFrom(collective.bytes()))
          .addAllDocuments(junk.subList(from, Math.min(junk.size(), from + DOCUMENTS_PER_FRAME))))
          .build());
    }
    for (PeerLink link : node.hostility.links()) {
      frames.forEach(link::send);
      node.hostility.acted(Behaviour.FLOOD, frames.size());
    }
    for (int i = 0; i < events; i++) {
      try {
        node.replicator.publishForCollective(collective, EventContent.newBuilder()
            .setNotice(Notice.newBuilder().setText("flood " + i)).build());
        node.hostility.acted(Behaviour.FLOOD, 1);
      } catch (TendException | RuntimeException e) {
        return; // its own node's rate rule stops it
      }
    }
  }

  /**
   * Signs a second event at the place of its next one, with a second replicator over an empty
   * log and the same key, and pushes it to half its links; the first goes out as usual. Works
   * while the node's log is empty, so it is the node's first act.
   */
  static void fork(SimNode node, CollectiveId collective, Clock clock, SeededRandomness random,
      ScheduledExecutorService timers) throws TendException {
    MemoryEventStore twinStore = new MemoryEventStore();
    Replicator twin = Replicator.builder(twinStore, node.collectives::membership,
            node.identity.signing())
        .clock(clock).randomness(random).executor(Runnable::run).timers(timers).build();
    twin.publishForCollective(collective, EventContent.newBuilder()
        .setNotice(Notice.newBuilder().setText("the one version")).build());
    SignedEvent other = twinStore.event(collective, node.key, 1).orElseThrow();
    node.replicator.publishForCollective(collective, EventContent.newBuilder()
        .setNotice(Notice.newBuilder().setText("the other version")).build());
    List<PeerLink> links = node.hostility.links();
    Frame push = Frame.newBuilder().setEvents(EventPush.newBuilder()
        .setKind(EventPush.Kind.GOSSIP).setHops(0).addEvents(other)).build();
    for (int i = 0; i < links.size(); i += 2) {
      links.get(i).send(push);
      node.hostility.acted(Behaviour.FORK, 1);
    }
  }

  /**
   * Sends every first handshake message {@code node} recorded, byte for byte, to each of
   * {@code targets} on a bare connection, as anyone who saw it on the wire could; returns how
   * many it sent and how many bytes came back in all (the promise: none).
   */
  static long[] replay(SimNode node, List<SimNode> targets, java.time.Duration wait) {
    List<java.util.concurrent.CompletableFuture<Integer>> answers = new ArrayList<>();
    for (byte[] message : node.hostility.recorded()) {
      for (SimNode target : targets) {
        if (target != node && target.online()) {
          answers.add(node.sendRaw(target, message, wait));
        }
      }
    }
    long back = 0;
    for (java.util.concurrent.CompletableFuture<Integer> answer : answers) {
      back += answer.orTimeout(wait.toMillis() + 10_000, java.util.concurrent.TimeUnit.MILLISECONDS)
          .exceptionally(e -> 0).join();
    }
    node.hostility.acted(Behaviour.REPLAY, answers.size());
    return new long[] {answers.size(), back};
  }

  /** A fork resolution for {@code victim}'s log, which never forked, from its first event. */
  static void forge(SimNode node, CollectiveId collective, MemberKey victim)
      throws TendException {
    node.replicator.publishForCollective(collective, EventContent.newBuilder()
        .setForkResolution(ForkResolution.newBuilder()
            .setAuthor(ByteString.copyFrom(victim.bytes())).setFromSequence(1)).build());
    node.hostility.acted(Behaviour.FORGE, 1);
  }

  /** Announces addresses where nothing listens (documentation addresses, RFC 5737). */
  static void bogus(SimNode node, CollectiveId collective) throws TendException {
    PeerExchange.Builder exchange = PeerExchange.newBuilder();
    for (int i = 1; i <= 8; i++) {
      exchange.addAddresses(ListenPoint.newBuilder().setHost("192.0.2." + i).setPort(7428));
    }
    node.replicator.publishForCollective(collective,
        EventContent.newBuilder().setPeerExchange(exchange).build());
    node.hostility.acted(Behaviour.BOGUS, exchange.getAddressesCount());
  }
}
