package org.tend.node.collective;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tend.node.api.collective.CollectiveException;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.GrantOutcome;
import org.tend.node.api.collective.IssuedInvite;
import org.tend.node.api.collective.Member;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.collective.MemberStatus;
import org.tend.node.api.collective.RemovalOutcome;
import org.tend.node.api.collective.Role;
import org.tend.node.api.home.TendException;
import org.tend.node.api.transport.PeerAddress;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.InviteRecord;
import org.tend.protocol.proto.Left;
import org.tend.protocol.proto.MembershipBody;
import org.tend.protocol.proto.RemovalApproved;
import org.tend.protocol.proto.RemovalProposed;
import org.tend.protocol.proto.RoleApproved;
import org.tend.protocol.proto.RoleGranted;

/**
 * The changes a member asks for: invites, roles, removals and leaving. Each checks what the
 * collective's rules and this member's role allow, then signs its document through the
 * manager, holding the manager's lock so it sees and changes one consistent state.
 */
final class MembershipChanges {
  private final CollectiveManager manager;

  MembershipChanges(CollectiveManager manager) {
    this.manager = manager;
  }

  IssuedInvite invite(CollectiveId id, int uses, Duration validFor,
      List<PeerAddress.Tcp> addresses) throws TendException {
    synchronized (manager) {
      Roster roster = manager.roster(id);
      requireActive(roster);
      if (!manager.mayInvite(roster, manager.me())) {
        throw new CollectiveException("In " + roster.name() + " only facilitators may invite.");
      }
      if (uses < 1 || uses > 100) {
        throw new IllegalArgumentException("an invite's uses must be 1 to 100, was " + uses);
      }
      if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(Duration.ofDays(30)) > 0) {
        throw new IllegalArgumentException("an invite lasts at most 30 days, was " + validFor);
      }
      Instant expires = Instant.ofEpochSecond(manager.clock().instant().plus(validFor).getEpochSecond());
      try (SecretBytes secret = SecretBytes.random(manager.randomness(), InviteCode.SECRET_LENGTH)) {
        InviteCode code = new InviteCode(id, manager.me(), secret, expires, addresses);
        try (SecretBytes joinKey = code.joinKey()) {
          manager.book().putInvite(manager.book().newInviteId(), InviteRecord.newBuilder()
              .setInviteId(ByteString.copyFrom(code.inviteId()))
              .setCollectiveId(ByteString.copyFrom(id.bytes()))
              .setJoinKey(ByteString.copyFrom(joinKey.exposeSecret()))
              .setUsesLeft(uses)
              .setExpiresAtMillis(expires.toEpochMilli())
              .setCreatedAtMillis(manager.clock().millis())
              .build());
        }
        manager.invalidateKeys();
        return new IssuedInvite(code.encode(), id, uses, expires);
      }
    }
  }

  GrantOutcome grantFacilitator(CollectiveId id, MemberKey member) throws TendException {
    synchronized (manager) {
      Roster roster = manager.roster(id);
      requireFacilitator(roster, "make someone a facilitator");
      MemberEntry target = activeMember(roster, member);
      int quorum = (int) roster.grantQuorum();
      if (target.role() == Role.FACILITATOR) {
        return new GrantOutcome(target.toMember(), quorum, quorum);
      }
      Optional<Map.Entry<DocumentHash, Roster.PendingGrant>> pending = pendingGrant(roster,
          member);
      if (pending.isPresent() && pending.get().getValue().approvals().contains(manager.me())) {
        return new GrantOutcome(target.toMember(), pending.get().getValue().approvals().size(),
            quorum);
      }
      if (pending.isPresent()) {
        manager.publish(id, MembershipBody.newBuilder().setRoleApproved(RoleApproved.newBuilder()
            .setGrant(pending.get().getKey().byteString())));
      } else {
        manager.publish(id, MembershipBody.newBuilder().setRoleGranted(RoleGranted.newBuilder()
            .setMember(ByteString.copyFrom(member.bytes()))
            .setRole(org.tend.protocol.proto.Role.FACILITATOR)));
      }
      Roster after = manager.roster(id);
      MemberEntry now = after.member(member).orElseThrow();
      int approvals = now.role() == Role.FACILITATOR ? quorum
          : pendingGrant(after, member).map(e -> e.getValue().approvals().size()).orElse(0);
      return new GrantOutcome(now.toMember(), approvals, quorum);
    }
  }

  private static Optional<Map.Entry<DocumentHash, Roster.PendingGrant>> pendingGrant(
      Roster roster, MemberKey member) {
    return roster.pendingGrants().entrySet().stream()
        .filter(e -> e.getValue().member().equals(member)
            && e.getValue().role() == Role.FACILITATOR)
        .findFirst();
  }

  RemovalOutcome remove(CollectiveId id, MemberKey member, String reason)
      throws TendException {
    synchronized (manager) {
      Roster roster = manager.roster(id);
      requireFacilitator(roster, "remove a member");
      MemberEntry target = activeMember(roster, member);
      if (member.equals(manager.me())) {
        throw new CollectiveException("You cannot remove yourself; `tend collective leave` leaves.");
      }
      String why = reason.strip();
      if (why.isEmpty() || why.length() > MembershipLimits.MAX_REASON_CHARS) {
        throw new IllegalArgumentException(
            "a removal needs a reason of 1 to " + MembershipLimits.MAX_REASON_CHARS + " characters");
      }
      Optional<Map.Entry<DocumentHash, Roster.PendingRemoval>> pending = roster.pendingRemovals()
          .entrySet().stream().filter(e -> e.getValue().member().equals(member)).findFirst();
      if (pending.isPresent() && pending.get().getValue().approvals().contains(manager.me())) {
        return new RemovalOutcome(target.toMember(), pending.get().getValue().approvals().size(),
            roster.rules().removalQuorum());
      }
      if (pending.isPresent()) {
        manager.publish(id, MembershipBody.newBuilder().setRemovalApproved(RemovalApproved.newBuilder()
            .setProposal(pending.get().getKey().byteString())));
      } else {
        manager.publish(id, MembershipBody.newBuilder().setRemovalProposed(RemovalProposed.newBuilder()
            .setMember(ByteString.copyFrom(member.bytes())).setReason(why)));
      }
      Roster after = manager.roster(id);
      int approvals = after.isActive(member)
          ? after.pendingRemovals().values().stream().filter(p -> p.member().equals(member))
              .mapToInt(p -> p.approvals().size()).findFirst().orElse(0)
          : after.rules().removalQuorum();
      return new RemovalOutcome(after.member(member).orElseThrow().toMember(), approvals,
          after.rules().removalQuorum());
    }
  }

  void leave(CollectiveId id) throws TendException {
    synchronized (manager) {
      Roster roster = manager.roster(id);
      requireActive(roster);
      boolean lastFacilitator = roster.member(manager.me()).orElseThrow().role() == Role.FACILITATOR
          && roster.active().stream().filter(MemberEntry::activeFacilitator).count() == 1
          && roster.activeCount() > 1;
      if (lastFacilitator) {
        throw new CollectiveException("You are the last facilitator of " + roster.name()
            + "; make someone else a facilitator first (`tend member grant facilitator`).");
      }
      manager.publish(id, MembershipBody.newBuilder().setLeft(Left.getDefaultInstance()));
    }
  }

  private void requireActive(Roster roster) throws CollectiveException {
    MemberStatus status = roster.member(manager.me()).map(MemberEntry::status).orElse(MemberStatus.REMOVED);
    if (status != MemberStatus.ACTIVE) {
      throw new CollectiveException("You are no longer a member of " + roster.name()
          + (status == MemberStatus.LEFT ? " (you left it)." : " (you were removed)."));
    }
  }

  private void requireFacilitator(Roster roster, String what) throws CollectiveException {
    requireActive(roster);
    if (roster.member(manager.me()).orElseThrow().role() != Role.FACILITATOR) {
      throw new CollectiveException("Only facilitators of " + roster.name() + " may " + what + ".");
    }
  }

  private static MemberEntry activeMember(Roster roster, MemberKey member)
      throws CollectiveException {
    MemberEntry entry = roster.member(member).orElseThrow(() -> new CollectiveException(
        "That person is not a member of " + roster.name() + "."));
    if (!entry.active()) {
      throw new CollectiveException(entry.profile().getDisplayName() + " is no longer a member of "
          + roster.name() + ".");
    }
    return entry;
  }
}
