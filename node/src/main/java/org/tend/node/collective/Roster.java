package org.tend.node.collective;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.Member;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.collective.Rules;

/**
 * A collective as its membership history says it is now: computed from the documents alone, so
 * every member holding the same documents sees the same roster. Immutable.
 *
 * @param members every member ever admitted, in the order they joined
 * @param sealedKeys every key package sealed to each member, oldest first
 * @param rotationDue the document (a removal or a departure) whose key rotation has not yet
 *     happened
 * @param pendingRemovals for each removal proposal not yet in effect, who has signed it
 * @param pendingGrants for each role change not yet in effect, who has signed it
 * @param heads applied documents no applied document names as a parent: a new document's parents
 * @param applied how many documents took effect; the others were refused or wait for parents
 */
record Roster(CollectiveId id, DocumentHash genesis, String name, Rules rules,
    Map<MemberKey, MemberEntry> members, int epoch, Map<MemberKey, List<EpochKeySeal.Sealed>> sealedKeys,
    Optional<DocumentHash> rotationDue, Map<DocumentHash, PendingRemoval> pendingRemovals,
    Map<DocumentHash, PendingGrant> pendingGrants, Set<DocumentHash> heads, int applied) {

  /** A removal proposal and the facilitators who have signed it so far. */
  record PendingRemoval(MemberKey member, String reason, Set<MemberKey> approvals) {
  }

  /** A role change and the facilitators who have signed it so far. */
  record PendingGrant(MemberKey member, org.tend.node.api.collective.Role role,
      Set<MemberKey> approvals) {
  }

  /**
   * Facilitator signatures a role change needs: the removal quorum, or every active facilitator
   * while there are fewer than that.
   */
  static long grantQuorum(Rules rules, long activeFacilitators) {
    return Math.max(1, Math.min(rules.removalQuorum(), activeFacilitators));
  }

  long grantQuorum() {
    return grantQuorum(rules, members.values().stream().filter(MemberEntry::activeFacilitator)
        .count());
  }

  Optional<MemberEntry> member(MemberKey key) {
    return Optional.ofNullable(members.get(key));
  }

  boolean isActive(MemberKey key) {
    return member(key).map(MemberEntry::active).orElse(false);
  }

  List<Member> toMembers() {
    return members.values().stream().map(MemberEntry::toMember).toList();
  }

  long activeCount() {
    return members.values().stream().filter(MemberEntry::active).count();
  }

  List<MemberEntry> active() {
    return members.values().stream().filter(MemberEntry::active).toList();
  }
}
