package org.tend.node.replication;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.TendNode;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.replication.Membership;
import org.tend.node.api.transport.PeerLink;
import org.tend.node.collective.Collective;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.proto.DocumentBatch;
import org.tend.protocol.proto.EventContent;
import org.tend.protocol.proto.Frame;
import org.tend.protocol.proto.Left;
import org.tend.protocol.proto.MembershipBody;
import org.tend.protocol.proto.SignedDocument;

/**
 * A node's own log carries the membership documents its member signed and no one else's:
 * documents that reach it in document frames, whether junk or a real notice of a removal, are
 * not written again under its key (where they would spend its rate and spread further).
 */
class OwnLogTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path root;
  private Collective nodes;

  @AfterEach
  void close() {
    nodes.close();
  }

  @Test
  void documentsArrivingInFramesAreNeverRepublishedInTheReceiversLog() throws Exception {
    nodes = new Collective(root);
    TendNode ana = nodes.node("ana");
    TendNode bo = nodes.node("bo");
    TendNode mal = nodes.node("mal");
    CollectiveId id = nodes.form(ana, bo, mal);
    for (TendNode observer : List.of(ana, bo, mal)) {
      await().atMost(WAIT).until(() -> observer.collectives().members(id).size() == 3);
    }
    MemberKey boKey = bo.replication().replicator().me();
    MemberKey malKey = mal.replication().replicator().me();

    PeerLink link = mal.connect(Collective.address(bo),
        mal.collectives().currentNetworkKey(id).orElseThrow(), boKey).get(10, TimeUnit.SECONDS);
    link.send(Frame.newBuilder().setDocuments(DocumentBatch.newBuilder()
        .setCollectiveId(ByteString.copyFrom(id.bytes())).addAllDocuments(junk(id, 100)))
        .build()).get(10, TimeUnit.SECONDS);
    link.ping().get(20, TimeUnit.SECONDS);

    assertTrue(ana.collectives().remove(id, malKey, "asked to leave").inEffect());
    await().atMost(WAIT).until(() -> bo.collectives().resolve(Optional.of(id.hex())).epoch()
        == 1);
    await().atMost(WAIT).until(() -> !link.isOpen());

    Membership membership = bo.collectives().membership(id).orElseThrow();
    List<MemberKey> authors = new ArrayList<>();
    for (VerifiedEvent e : bo.replication().replicator().events(id)) {
      if (!e.author().equals(boKey)) {
        continue;
      }
      Optional<EventContent> content = ContentSeal.openWith(membership, e)
          .filter(EventContent::hasMembershipDocument);
      if (content.isPresent()) {
        ByteString author = MembershipBody.parseFrom(SignedDocument.parseFrom(
            content.get().getMembershipDocument()).getBody()).getAuthor();
        authors.add(MemberKey.of(author.toByteArray()));
      }
    }
    assertTrue(authors.stream().allMatch(boKey::equals),
        "Bo's log carries only Bo's documents, not " + authors.size() + " by others: "
            + authors.stream().filter(a -> !a.equals(boKey)).count());
    assertEquals(authors.size(), authors.stream().filter(boKey::equals).count());
  }

  private static List<SignedDocument> junk(CollectiveId id, int count) {
    java.util.Random random = new java.util.Random(5);
    NodeIdentity stranger = NodeIdentity.generate(random::nextBytes);
    List<SignedDocument> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] body = MembershipBody.newBuilder().setCollectiveId(ByteString.copyFrom(id.bytes()))
          .setAuthor(ByteString.copyFrom(stranger.signing().publicKey()))
          .setCreatedAtMillis(i).setLeft(Left.getDefaultInstance()).build().toByteArray();
      out.add(SignedDocument.newBuilder().setBody(ByteString.copyFrom(body))
          .setSignature(ByteString.copyFrom(
              stranger.signing().sign(Labels.COLLECTIVE_DOCUMENT, body))).build());
    }
    return out;
  }
}
