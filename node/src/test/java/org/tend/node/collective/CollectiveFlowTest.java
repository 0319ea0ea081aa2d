package org.tend.node.collective;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.TendNode;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.CollectiveSummary;
import org.tend.node.api.collective.InviteRefusedException;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.collective.RemovalOutcome;
import org.tend.node.api.collective.Role;
import org.tend.node.api.collective.Rules;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.api.transport.PeerUnreachableException;
import org.tend.protocol.crypto.SecretBytes;

/** Four real nodes on loopback: a collective forms, grows by invitation, and removes someone. */
class CollectiveFlowTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path root;
  private Collective nodes;

  @AfterEach
  void close() {
    nodes.close();
  }

  @Test
  void formsGrowsAndRemovesWithKeyRotation() throws Exception {
    nodes = new Collective(root);
    TendNode ana = nodes.node("ana");
    TendNode bo = nodes.node("bo");
    TendNode cy = nodes.node("cy");
    TendNode dee = nodes.node("dee");
    CollectiveSummary created = ana.collectives().create("Riverside Care", "Ana", Rules.defaults());
    CollectiveId id = created.id();
    String code = Collective.invite(ana, id, 3);

    for (var joiner : List.of(bo, cy, dee)) {
      CollectiveSummary joined = joiner.collectives().join(code,
          joiner == bo ? "Bo" : joiner == cy ? "Cy" : "Dee");
      assertEquals("Riverside Care", joined.name());
    }
    MemberKey boKey = key(bo);
    MemberKey deeKey = key(dee);
    for (TendNode observer : List.of(ana, bo, cy, dee)) {
      await().atMost(WAIT).until(() -> observer.collectives().members(id).size() == 4);
    }

    ana.collectives().grantFacilitator(id, boKey);
    await().atMost(WAIT).until(() -> cy.collectives().members(id).stream()
        .anyMatch(m -> m.key().equals(boKey) && m.role() == Role.FACILITATOR));

    await().atMost(WAIT).until(() -> ana.collectives().online(id) == 3);
    RemovalOutcome outcome = ana.collectives().remove(id, deeKey, "broke the circle agreement");
    assertTrue(outcome.inEffect());
    for (TendNode observer : List.of(ana, bo, cy)) {
      await().atMost(WAIT).until(() -> observer.collectives().resolve(
          java.util.Optional.of(id.hex())).epoch() == 1);
      assertFalse(Collective.isActiveIn(observer, id, deeKey));
    }
    await().atMost(WAIT).until(() -> ana.collectives().online(id) == 2);

    // The removed node keeps running with its old keys: it is refused, and stays refused.
    CollectiveModule deeModule = dee.collectives();
    var oldKey = deeModule.manager().keysOf(id).get(0);
    ExecutionException refused = assertThrows(ExecutionException.class,
        () -> deeModule.connector().connect(Collective.address(ana),
            new NetworkKey(id, 0, SecretBytes.copyOf(oldKey.getNetworkKey().toByteArray())),
            key(ana))
            .get(10, TimeUnit.SECONDS));
    assertInstanceOf(PeerUnreachableException.class, refused.getCause());
    assertFalse(deeModule.manager().keysOf(id).containsKey(1),
        "the removed member cannot open the rotated keys");
    assertTrue(bo.collectives().manager().keysOf(id).containsKey(1));
    assertEquals(2, ana.collectives().online(id));
  }

  @Test
  void aUsedUpInviteIsRefusedWithAClearMessage() throws Exception {
    nodes = new Collective(root);
    TendNode ana = nodes.node("ana");
    TendNode bo = nodes.node("bo");
    TendNode cy = nodes.node("cy");
    CollectiveId id = ana.collectives().create("Night Shift", "Ana", Rules.defaults()).id();
    String code = Collective.invite(ana, id, 1);
    bo.collectives().join(code, "Bo");
    InviteRefusedException e = assertThrows(InviteRefusedException.class,
        () -> cy.collectives().join(code, "Cy"));
    assertTrue(e.getMessage().contains("already been used"), e.getMessage());
    assertEquals(2, ana.collectives().members(id).size());
  }

  @Test
  void aMistypedCodeIsRefusedBeforeAnythingIsSent() throws Exception {
    nodes = new Collective(root);
    TendNode ana = nodes.node("ana");
    TendNode bo = nodes.node("bo");
    CollectiveId id = ana.collectives().create("Night Shift", "Ana", Rules.defaults()).id();
    String code = Collective.invite(ana, id, 1);
    char last = code.charAt(code.length() - 1);
    String mistyped = code.substring(0, code.length() - 1) + (last == 'A' ? 'B' : 'A');
    InviteRefusedException e = assertThrows(InviteRefusedException.class,
        () -> bo.collectives().join(mistyped, "Bo"));
    assertTrue(e.getMessage().contains("mistyped"), e.getMessage());
    assertThrows(InviteRefusedException.class, () -> bo.collectives().join("hello", "Bo"));
  }

  private static MemberKey key(TendNode node) {
    return MemberKey.of(node.collectives().manager().me().bytes());
  }


  @Test
  void anExpiredInviteIsRefusedByTheJoinerWithItsDate() throws Exception {
    nodes = new Collective(root);
    TendNode ana = nodes.node("ana");
    org.tend.node.MutableClock later = new org.tend.node.MutableClock(
        java.time.Instant.now().plus(Duration.ofHours(2)));
    TendNode bo = nodes.node(org.tend.node.TestHomes.config(root.resolve("bo")).withClock(later));
    CollectiveId id = ana.collectives().create("Night Shift", "Ana", Rules.defaults()).id();
    String code = Collective.invite(ana, id, 1);
    InviteRefusedException e = assertThrows(InviteRefusedException.class,
        () -> bo.collectives().join(code, "Bo"));
    assertTrue(e.getMessage().contains("expired on"), e.getMessage());
    assertEquals(1, ana.collectives().members(id).size());
  }

  @Test
  void aForgedInviteWithAValidChecksumGetsNoAnswer() throws Exception {
    nodes = new Collective(root);
    TendNode ana = nodes.node("ana");
    TendNode bo = nodes.node("bo");
    CollectiveId id = ana.collectives().create("Night Shift", "Ana", Rules.defaults()).id();
    InviteCode real = InviteCode.decode(Collective.invite(ana, id, 1));
    String forged = new InviteCode(real.collective(), real.inviter(),
        SecretBytes.copyOf(new byte[InviteCode.SECRET_LENGTH]), real.expiresAt(),
        real.addresses()).encode();
    InviteRefusedException e = assertThrows(InviteRefusedException.class,
        () -> bo.collectives().join(forged, "Bo"));
    assertTrue(e.getMessage().contains("Could not reach the inviter's node"), e.getMessage());
    assertEquals(1, ana.collectives().members(id).size());
  }

  @Test
  void leavingNeedsSomeoneToTellAndTheLastFacilitatorMayNotLeave() throws Exception {
    nodes = new Collective(root);
    TendNode ana = nodes.node("ana");
    TendNode bo = nodes.node("bo");
    CollectiveId id = ana.collectives().create("Night Shift", "Ana", Rules.defaults()).id();
    bo.collectives().join(Collective.invite(ana, id, 1), "Bo");
    await().atMost(WAIT).until(() -> ana.collectives().online(id) == 1);
    var last = assertThrows(org.tend.node.api.collective.CollectiveException.class,
        () -> ana.collectives().leave(id));
    assertTrue(last.getMessage().contains("last facilitator"), last.getMessage());

    bo.collectives().leave(id);
    await().atMost(WAIT).until(() -> !Collective.isActiveIn(ana, id, key(bo)));
    await().atMost(WAIT).until(() -> ana.collectives().resolve(
        java.util.Optional.of(id.hex())).epoch() == 1);
    assertFalse(bo.collectives().manager().keysOf(id).containsKey(1));
  }

  @Test
  void aNodeInTwoCollectivesServesBothAndAsksWhichWhenAmbiguous() throws Exception {
    nodes = new Collective(root);
    TendNode ana = nodes.node("ana");
    TendNode bo = nodes.node("bo");
    TendNode cy = nodes.node("cy");
    CollectiveId river = ana.collectives().create("Riverside Care", "Ana", Rules.defaults()).id();
    CollectiveId night = ana.collectives().create("Night Shift", "Ana", Rules.defaults()).id();
    bo.collectives().join(ana.collectives().invite(river, 1, Duration.ofHours(1),
        List.of(Collective.address(ana))).code(), "Bo");
    cy.collectives().join(ana.collectives().invite(night, 1, Duration.ofHours(1),
        List.of(Collective.address(ana))).code(), "Cy");

    await().atMost(WAIT).until(() -> ana.collectives().online(river) == 1
        && ana.collectives().online(night) == 1);
    assertEquals(2, ana.collectives().members(river).size());
    assertEquals(2, ana.collectives().members(night).size());
    assertFalse(Collective.isActiveIn(ana, river, key(cy)), "each roster is its own");
    var ambiguous = assertThrows(org.tend.node.api.collective.CollectiveException.class,
        () -> ana.collectives().resolve(java.util.Optional.empty()));
    assertTrue(ambiguous.getMessage().contains("Riverside Care")
        && ambiguous.getMessage().contains("Night Shift"), ambiguous.getMessage());
    assertEquals(night, ana.collectives().resolve(java.util.Optional.of("Night Shift")).id());
    assertEquals(river, bo.collectives().resolve(java.util.Optional.empty()).id());
  }
}
