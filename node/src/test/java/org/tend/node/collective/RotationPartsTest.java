package org.tend.node.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tend.node.collective.History.member;
import static org.tend.node.collective.History.propose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tend.node.api.collective.InviteRule;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.proto.EpochKeys;
import org.tend.protocol.proto.SignedDocument;

/**
 * Rotations in parts, replayed from documents signed by real identities: they take effect only
 * whole, sealed to exactly the active members, and no hostile chain of parts gives a removed
 * member keys or keeps a member from them.
 */
class RotationPartsTest {

  /** A collective of {@code size} members, one of whom (not the founder) is then removed. */
  private static final class Removed {
    final History h = new History(41, InviteRule.ANY_MEMBER, 1);
    final List<NodeIdentity> everyone;
    final NodeIdentity removed;
    final VerifiedDocument removal;
    final List<NodeIdentity> active;

    Removed(int size) {
      everyone = Parts.grow(h, size - 1);
      removed = everyone.get(size / 2);
      removal = h.append(h.founder, propose(removed, "shared the keys"));
      List<NodeIdentity> rest = new ArrayList<>(everyone);
      rest.remove(removed);
      active = Parts.sorted(rest);
    }

    /** The slices of the active members, with {@code extra} put in its key order. */
    List<NodeIdentity> activeWith(NodeIdentity extra) {
      List<NodeIdentity> out = new ArrayList<>(active);
      out.add(extra);
      return Parts.sorted(out);
    }
  }

  private static void add(History h, List<VerifiedDocument> docs) {
    docs.forEach(h::add);
  }

  /** The epoch 1 keys {@code who} can open, if any. */
  private static Optional<EpochKeys> epochOneKeys(History h, Roster roster, NodeIdentity who) {
    return roster.sealedKeys().getOrDefault(member(who), List.of()).stream()
        .filter(s -> s.slot().epoch() == 1).findFirst()
        .flatMap(s -> EpochKeySeal.open(who, h.id, s));
  }

  private static void assertNotRotated(Removed c, Roster roster) {
    assertEquals(0, roster.epoch());
    assertEquals(Optional.of(c.removal.hash()), roster.rotationDue(), "the rotation stays due");
    for (NodeIdentity m : c.everyone) {
      assertEquals(Optional.empty(), epochOneKeys(c.h, roster, m), "nobody holds epoch 1 keys");
    }
  }

  @Test
  void aRotationInPartsTakesEffectOnlyWithItsLastPart() {
    Removed c = new Removed(9);
    List<VerifiedDocument> chain = Parts.chain(c.h, c.h.founder, 1, c.removal,
        Parts.even(c.active, 3));

    c.h.add(chain.get(0));
    c.h.add(chain.get(1));
    assertNotRotated(c, c.h.replay());

    c.h.add(chain.get(2));
    Roster roster = c.h.replay();
    assertEquals(1, roster.epoch());
    assertEquals(Optional.empty(), roster.rotationDue());
    EpochKeys keys = epochOneKeys(c.h, roster, c.active.get(0)).orElseThrow();
    for (NodeIdentity m : c.active) {
      assertEquals(Optional.of(keys), epochOneKeys(c.h, roster, m), "one set of keys for all");
    }
    assertEquals(Optional.empty(), epochOneKeys(c.h, roster, c.removed));
    assertEquals(Set.of(chain.get(2).hash()), roster.heads());
  }

  @Test
  void partsInAnyOrderOfArrivalReplayTheSame() {
    Removed c = new Removed(9);
    List<VerifiedDocument> chain = Parts.chain(c.h, c.h.founder, 1, c.removal,
        Parts.even(c.active, 4));
    List<VerifiedDocument> before = c.h.docs();
    List<VerifiedDocument> shuffled = new ArrayList<>(before);
    shuffled.addAll(List.of(chain.get(3), chain.get(1), chain.get(0), chain.get(2)));
    List<VerifiedDocument> withoutPartOne = new ArrayList<>(before);
    withoutPartOne.addAll(List.of(chain.get(3), chain.get(0), chain.get(2)));

    assertEquals(0, c.h.replay(withoutPartOne).epoch(), "a later part waits for its previous");
    Roster roster = c.h.replay(shuffled);
    assertEquals(1, roster.epoch());
    assertTrue(epochOneKeys(c.h, roster, c.active.get(c.active.size() - 1)).isPresent());
  }

  @Test
  void partsThatOverlapAreRefused() {
    Removed c = new Removed(9);
    List<NodeIdentity> a = c.active;
    // the fourth member sealed to in both parts; each part in order, the whole not
    add(c.h, Parts.chain(c.h, c.h.founder, 1, c.removal,
        List.of(a.subList(0, 4), a.subList(3, a.size()))));
    assertNotRotated(c, c.h.replay());
  }

