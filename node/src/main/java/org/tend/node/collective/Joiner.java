package org.tend.node.collective;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.tend.node.api.collective.CollectiveException;
import org.tend.node.api.collective.CollectiveSummary;
import org.tend.node.api.collective.InviteRefusedException;
import org.tend.node.api.home.TendException;
import org.tend.node.api.transport.Connector;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.api.transport.PeerAddress;
import org.tend.node.api.transport.PeerLink;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.Frame;
import org.tend.protocol.proto.JoinRequest;
import org.tend.protocol.proto.JoinResponse;
import org.tend.protocol.proto.KnownAddress;
import org.tend.protocol.proto.MemberProfile;
import org.tend.protocol.proto.SignedDocument;

/**
 * The joiner's side: checks the code, reaches the inviter's node with the invite's join-only
 * key (so only the inviter named in the code can answer), sends the signed join request, and
 * keeps the history it receives only if it really admits this node under the invite.
 */
final class Joiner {
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);
  /** Within the command line's 30 s wait for the node, with the answer's time to spare. */
  private static final Duration REACH_TIMEOUT = Duration.ofSeconds(12);
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final CollectiveManager manager;
  private final CollectiveSync sync;
  private final Connector connector;

  Joiner(CollectiveManager manager, CollectiveSync sync, Connector connector) {
    this.manager = manager;
    this.sync = sync;
    this.connector = connector;
  }

  CollectiveSummary join(String text, String displayName) throws TendException {
    InviteCode code = InviteCode.decode(text);
    if (manager.clock().instant().isAfter(code.expiresAt())) {
      throw new InviteRefusedException("This invite expired on " + WHEN.format(code.expiresAt())
          + "; ask the person who invited you for a new one.");
    }
    if (manager.rosterOf(code.collective()).isPresent()) {
      throw new CollectiveException("This node already belongs to that collective.");
    }
    MemberProfile profile = manager.profile(displayName);
    ByteString inviteId = ByteString.copyFrom(code.inviteId());
    try (SecretBytes joinKey = code.joinKey()) {
      JoinRequest request = JoinRequest.newBuilder().setProfile(profile).setInviteId(inviteId)
          .setJoinerSignature(ByteString.copyFrom(
              JoinSignatures.sign(manager.identity(), code.collective(), inviteId, profile)))
          .setInviteProof(ByteString.copyFrom(JoinSignatures.inviteProof(joinKey,
              code.collective(), inviteId, profile.getSigningKey())))
          .build();
      NetworkKey key = NetworkKey.forJoin(code.collective(), joinKey, code.inviter());
      Optional<Reached> reached = reach(code.addresses(), key);
      if (reached.isEmpty()) {
        throw new InviteRefusedException("Could not reach the inviter's node at "
            + String.join(", ", code.addresses().stream().map(Object::toString).toList())
            + ". Their node may be offline (ask them to run `tend up`), the invite was"
            + " withdrawn, or their node runs an older version of Tend, which cannot answer"
            + " this one (both need the same version).");
      }
      JoinResponse response = exchange(reached.get().link(), request);
      CollectiveSummary joined = accept(code, response);
      manager.seen(KnownAddress.newBuilder()
          .setCollectiveId(ByteString.copyFrom(code.collective().bytes()))
          .setMember(ByteString.copyFrom(code.inviter().bytes()))
          .setHost(reached.get().address().host()).setPort(reached.get().address().port())
          .setSource("invite").setLastSeenMillis(manager.clock().millis()).build());
      return joined;
    }
  }

  private record Reached(PeerLink link, PeerAddress.Tcp address) {
  }

  /**
   * Tries every address at once and keeps the first link made (closing any other), so an
   * invite listing several of the inviter's addresses costs one handshake deadline at most.
   */
  private Optional<Reached> reach(List<PeerAddress.Tcp> addresses, NetworkKey key) {
    CompletableFuture<Reached> first = new CompletableFuture<>();
    AtomicInteger failed = new AtomicInteger();
    for (PeerAddress.Tcp address : addresses) {
      connector.connect(address, key, key.onlyPeer().orElseThrow()).whenComplete((link, failure) -> {
        if (failure != null) {
          if (failed.incrementAndGet() == addresses.size()) {
            first.completeExceptionally(failure);
          }
        } else if (!first.complete(new Reached(link, address))) {
          link.close();
        }
      });
    }
    try {
      return Optional.of(first.get(REACH_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException e) {
      first.thenAccept(late -> late.link().close());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private JoinResponse exchange(PeerLink link, JoinRequest request) throws TendException {
    var answer = sync.expectJoinResponse(link);
    link.send(Frame.newBuilder().setJoinRequest(request).build());
    try {
      return answer.get(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new InviteRefusedException(
          "The inviter's node did not answer the join request; try again in a moment.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InviteRefusedException("Joining was interrupted.");
    } finally {
      link.close();
    }
  }

  private CollectiveSummary accept(InviteCode code, JoinResponse response) throws TendException {
    if (response.hasRefused()) {
      throw new InviteRefusedException(switch (response.getRefused()) {
        case INVITE_USED_UP -> "This invite has already been used; ask for a new one.";
        case INVITE_EXPIRED -> "This invite has expired; ask for a new one.";
        case INVITE_WITHDRAWN -> "This invite was withdrawn or is not known to the inviter.";
        case ALREADY_A_MEMBER -> "This node is, or was, already a member of that collective.";
        case INVITER_MAY_NOT_INVITE -> "The inviter may no longer invite to this collective.";
        default -> "The inviter's node refused the join request.";
      });
    }
    List<VerifiedDocument> docs = new ArrayList<>();
    VerifiedDocument genesis = null;
    for (SignedDocument signed : response.getAdmitted().getDocumentsList()) {
      try {
        VerifiedDocument doc = VerifiedDocument.verify(signed);
        if (doc.collective().equals(code.collective())) {
          docs.add(doc);
          if (doc.body().hasGenesis() && Genesises.isValid(doc)) {
            genesis = doc;
          }
        }
      } catch (DocumentException e) {
        // a document that does not verify is not kept
      }
    }
    if (genesis == null) {
      throw new InviteRefusedException("The inviter's node sent no valid history; not joined.");
    }
    Roster roster;
    try {
      roster = RosterReplay.replay(genesis.hash(), docs);
    } catch (DocumentException e) {
      throw new InviteRefusedException("The inviter's node sent a broken history; not joined.");
    }
    boolean admittedByInviter = docs.stream().anyMatch(d -> d.body().hasJoined()
        && d.author().equals(code.inviter())
        && d.body().getJoined().getMember().getSigningKey()
            .equals(ByteString.copyFrom(manager.me().bytes())));
    if (!admittedByInviter || !roster.isActive(manager.me())) {
      throw new InviteRefusedException("The inviter's node did not admit this node; not joined.");
    }
    manager.adopt(code.collective(), genesis.hash(), docs);
    return manager.resolve(Optional.of(code.collective().hex()));
  }
}
