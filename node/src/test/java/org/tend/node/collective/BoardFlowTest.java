package org.tend.node.collective;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.TestHomes;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.replication.Notice;
import org.tend.node.api.replication.ReplicationException;

/** Real nodes on loopback: notices reach every member, catch up after a restart, and stop. */
class BoardFlowTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path root;
  private Collective nodes;

  @AfterEach
  void close() {
    nodes.close();
  }

  @Test
  void noticesReplicateCatchUpAfterBeingOfflineAndStopForTheRemoved() throws Exception {
    nodes = new Collective(root);
    TendNode ana = nodes.node("ana");
    TendNode bo = nodes.node("bo");
    NodeConfig cyConfig = TestHomes.config(root.resolve("cy"));
    TendNode cy = nodes.node(cyConfig);
    CollectiveId id = nodes.form(ana, bo, cy);

    Notice first = ana.replication().board().post(id, "Circle moves to Thursday 7pm");
    for (TendNode reader : List.of(bo, cy)) {
      await().atMost(WAIT).until(() -> texts(reader, id).contains("Circle moves to Thursday 7pm"));
    }
    Notice seen = bo.replication().board().list(id).get(0);
    assertEquals(first.id(), seen.id());
    assertEquals("Ana", seen.authorName());

    nodes.close(cy);
    ana.replication().board().post(id, "Bring a dish to share");
    bo.replication().board().post(id, "Quiet room is upstairs");
    cy = nodes.node(cyConfig);
    TendNode back = cy;
    await().atMost(WAIT).until(() -> texts(back, id).size() == 3);

    assertThrows(ReplicationException.class,
        () -> bo.replication().board().retract(id, first.id().shortHex()));
    ana.replication().board().retract(id, first.id().shortHex());
    for (TendNode reader : List.of(ana, bo, back)) {
      await().atMost(WAIT).until(() -> !texts(reader, id).contains("Circle moves to Thursday 7pm"));
    }

    MemberKey cyKey = MemberKey.of(back.collectives().members(id).stream()
        .filter(m -> m.displayName().equals("Cy")).findFirst().orElseThrow().key().bytes());
    ana.collectives().remove(id, cyKey, "asked to leave");
    await().atMost(WAIT).until(() -> ana.collectives().resolve(
        java.util.Optional.of(id.hex())).epoch() == 1);
    await().atMost(WAIT).until(() -> bo.collectives().resolve(
        java.util.Optional.of(id.hex())).epoch() == 1);
    ana.replication().board().post(id, "New meeting place: the library");
    await().atMost(WAIT).until(() -> texts(bo, id).contains("New meeting place: the library"));
    // the removed node is refused at the gate, and could not open the new epoch's content
    assertTrue(!texts(back, id).contains("New meeting place: the library"));
  }

  private static List<String> texts(TendNode node, CollectiveId id) throws Exception {
    return node.replication().board().list(id).stream().map(Notice::text).toList();
  }
}
