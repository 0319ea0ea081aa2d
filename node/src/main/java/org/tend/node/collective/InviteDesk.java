package org.tend.node.collective;

import com.google.protobuf.ByteString;
import java.util.Optional;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.home.TendException;
import org.tend.node.store.RecordBox;
import org.tend.protocol.proto.DocumentBatch;
import org.tend.protocol.proto.EpochKeys;
import org.tend.protocol.proto.InviteRecord;
import org.tend.protocol.proto.JoinRefusal;
import org.tend.protocol.proto.JoinRequest;
import org.tend.protocol.proto.JoinResponse;
import org.tend.protocol.proto.Joined;
import org.tend.protocol.proto.MembershipBody;

/**
 * The inviter's side of a join: checks the invite and the joiner's request, spends one use,
 * signs the Joined document with the current keys sealed to the joiner, and answers with the
 * whole history — or with the reason it will not. Spent and expired invites are still
 * recognised for a week, so the joiner hears why instead of silence. The request must prove the
 * secret of the invite it names, so one invite's key never spends another. A joiner already
 * admitted with the same invite gets the history again, without spending a use: joining
 * resumes after a lost answer.
 */
final class InviteDesk {
  private final CollectiveManager manager;

  InviteDesk(CollectiveManager manager) {
    this.manager = manager;
  }

  /** Answers a join request that arrived over a link made with one of this node's invites. */
  JoinResponse admit(CollectiveId collective, MemberKey joiner, JoinRequest request)
      throws TendException {
    synchronized (manager) {
      Optional<RecordBox.Stored<InviteRecord>> found = find(collective, request.getInviteId());
      if (found.isEmpty()) {
        return refused(JoinRefusal.INVITE_WITHDRAWN);
      }
      InviteRecord invite = found.get().message();
      Optional<Roster> roster = manager.rosterOf(collective);
      Optional<MemberKey> profileKey = Profiles.verified(request.getProfile());
      if (roster.isEmpty() || profileKey.isEmpty() || !profileKey.get().equals(joiner)
          || request.getInviteProof().isEmpty()) {
        return refused(JoinRefusal.MALFORMED_REQUEST);
      }
      if (!JoinSignatures.provesInvite(invite.getJoinKey().toByteArray(), collective,
          request.getInviteId(), request.getProfile().getSigningKey(),
          request.getInviteProof())) {
        // The link was opened with some other invite's key: that one is not spent here, and
        // this one is not the sender's to spend.
        return refused(JoinRefusal.INVITE_WITHDRAWN);
      }
      if (admittedBefore(roster.get(), joiner, request.getInviteId())) {
        return history(collective); // the answer was lost: the same again, no use spent
      }
      if (invite.getWithdrawn()) {
        return refused(JoinRefusal.INVITE_WITHDRAWN);
      }
      if (manager.clock().millis() > invite.getExpiresAtMillis()) {
        return refused(JoinRefusal.INVITE_EXPIRED);
      }
      if (invite.getUsesLeft() == 0) {
        return refused(JoinRefusal.INVITE_USED_UP);
      }
      if (roster.get().member(joiner).isPresent()) {
        return refused(JoinRefusal.ALREADY_A_MEMBER);
      }
      if (!manager.mayInvite(roster.get(), manager.me())) {
        return refused(JoinRefusal.INVITER_MAY_NOT_INVITE);
      }
      EpochKeys current = manager.keysOf(collective).get(roster.get().epoch());
      if (current == null) {
        return refused(JoinRefusal.INVITER_MAY_NOT_INVITE); // this node lacks the current keys
      }
      Joined joined = Joined.newBuilder()
          .setMember(request.getProfile())
          .setInviteId(request.getInviteId())
          .setJoinerSignature(request.getJoinerSignature())
          .setKeys(EpochKeySeal.seal(manager.randomness(), collective, request.getProfile(),
              current, EpochKeySeal.Slot.joined(roster.get().epoch(), request.getInviteId())))
          .build();
      if (JoinSignatures.verifiedJoiner(collective, joined).isEmpty()) {
        return refused(JoinRefusal.MALFORMED_REQUEST);
      }
      manager.book().putInvite(found.get().id(),
          invite.toBuilder().setUsesLeft(invite.getUsesLeft() - 1).build());
      manager.publish(collective, MembershipBody.newBuilder().setJoined(joined));
      return history(collective);
    }
  }

  /**
   * Whether this node already admitted {@code joiner} with this invite, and it is still an
   * active member: its node asks again because the answer never reached it.
   */
  private boolean admittedBefore(Roster roster, MemberKey joiner, ByteString inviteId) {
    if (!roster.isActive(joiner)) {
      return false;
    }
    ByteString key = ByteString.copyFrom(joiner.bytes());
    return manager.book().documents(roster.id()).stream().anyMatch(d -> d.body().hasJoined()
        && d.author().equals(manager.me())
        && d.body().getJoined().getInviteId().equals(inviteId)
        && d.body().getJoined().getMember().getSigningKey().equals(key));
  }

  private JoinResponse history(CollectiveId collective) {
    return JoinResponse.newBuilder().setAdmitted(DocumentBatch.newBuilder()
        .setCollectiveId(ByteString.copyFrom(collective.bytes()))
        .addAllDocuments(manager.documents(collective))).build();
  }

  private Optional<RecordBox.Stored<InviteRecord>> find(CollectiveId collective, ByteString id)
      throws TendException {
    ByteString collectiveBytes = ByteString.copyFrom(collective.bytes());
    return manager.book().invites().stream()
        .filter(s -> s.message().getInviteId().equals(id)
            && s.message().getCollectiveId().equals(collectiveBytes))
        .findFirst();
  }

  private static JoinResponse refused(JoinRefusal reason) {
    return JoinResponse.newBuilder().setRefused(reason).build();
  }
}
