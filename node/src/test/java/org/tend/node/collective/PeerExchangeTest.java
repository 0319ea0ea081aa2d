package org.tend.node.collective;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.TendNode;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.PeerStatus;
import org.tend.node.api.replication.Notice;

/** Members learn each other's addresses from each other, not only from whoever invited them. */
class PeerExchangeTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path root;
  private Collective nodes;

  @AfterEach
  void close() {
    nodes.close();
  }

  @Test
  void twoMembersInvitedByAThirdReachEachOtherOnceItIsGone() throws Exception {
    nodes = new Collective(root);
    TendNode ana = nodes.node("ana");
    TendNode bo = nodes.node("bo");
    TendNode cy = nodes.node("cy");
    CollectiveId id = nodes.form(ana, bo, cy);

    await().atMost(WAIT).until(() -> connectedTo(bo, id, "Cy") && connectedTo(cy, id, "Bo"));
    PeerStatus cyFromBo = bo.collectives().peers(id).stream()
        .filter(p -> p.member().displayName().equals("Cy")).findFirst().orElseThrow();
    assertTrue(cyFromBo.address().isPresent());

    nodes.close(ana);
    bo.replication().board().post(id, "Ana is away; circle at Bo's place");
    await().atMost(WAIT).until(() -> cy.replication().board().list(id).stream()
        .map(Notice::text).toList().contains("Ana is away; circle at Bo's place"));
    assertEquals(1, cy.replication().board().list(id).size(),
        "address announcements are not notices");
  }

  private static boolean connectedTo(TendNode node, CollectiveId id, String name)
      throws Exception {
    return node.collectives().peers(id).stream()
        .anyMatch(p -> p.member().displayName().equals(name) && p.connected());
  }
}
