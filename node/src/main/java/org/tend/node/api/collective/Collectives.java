package org.tend.node.api.collective;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.tend.node.api.home.TendException;
import org.tend.node.api.transport.PeerAddress;

/**
 * The collectives this node belongs to: creating one, inviting, joining, roles, removal and
 * leaving. Every change is a document signed by this node's identity, kept in its store and
 * passed to the members it is connected to. Thread-safe.
 */
public interface Collectives {

  /** Founds a collective with this node as its first member and facilitator. */
  CollectiveSummary create(String name, String displayName, Rules rules) throws TendException;

  /** Every collective this node belongs or belonged to, in the order it joined them. */
  List<CollectiveSummary> list();

  /**
   * The collective named by {@code nameOrId} (its exact name, or a prefix of its id), or the
   * only one this node belongs to when empty.
   *
   * @throws CollectiveException if none or several match, saying which to choose from
   */
  CollectiveSummary resolve(Optional<String> nameOrId) throws CollectiveException;

  /** Everyone ever admitted, in the order they joined. */
  List<Member> members(CollectiveId collective) throws CollectiveException;

  /**
   * The member whose fingerprint starts with {@code fingerprint} (spaces and case ignored).
   *
   * @throws CollectiveException if none or several match
   */
  Member member(CollectiveId collective, String fingerprint) throws CollectiveException;

  /**
   * Issues an invite that {@code uses} people may redeem until {@code validFor} has passed,
   * reaching this node at {@code addresses}.
   *
   * @throws CollectiveException if this member may not invite under the collective's rules
   */
  IssuedInvite invite(CollectiveId collective, int uses, Duration validFor,
      List<PeerAddress.Tcp> addresses) throws TendException;

  /**
   * Redeems an invite code: reaches the inviter's node, is admitted under {@code displayName},
   * and receives the collective's history and keys. Blocks until done (seconds).
   *
   * @throws InviteRefusedException if the code is mistyped, forged, expired, used up or
   *     withdrawn, or the inviter's node cannot be reached
   */
  CollectiveSummary join(String code, String displayName) throws TendException;

  /**
   * Signs making a member a facilitator (facilitators only): proposes it, or adds this
   * facilitator's signature to the proposal already made. It takes effect at the collective's
   * removal quorum, so no one facilitator can appoint the facilitators who meet that quorum.
   */
  GrantOutcome grantFacilitator(CollectiveId collective, MemberKey member) throws TendException;

  /**
   * Signs the removal of {@code member}: proposes it, or adds this facilitator's signature to
   * the proposal already made. It takes effect at the collective's quorum; the keys are then
   * rotated so the removed member reads nothing new.
   */
  RemovalOutcome remove(CollectiveId collective, MemberKey member, String reason)
      throws TendException;

  /** Leaves the collective; the others rotate its keys. */
  void leave(CollectiveId collective) throws TendException;
}
