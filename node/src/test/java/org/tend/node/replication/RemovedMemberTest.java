package org.tend.node.replication;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.replication.Membership;
import org.tend.node.api.replication.Notice;
import org.tend.node.collective.Collective;
import org.tend.protocol.crypto.SecretBytes;

/**
 * A removed member reads nothing posted after its removal: its node never receives it, and
 * even given the raw events (as a relay or a seized member's disk would hold them) the keys it
 * kept do not open them.
 */
class RemovedMemberTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String BEFORE = "Circle moves to Thursday 7pm";
  private static final String AFTER = "New meeting place: the library annex";

  @TempDir
  Path root;
  private Collective nodes;

  @AfterEach
  void close() {
    nodes.close();
  }

  @Test
  void eventsPostedAfterARemovalReachTheRemovedMemberNeitherByItsNodeNorWithItsOldKeys()
      throws Exception {
    nodes = new Collective(root);
    TendNode ana = nodes.node("ana");
    TendNode bo = nodes.node("bo");
    TendNode dee = nodes.node("dee");
    CollectiveId id = nodes.form(ana, bo, dee);
    ana.replication().board().post(id, BEFORE);
    await().atMost(WAIT).until(() -> texts(dee, id).contains(BEFORE));

    MemberKey deeKey = dee.replication().replicator().me();
    assertTrue(ana.collectives().remove(id, deeKey, "asked to leave").inEffect());
    await().atMost(WAIT).until(() -> epoch(bo, id) == 1);
    ana.replication().board().post(id, AFTER);
    bo.replication().board().post(id, AFTER + " (seconded)");
    await().atMost(WAIT).until(() -> texts(bo, id).contains(AFTER)
        && texts(ana, id).contains(AFTER + " (seconded)"));

    // Through its node: the removed member's board never shows them.
    await().atMost(WAIT).until(() -> !dee.collectives().membership(id).orElseThrow()
        .isActive(deeKey));
    assertFalse(texts(dee, id).stream().anyMatch(t -> t.startsWith(AFTER)));

    // The raw events, taken from a member's store, against every key the removed node kept.
    Membership deeKnows = dee.collectives().membership(id).orElseThrow();
    List<VerifiedEvent> after = ana.replication().replicator().events(id).stream()
        .filter(e -> e.epoch() == 1).toList();
    Membership anaKnows = ana.collectives().membership(id).orElseThrow();
    java.util.Set<String> notices = new java.util.HashSet<>();
    for (VerifiedEvent e : after) {
      try (SecretBytes current = anaKnows.contentKey(1).orElseThrow()) {
        var opened = ContentSeal.openCollective(current, e);
        assertTrue(opened.isPresent(), "a member opens it");
        if (opened.get().hasNotice()) {
          notices.add(opened.get().getNotice().getText());
        }
      }
      assertTrue(deeKnows.contentKey(1).isEmpty(), "the removed node never got epoch 1's key");
      try (SecretBytes old = deeKnows.contentKey(0).orElseThrow()) {
        assertTrue(ContentSeal.openCollective(old, e).isEmpty(), "epoch 0's key opens nothing");
        VerifiedEvent relabelled = new VerifiedEvent(e.signed(), e.header().toBuilder()
            .setEpoch(0).build(), e.id(), e.collective(), e.author());
        assertTrue(ContentSeal.openCollective(old, relabelled).isEmpty(),
            "nor does it with the event's epoch claimed to be 0");
      }
    }
    assertEquals(java.util.Set.of(AFTER, AFTER + " (seconded)"), notices,
        "both notices posted after the removal are among them, in epoch 1");
  }

  private static List<String> texts(TendNode node, CollectiveId id) throws Exception {
    return node.replication().board().list(id).stream().map(Notice::text).toList();
  }

  private static int epoch(TendNode node, CollectiveId id) throws Exception {
    return node.collectives().resolve(Optional.of(id.hex())).epoch();
  }
}