  @Test
  void partsThatLeaveAnActiveMemberOutAreRefused() {
    Removed c = new Removed(9);
    List<NodeIdentity> a = c.active;
    add(c.h, Parts.chain(c.h, c.h.founder, 1, c.removal,
        List.of(a.subList(0, 4), a.subList(5, a.size()))));
    assertNotRotated(c, c.h.replay());
  }

  @Test
  void aLastPartThatLeavesOutTheHighestMemberIsRefused() {
    Removed c = new Removed(9);
    List<NodeIdentity> a = c.active;
    add(c.h, Parts.chain(c.h, c.h.founder, 1, c.removal,
        List.of(a.subList(0, 4), a.subList(4, a.size() - 1))));
    assertNotRotated(c, c.h.replay());
  }

  @Test
  void partsThatAddTheRemovedMemberAreRefused() {
    Removed c = new Removed(9);
    List<NodeIdentity> withRemoved = c.activeWith(c.removed);
    add(c.h, Parts.chain(c.h, c.h.founder, 1, c.removal, Parts.even(withRemoved, 2)));
    Roster roster = c.h.replay();
    assertNotRotated(c, roster);
    assertEquals(1, roster.sealedKeys().get(member(c.removed)).size(), "epoch 0's box only");
  }

  @Test
  void partsThatAddAStrangerAreRefused() {
    Removed c = new Removed(9);
    NodeIdentity stranger = c.h.identity();
    add(c.h, Parts.chain(c.h, c.h.founder, 1, c.removal, Parts.even(c.activeWith(stranger), 2)));
    assertNotRotated(c, c.h.replay());
    assertFalse(c.h.replay().sealedKeys().containsKey(member(stranger)));
  }

  @Test
  void recipientsOutOfKeyOrderAreRefused() {
    Removed c = new Removed(9);
    List<NodeIdentity> reversed = new ArrayList<>(c.active);
    java.util.Collections.reverse(reversed);
    add(c.h, Parts.chain(c.h, c.h.founder, 1, c.removal, Parts.even(reversed, 2)));
    assertNotRotated(c, c.h.replay());
  }

  @Test
  void partsOfDifferentEpochsCausesOrCountsDoNotCombine() {
    Removed c = new Removed(9);
    List<List<NodeIdentity>> halves = Parts.even(c.active, 2);
    List<DocumentHash> heads = c.h.replay().heads().stream().toList();
    VerifiedDocument first = c.h.add(c.h.founder, Parts.part(c.h,
        EpochKeySeal.fresh(c.h.randomness, 1), c.removal, 0, 2, Optional.empty(), halves.get(0)),
        heads, c.h.tick());
    VerifiedDocument otherCause = c.h.genesis;
    List<VerifiedDocument> seconds = List.of(
        c.h.make(c.h.founder, Parts.part(c.h, EpochKeySeal.fresh(c.h.randomness, 2), c.removal,
            1, 2, Optional.of(first), halves.get(1)), List.of(first.hash()), c.h.tick()),
        c.h.make(c.h.founder, Parts.part(c.h, EpochKeySeal.fresh(c.h.randomness, 1), otherCause,
            1, 2, Optional.of(first), halves.get(1)), List.of(first.hash()), c.h.tick()),
        c.h.make(c.h.founder, Parts.part(c.h, EpochKeySeal.fresh(c.h.randomness, 1), c.removal,
            1, 3, Optional.of(first), halves.get(1)), List.of(first.hash()), c.h.tick()),
        c.h.make(c.h.founder, Parts.part(c.h, EpochKeySeal.fresh(c.h.randomness, 1), c.removal,
            2, 2, Optional.of(first), halves.get(1)), List.of(first.hash()), c.h.tick()));
    for (VerifiedDocument second : seconds) {
      List<VerifiedDocument> docs = new ArrayList<>(c.h.docs());
      docs.add(second);
      assertNotRotated(c, c.h.replay(docs));
    }
  }

  @Test
  void aPartByAnotherAuthorDoesNotExtendAChain() {
    Removed c = new Removed(9);
    NodeIdentity ana = c.active.get(0);
    List<List<NodeIdentity>> halves = Parts.even(c.active, 2);
    EpochKeys keys = EpochKeySeal.fresh(c.h.randomness, 1);
    VerifiedDocument first = c.h.add(c.h.founder, Parts.part(c.h, keys, c.removal, 0, 2,
        Optional.empty(), halves.get(0)), c.h.replay().heads().stream().toList(), c.h.tick());
    c.h.add(ana.equals(c.h.founder) ? c.active.get(1) : ana, Parts.part(c.h, keys, c.removal, 1,
        2, Optional.of(first), halves.get(1)), List.of(first.hash()), c.h.tick());
    assertNotRotated(c, c.h.replay());
  }

