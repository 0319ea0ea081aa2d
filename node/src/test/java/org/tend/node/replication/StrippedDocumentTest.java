package org.tend.node.replication;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.TendNode;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.Member;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.collective.Role;
import org.tend.node.api.transport.PeerAddress;
import org.tend.node.api.transport.TransportLimits;
import org.tend.node.collective.Collective;
import org.tend.protocol.proto.EventContent;
import org.tend.protocol.proto.SignedEvent;

/**
 * Real nodes on loopback. A member passes a membership document's event on without its
 * content to a node that was offline; that node must still get the document from the honest
 * members and follow the roster.
 */
class StrippedDocumentTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path root;
  private Collective nodes;

  @AfterEach
  void close() {
    nodes.close();
  }

  @Test
  void aNodeThatGotAStrippedDocumentEventFirstStillFollowsTheRoster() throws Exception {
    nodes = new Collective(root);
    TendNode ana = nodes.node("ana");
    TendNode bo = nodes.node("bo");
    TendNode cy = nodes.node("cy");
    TendNode mal = nodes.node("mal");
    CollectiveId id = nodes.form(ana, bo, cy, mal);
    for (TendNode observer : List.of(ana, bo, cy)) {
      await().atMost(WAIT).until(() -> observer.collectives().members(id).size() == 4);
    }
    MemberKey anaKey = key(ana, id, "Ana");
    MemberKey cyKey = key(ana, id, "Cy");
    MemberKey malKey = key(ana, id, "Mal");
    Replicator anas = ana.replication().replicator();
    await().atMost(WAIT).until(() -> anas.holds(id, anaKey, 1)
        && bo.replication().replicator().holds(id, anaKey, headOf(anas, id, anaKey)));
    long before = headOf(anas, id, anaKey);

    bo.stopNetwork();
    nodes.close(mal);
    assertTrue(ana.collectives().remove(id, malKey, "shared a member's address").inEffect());
    ana.collectives().grantFacilitator(id, cyKey);
    for (TendNode observer : List.of(ana, cy)) {
      await().atMost(WAIT).until(() -> epoch(observer, id) == 1 && role(observer, id, cyKey)
          == Role.FACILITATOR);
    }

    SignedEvent document = anas.events(id).stream()
        .filter(e -> e.author().equals(anaKey) && e.sequence() == before + 1)
        .findFirst().orElseThrow().signed();
    assertTrue(ContentSeal.openWith(anas.memberships().membership(id).orElseThrow(),
            VerifiedEvent.held(document)).map(EventContent::hasMembershipDocument)
        .orElse(false), "the event after Bo left carries a membership document");
    Replicator bos = bo.replication().replicator();
    assertEquals(1, bos.ingest(id, List.of(document.toBuilder().clearContent().build())),
        "the stripped event joins Bo's log");

    bo.startNetwork(Optional.of(new PeerAddress.Tcp("127.0.0.1", 0)),
        TransportLimits.defaults().withHandshakeTimeout(Duration.ofSeconds(2)),
        Duration.ofMillis(200));

    await().atMost(WAIT).until(() -> epoch(bo, id) == 1);
    assertTrue(!Collective.isActiveIn(bo, id, malKey), "Mal is removed on Bo's node too");
    await().atMost(WAIT).until(() -> role(bo, id, cyKey) == Role.FACILITATOR);
    assertEquals(document, bos.events(id).stream()
        .filter(e -> e.author().equals(anaKey) && e.sequence() == before + 1)
        .findFirst().orElseThrow().signed(), "the content is stored whole");
  }

  private static long headOf(Replicator replicator, CollectiveId id, MemberKey author)
      throws Exception {
    return replicator.events(id).stream().filter(e -> e.author().equals(author))
        .mapToLong(VerifiedEvent::sequence).max().orElse(0);
  }

  private static MemberKey key(TendNode observer, CollectiveId id, String name)
      throws Exception {
    return observer.collectives().members(id).stream()
        .filter(m -> m.displayName().equals(name)).findFirst().map(Member::key).orElseThrow();
  }

  private static int epoch(TendNode observer, CollectiveId id) throws Exception {
    return observer.collectives().resolve(Optional.of(id.hex())).epoch();
  }

  private static Role role(TendNode observer, CollectiveId id, MemberKey member)
      throws Exception {
    return observer.collectives().members(id).stream().filter(m -> m.key().equals(member))
        .findFirst().map(Member::role).orElse(null);
  }
}
