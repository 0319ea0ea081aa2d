package org.tend.node.collective;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.TendNode;
import org.tend.node.api.collective.CollectiveException;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.CollectiveSummary;
import org.tend.node.api.collective.InviteRule;
import org.tend.node.api.collective.Member;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.collective.RemovalOutcome;
import org.tend.node.api.collective.Rules;
import org.tend.node.api.transport.PeerAddress;

/** The limits a member meets when creating a collective, inviting and removing. */
class CollectiveLimitsTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String SIXTY_FOUR = "N".repeat(MembershipLimits.MAX_NAME_CHARS);
  private static final String SIXTY_FIVE = "N".repeat(MembershipLimits.MAX_NAME_CHARS + 1);
  private static final PeerAddress.Tcp SOMEWHERE = new PeerAddress.Tcp("127.0.0.1", 7400);
  private static final List<String> CONTROL = List.of("Ana\u0000", "An\ta", "Ana\nLucia",
      "\u001b[31mAna", "Ana\u007f", "Ana\u0085", "Ana\u009f", "A\rna");

  @TempDir
  Path root;
  private Collective nodes;
  private TendNode founder;

  @BeforeEach
  void start() throws Exception {
    nodes = new Collective(root);
    founder = nodes.node("founder");
  }

  @AfterEach
  void close() {
    nodes.close();
  }

  private CollectiveModule collectives() {
    return founder.collectives();
  }

  @Test
  void aCollectiveNameOfExactly64CharactersIsAccepted() throws Exception {
    CollectiveSummary created = collectives().create(SIXTY_FOUR, "Ana", Rules.defaults());
    assertEquals(SIXTY_FOUR, created.name());
  }

  @Test
  void aCollectiveNameOf65CharactersIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> collectives().create(SIXTY_FIVE, "Ana", Rules.defaults()));
    assertEquals(List.of(), collectives().list());
  }

  @Test
  void aDisplayNameOfExactly64CharactersIsAccepted() throws Exception {
    CollectiveId id = collectives().create("Night Shift", SIXTY_FOUR, Rules.defaults()).id();
    assertEquals(SIXTY_FOUR, collectives().members(id).get(0).displayName());
  }

  @Test
  void aDisplayNameOf65CharactersIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> collectives().create("Night Shift", SIXTY_FIVE, Rules.defaults()));
    assertThrows(IllegalArgumentException.class, () -> Profiles.of(
        collectives().manager().identity(), SIXTY_FIVE));
    assertEquals(List.of(), collectives().list());
  }

  @Test
  void namesAreTrimmedBeforeTheyAreCounted() throws Exception {
    CollectiveSummary created = collectives().create("  " + SIXTY_FOUR + "\u2003",
        " " + SIXTY_FOUR + " ", Rules.defaults());
    assertEquals(SIXTY_FOUR, created.name());
    assertEquals(SIXTY_FOUR, collectives().members(created.id()).get(0).displayName());
  }

  @Test
  void blankNamesAreRefused() {
    for (String blank : List.of("", " ", "\u2003\u2003")) {
      assertThrows(IllegalArgumentException.class,
          () -> collectives().create(blank, "Ana", Rules.defaults()));
      assertThrows(IllegalArgumentException.class,
          () -> collectives().create("Night Shift", blank, Rules.defaults()));
    }
  }

  @Test
  void namesWithControlCharactersAreRefused() {
    for (String name : CONTROL) {
      assertThrows(IllegalArgumentException.class,
          () -> collectives().create(name, "Ana", Rules.defaults()), escape(name));
      assertThrows(IllegalArgumentException.class,
          () -> collectives().create("Night Shift", name, Rules.defaults()), escape(name));
    }
    assertEquals(List.of(), collectives().list());
  }

  private static String escape(String name) {
    StringBuilder out = new StringBuilder();
    name.chars().forEach(c -> out.append(c < 0x20 || (c >= 0x7f && c <= 0x9f)
        ? String.format("\\u%04x", c) : String.valueOf((char) c)));
    return out.toString();
  }

  @Test
  void theLargestRemovalQuorumIsAcceptedAndOneMoreRefused() throws Exception {
    Rules nine = new Rules(InviteRule.ANY_MEMBER, Rules.MAX_QUORUM);
    assertEquals(Rules.MAX_QUORUM, collectives().create("Night Shift", "Ana", nine).rules()
        .removalQuorum());
    assertThrows(IllegalArgumentException.class,
        () -> new Rules(InviteRule.ANY_MEMBER, Rules.MAX_QUORUM + 1));
    assertThrows(IllegalArgumentException.class, () -> new Rules(InviteRule.ANY_MEMBER, 0));
  }

  @Test
  void anInviteMayHaveOneToAHundredUses() throws Exception {
    CollectiveId id = collectives().create("Night Shift", "Ana", Rules.defaults()).id();
    assertEquals(1, collectives().invite(id, 1, Duration.ofHours(1), List.of(SOMEWHERE)).uses());
    assertEquals(100,
        collectives().invite(id, 100, Duration.ofHours(1), List.of(SOMEWHERE)).uses());
    for (int uses : new int[] {0, 101, -1}) {
      assertThrows(IllegalArgumentException.class,
          () -> collectives().invite(id, uses, Duration.ofHours(1), List.of(SOMEWHERE)),
          uses + " uses");
    }
    assertEquals(2, collectives().manager().invites().size(), "only the valid ones are kept");
  }

  @Test
  void anInviteLastsAtMostThirtyDays() throws Exception {
    CollectiveId id = collectives().create("Night Shift", "Ana", Rules.defaults()).id();
    Duration thirtyDays = Duration.ofDays(30);
    var longest = collectives().invite(id, 1, thirtyDays, List.of(SOMEWHERE));
    assertTrue(!longest.expiresAt().isAfter(founder.collectives().manager().clock().instant()
        .plus(thirtyDays)));
    for (Duration wrong : List.of(thirtyDays.plusNanos(1), thirtyDays.plusSeconds(1),
        Duration.ZERO, Duration.ofSeconds(-1))) {
      assertThrows(IllegalArgumentException.class,
          () -> collectives().invite(id, 1, wrong, List.of(SOMEWHERE)), wrong.toString());
    }
    assertDoesNotThrow(() -> collectives().invite(id, 1, Duration.ofSeconds(1),
        List.of(SOMEWHERE)));
  }

  @Test
  void anInviteCarriesOneToEightAddresses() throws Exception {
    CollectiveId id = collectives().create("Night Shift", "Ana", Rules.defaults()).id();
    List<PeerAddress.Tcp> eight = java.util.Collections.nCopies(InviteCode.MAX_ADDRESSES,
        SOMEWHERE);
    assertDoesNotThrow(() -> collectives().invite(id, 1, Duration.ofHours(1), eight));
    List<PeerAddress.Tcp> nine = java.util.Collections.nCopies(InviteCode.MAX_ADDRESSES + 1,
        SOMEWHERE);
    assertThrows(IllegalArgumentException.class,
        () -> collectives().invite(id, 1, Duration.ofHours(1), nine));
    assertThrows(IllegalArgumentException.class,
        () -> collectives().invite(id, 1, Duration.ofHours(1), List.of()));
  }

  @Test
  void aFacilitatorOnlyCollectiveRefusesAMembersInvite() throws Exception {
    TendNode bo = nodes.node("bo");
    CollectiveId id = collectives().create("Night Shift", "Ana",
        new Rules(InviteRule.FACILITATORS_ONLY, 1)).id();
    String code = collectives().invite(id, 1, Duration.ofHours(1),
        List.of(Collective.address(founder))).code();
    bo.collectives().join(code, "Bo");

    CollectiveException refused = assertThrows(CollectiveException.class,
        () -> bo.collectives().invite(id, 1, Duration.ofHours(1), List.of(SOMEWHERE)));
    assertEquals("In Night Shift only facilitators may invite.", refused.getMessage());
    assertEquals(List.of(), bo.collectives().manager().invites());

    MemberKey boKey = bo.collectives().manager().me();
    collectives().grantFacilitator(id, boKey);
    await().atMost(WAIT).until(() -> bo.collectives().resolve(java.util.Optional.of(id.hex()))
        .myRole() == org.tend.node.api.collective.Role.FACILITATOR);
    assertDoesNotThrow(() -> bo.collectives().invite(id, 1, Duration.ofHours(1),
        List.of(SOMEWHERE)));
  }

  @Test
  void aRemovalReasonOfExactly500CharactersIsAcceptedAnd501Refused() throws Exception {
    TendNode bo = nodes.node("bo");
    CollectiveId id = collectives().create("Night Shift", "Ana", Rules.defaults()).id();
    String code = collectives().invite(id, 1, Duration.ofHours(1),
        List.of(Collective.address(founder))).code();
    bo.collectives().join(code, "Bo");
    MemberKey boKey = bo.collectives().manager().me();

    assertThrows(IllegalArgumentException.class, () -> collectives().remove(id, boKey,
        "r".repeat(MembershipLimits.MAX_REASON_CHARS + 1)));
    assertThrows(IllegalArgumentException.class, () -> collectives().remove(id, boKey, "  "));
    assertTrue(Collective.isActiveIn(founder, id, boKey));

    String reason = "r".repeat(MembershipLimits.MAX_REASON_CHARS);
    RemovalOutcome outcome = collectives().remove(id, boKey, reason);
    assertTrue(outcome.inEffect());
    Member removed = collectives().member(id, boKey.fingerprint().value());
    assertTrue(!removed.isActive());
  }

  @Test
  void aFacilitatorCannotRemoveThemself() throws Exception {
    CollectiveId id = collectives().create("Night Shift", "Ana", Rules.defaults()).id();
    CollectiveException e = assertThrows(CollectiveException.class,
        () -> collectives().remove(id, collectives().manager().me(), "stepping down"));
    assertTrue(e.getMessage().contains("cannot remove yourself"), e.getMessage());
  }
}