  @Test
  void aPartThatDoesNotDescendFromItsPreviousPartIsRefused() {
    Removed c = new Removed(9);
    List<List<NodeIdentity>> halves = Parts.even(c.active, 2);
    EpochKeys keys = EpochKeySeal.fresh(c.h.randomness, 1);
    List<DocumentHash> heads = c.h.replay().heads().stream().toList();
    VerifiedDocument first = c.h.add(c.h.founder, Parts.part(c.h, keys, c.removal, 0, 2,
        Optional.empty(), halves.get(0)), heads, c.h.tick());
    // names part 0 but not as a parent, so a node could replay it without part 0
    c.h.add(c.h.founder, Parts.part(c.h, keys, c.removal, 1, 2, Optional.of(first),
        halves.get(1)), heads, c.h.tick());
    assertNotRotated(c, c.h.replay());
  }

  @Test
  void aSecondPartForTheSamePlaceIsRefusedWhicheverArrivesFirst() {
    Removed c = new Removed(9);
    List<List<NodeIdentity>> halves = Parts.even(c.active, 2);
    EpochKeys keys = EpochKeySeal.fresh(c.h.randomness, 1);
    VerifiedDocument first = c.h.add(c.h.founder, Parts.part(c.h, keys, c.removal, 0, 2,
        Optional.empty(), halves.get(0)), c.h.replay().heads().stream().toList(), c.h.tick());
    long at = c.h.tick();
    VerifiedDocument one = c.h.make(c.h.founder, Parts.part(c.h, keys, c.removal, 1, 2,
        Optional.of(first), halves.get(1)), List.of(first.hash()), at);
    VerifiedDocument other = c.h.make(c.h.founder, Parts.part(c.h,
        EpochKeySeal.fresh(c.h.randomness, 1), c.removal, 1, 2, Optional.of(first),
        halves.get(1)), List.of(first.hash()), at);
    VerifiedDocument winner = one.hash().compareTo(other.hash()) < 0 ? one : other;

    List<VerifiedDocument> oneFirst = new ArrayList<>(c.h.docs());
    oneFirst.addAll(List.of(one, other));
    List<VerifiedDocument> otherFirst = new ArrayList<>(c.h.docs());
    otherFirst.addAll(List.of(other, one));
    for (List<VerifiedDocument> docs : List.of(oneFirst, otherFirst)) {
      Roster roster = c.h.replay(docs);
      assertEquals(1, roster.epoch());
      assertEquals(Set.of(winner.hash()), roster.heads());
      NodeIdentity last = c.active.get(c.active.size() - 1);
      assertEquals(2, roster.sealedKeys().get(member(last)).size(), "epoch 0 and one epoch 1");
    }
  }

  @Test
  void aLastPartNeverSentLeavesTheRotationDueForAnotherMembersRotation() {
    Removed c = new Removed(9);
    NodeIdentity ana = c.active.get(0).equals(c.h.founder) ? c.active.get(1) : c.active.get(0);
    List<VerifiedDocument> withheld = Parts.chain(c.h, c.h.founder, 1, c.removal,
        Parts.even(c.active, 3));
    c.h.add(withheld.get(0));
    c.h.add(withheld.get(1));
    assertNotRotated(c, c.h.replay());

    add(c.h, Parts.chain(c.h, ana, 1, c.removal, Parts.even(c.active, 2)));
    Roster roster = c.h.replay();
    assertEquals(1, roster.epoch());
    assertEquals(Optional.empty(), roster.rotationDue());
    EpochKeys anas = epochOneKeys(c.h, roster, ana).orElseThrow();

    c.h.add(withheld.get(2)); // sent at last: one rotation of the two counts, for everyone
    roster = c.h.replay();
    assertEquals(1, roster.epoch());
    EpochKeys winner = epochOneKeys(c.h, roster, ana).orElseThrow();
    for (NodeIdentity m : c.active) {
      assertEquals(2, roster.sealedKeys().get(member(m)).size(), "epoch 0 and one epoch 1");
      assertEquals(Optional.of(winner), epochOneKeys(c.h, roster, m));
    }
    assertEquals(Optional.empty(), epochOneKeys(c.h, roster, c.removed));
  }

