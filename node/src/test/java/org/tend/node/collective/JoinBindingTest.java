package org.tend.node.collective;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.TendNode;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.InviteRefusedException;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.collective.Rules;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.api.transport.PeerLink;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.Frame;
import org.tend.protocol.proto.InviteRecord;
import org.tend.protocol.proto.JoinRequest;
import org.tend.protocol.proto.MemberProfile;

/**
 * Real nodes on loopback: the invite a join request spends is the one whose secret its sender
 * holds, and a join whose answer was lost resumes with the same code.
 */
class JoinBindingTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path root;
  private Collective nodes;

  @AfterEach
  void close() {
    nodes.close();
  }

  @Test
  void aUsedUpInvitesKeyCannotSpendAnotherLiveInvite() throws Exception {
    nodes = new Collective(root);
    TendNode ana = nodes.node("ana");
    TendNode bo = nodes.node("bo");
    TendNode cy = nodes.node("cy");
    TendNode mallory = nodes.node("mallory");
    CollectiveId id = ana.collectives().create("Riverside Care", "Ana", Rules.defaults()).id();
    String spent = Collective.invite(ana, id, 1);
    String live = Collective.invite(ana, id, 3);
    bo.collectives().join(spent, "Bo");
    cy.collectives().join(live, "Cy"); // the live invite's id is now in everyone's history
    ByteString liveId = ByteString.copyFrom(InviteCode.decode(live).inviteId());

    // Mallory holds only the spent code: its key opens a join link, and names the live invite.
    InviteCode held = InviteCode.decode(spent);
    try (SecretBytes joinKey = held.joinKey()) {
      PeerLink link = mallory.connect(Collective.address(ana),
          NetworkKey.forJoin(id, joinKey, held.inviter()), held.inviter()).get(10, TimeUnit.SECONDS);
      link.send(Frame.newBuilder().setJoinRequest(
          request(mallory, id, liveId, joinKey, "Mallory")).build()).get(10, TimeUnit.SECONDS);
      await().atMost(WAIT).until(() -> !link.isOpen());
    }

    assertEquals(3, ana.collectives().members(id).size(), "Mallory was not admitted");
    assertEquals(2, usesLeft(ana, liveId), "the live invite lost no use");
  }

  @Test
  void aJoinWhoseAnswerWasLostResumesWithTheSameCodeWithoutSpendingAnotherUse()
      throws Exception {
    nodes = new Collective(root);
    TendNode ana = nodes.node("ana");
    TendNode bo = nodes.node("bo");
    TendNode cy = nodes.node("cy");
    CollectiveId id = ana.collectives().create("Night Shift", "Ana", Rules.defaults()).id();
    String code = Collective.invite(ana, id, 1);
    InviteCode decoded = InviteCode.decode(code);
    ByteString inviteId = ByteString.copyFrom(decoded.inviteId());
    MemberKey boKey = bo.collectives().manager().me();

    // Bo's node asks, and the link is gone before the answer comes back.
    try (SecretBytes joinKey = decoded.joinKey()) {
      PeerLink link = bo.connect(Collective.address(ana),
          NetworkKey.forJoin(id, joinKey, decoded.inviter()), decoded.inviter()).get(10, TimeUnit.SECONDS);
      link.send(Frame.newBuilder().setJoinRequest(request(bo, id, inviteId, joinKey, "Bo"))
          .build()).get(10, TimeUnit.SECONDS);
      link.close();
    }
    await().atMost(WAIT).until(() -> Collective.isActiveIn(ana, id, boKey));
    assertTrue(bo.collectives().list().isEmpty(), "Bo's node never heard the answer");
    assertEquals(0, usesLeft(ana, inviteId));

    assertEquals("Night Shift", bo.collectives().join(code, "Bo").name());
    assertEquals(2, bo.collectives().members(id).size());
    assertEquals(2, ana.collectives().members(id).size());
    assertEquals(0, usesLeft(ana, inviteId), "no use spent twice");
    assertEquals(1, ana.collectives().manager().book().documents(id).stream()
        .filter(d -> d.body().hasJoined()).count(), "one Joined, signed once");

    var refused = assertThrows(InviteRefusedException.class,
        () -> cy.collectives().join(code, "Cy"));
    assertTrue(refused.getMessage().contains("already been used"), refused.getMessage());
  }


  private static JoinRequest request(TendNode joiner, CollectiveId id, ByteString inviteId,
      SecretBytes joinKey, String name) {
    CollectiveManager manager = joiner.collectives().manager();
    MemberProfile profile = manager.profile(name);
    return JoinRequest.newBuilder().setProfile(profile).setInviteId(inviteId)
        .setJoinerSignature(ByteString.copyFrom(
            JoinSignatures.sign(manager.identity(), id, inviteId, profile)))
        .setInviteProof(ByteString.copyFrom(
            JoinSignatures.inviteProof(joinKey, id, inviteId, profile.getSigningKey())))
        .build();
  }

  private static int usesLeft(TendNode inviter, ByteString inviteId) throws Exception {
    return inviter.collectives().manager().invites().stream()
        .filter(i -> i.getInviteId().equals(inviteId)).mapToInt(InviteRecord::getUsesLeft)
        .findFirst().orElseThrow();
  }
}
