package org.tend.node.collective;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.InviteRefusedException;
import org.tend.node.api.collective.IssuedInvite;
import org.tend.node.api.home.TendException;
import org.tend.node.api.transport.PeerAddress;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.JoinRequest;
import org.tend.protocol.proto.JoinResponse;
import org.tend.protocol.proto.SignedDocument;

/**
 * Enrols members without the join's network leg, for the in-JVM simulator, which starts from
 * a collective everyone has joined. The invite, the joiner's consent signature, the inviter's
 * checks, the Joined document and the joiner's replay of the history are the ones a join
 * uses; only the join-only link that would carry request and answer is left out.
 */
public final class DirectEnrolment {
  private DirectEnrolment() {
  }

  /**
   * The inviter admits the joiner with a fresh single-use invite; the joiner takes in nothing
   * yet (see {@link #adopt}), so enrolling many members costs one replay each.
   */
  public static void admit(CollectiveModule inviter, CollectiveModule joiner,
      CollectiveId collective, String displayName) throws TendException {
    // The address is never dialled: an invite must name one, and the join's link is left out.
    IssuedInvite issued = inviter.invite(collective, 1, Duration.ofDays(1),
        List.of(new PeerAddress.Tcp("127.0.0.1", 7428)));
    InviteCode code = InviteCode.decode(issued.code());
    ByteString inviteId = ByteString.copyFrom(code.inviteId());
    CollectiveManager manager = joiner.manager();
    var profile = manager.profile(displayName);
    JoinRequest request;
    try (SecretBytes joinKey = code.joinKey()) {
      request = JoinRequest.newBuilder().setProfile(profile).setInviteId(inviteId)
          .setJoinerSignature(ByteString.copyFrom(
              JoinSignatures.sign(manager.identity(), collective, inviteId, profile)))
          .setInviteProof(ByteString.copyFrom(JoinSignatures.inviteProof(joinKey, collective,
              inviteId, profile.getSigningKey())))
          .build();
    }
    JoinResponse response = new InviteDesk(inviter.manager()).admit(collective, manager.me(),
        request);
    if (!response.hasAdmitted()) {
      throw new InviteRefusedException("not admitted: " + response.getRefused());
    }
  }

  /** The joiner takes in the inviter's whole history, as a join's answer hands it over. */
  public static void adopt(CollectiveModule joiner, CollectiveId collective,
      List<SignedDocument> history) throws TendException {
    try {
      adoptVerified(joiner, collective, history);
    } catch (DocumentException e) {
      throw new InviteRefusedException("the history does not verify: " + e.getMessage());
    }
  }

  private static void adoptVerified(CollectiveModule joiner, CollectiveId collective,
      List<SignedDocument> history) throws TendException, DocumentException {
    List<VerifiedDocument> docs = new ArrayList<>();
    Optional<VerifiedDocument> genesis = Optional.empty();
    for (SignedDocument signed : history) {
      VerifiedDocument doc = VerifiedDocument.verify(signed);
      docs.add(doc);
      if (doc.body().hasGenesis() && Genesises.isValid(doc)) {
        genesis = Optional.of(doc);
      }
    }
    if (genesis.isEmpty()) {
      throw new InviteRefusedException("no valid genesis in the history");
    }
    joiner.manager().adopt(collective, genesis.get().hash(), docs);
  }
}