  @Test
  void partsOfARotationAlreadyInEffectCannotStartTheNext() {
    Removed c = new Removed(9);
    List<VerifiedDocument> chain = Parts.chain(c.h, c.h.founder, 1, c.removal,
        Parts.even(c.active, 2));
    add(c.h, chain);
    NodeIdentity cy = c.active.get(c.active.size() - 1).equals(c.h.founder)
        ? c.active.get(0) : c.active.get(c.active.size() - 1);
    VerifiedDocument second = c.h.append(c.h.founder, propose(cy, "again"));
    List<NodeIdentity> remaining = new ArrayList<>(c.active);
    remaining.remove(cy);
    // the old chain's parts, re-sent, and a new last part hung on the old part 0
    add(c.h, chain);
    c.h.add(c.h.founder, Parts.part(c.h, EpochKeySeal.fresh(c.h.randomness, 2), second, 1, 2,
        Optional.of(chain.get(0)), Parts.even(remaining, 2).get(1)),
        List.of(chain.get(0).hash(), second.hash()), c.h.tick());
    Roster roster = c.h.replay();
    assertEquals(1, roster.epoch());
    assertEquals(Optional.of(second.hash()), roster.rotationDue());
  }

  @Test
  void aJoinBetweenPartsMakesTheRotationRefusedAndStillDue() {
    Removed c = new Removed(9);
    List<VerifiedDocument> chain = Parts.chain(c.h, c.h.founder, 1, c.removal,
        Parts.even(c.active, 2));
    c.h.add(chain.get(0));
    // Ana, not having seen the rotation, admits someone; replayed before the last part
    NodeIdentity ana = c.active.get(0);
    NodeIdentity newcomer = c.h.identity();
    c.h.add(ana, c.h.joined(newcomer, "Newcomer"), List.of(chain.get(0).hash()),
        chain.get(1).createdAtMillis() - 1);
    c.h.add(chain.get(1));
    Roster roster = c.h.replay();
    assertEquals(0, roster.epoch());
    assertEquals(Optional.of(c.removal.hash()), roster.rotationDue());
  }

  @Test
  void aOneDocumentRotationOfMoreThanAPartsRecipientsStillCounts() {
    Removed c = new Removed(MembershipLimits.MAX_RECIPIENTS_PER_PART + 20);
    c.h.append(c.h.founder, c.h.rotation(1, c.removal,
        c.active.toArray(NodeIdentity[]::new)));
    assertEquals(1, c.h.replay().epoch());
  }

  @Test
  void mostPartsAreAcceptedAndOneMoreRefused() {
    int most = MembershipLimits.MAX_ROTATION_PARTS;
    Removed atMost = new Removed(most + 1);
    add(atMost.h, Parts.chain(atMost.h, atMost.h.founder, 1, atMost.removal,
        Parts.even(atMost.active, most)));
    assertEquals(1, atMost.h.replay().epoch());

    Removed over = new Removed(most + 2);
    add(over.h, Parts.chain(over.h, over.h.founder, 1, over.removal,
        Parts.even(over.active, most + 1)));
    assertNotRotated(over, over.h.replay());
  }

  @Test
  void mostRecipientsInAPartAreAcceptedAndOneMoreRefused() {
    int most = MembershipLimits.MAX_RECIPIENTS_PER_PART;
    Removed c = new Removed(most + 11);
    int rest = c.active.size() - most;
    List<VerifiedDocument> atMost = Parts.chain(c.h, c.h.founder, 1, c.removal,
        Parts.slices(c.active, most, rest));
    List<VerifiedDocument> over = Parts.chain(c.h, c.h.founder, 1, c.removal,
        Parts.slices(c.active, most + 1, rest - 1));

    List<VerifiedDocument> docs = new ArrayList<>(c.h.docs());
    docs.addAll(over);
    assertNotRotated(c, c.h.replay(docs));
    docs = new ArrayList<>(c.h.docs());
    docs.addAll(atMost);
    assertEquals(1, c.h.replay(docs).epoch());
  }

  @Test
  void aPartOfMostRecipientsAndMostParentsFitsADocument() throws Exception {
    int most = MembershipLimits.MAX_RECIPIENTS_PER_PART;
    Removed c = new Removed(most + 2);
    List<DocumentHash> parents = new ArrayList<>();
    for (int i = 0; i < MembershipLimits.MAX_PARENTS; i++) {
      parents.add(DocumentHash.of(c.h.randomness.bytes(32)));
    }
    VerifiedDocument part = c.h.make(c.h.founder, Parts.part(c.h,
        EpochKeySeal.fresh(c.h.randomness, 1), c.removal, 30, 32, Optional.of(c.removal),
        c.active.subList(0, most)), parents, Long.MAX_VALUE);
    SignedDocument signed = part.signed();
    assertTrue(signed.getSerializedSize() <= MembershipLimits.MAX_DOCUMENT_BYTES,
        signed.getSerializedSize() + " bytes");
    System.out.println("rotation part of " + most + " recipients and " + parents.size()
        + " parents: " + signed.getSerializedSize() + " bytes");
  }
}
