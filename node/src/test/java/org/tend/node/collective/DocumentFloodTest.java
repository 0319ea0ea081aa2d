package org.tend.node.collective;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.tend.node.api.collective.Rules;
import org.tend.node.api.transport.PeerLink;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.proto.Frame;
import org.tend.protocol.proto.Left;
import org.tend.protocol.proto.MembershipBody;
import org.tend.protocol.proto.RemovalProposed;
import org.tend.protocol.proto.SignedDocument;

/**
 * Three real nodes on loopback: a member floods another's node with document frames over an
 * ordinary members' link, and is removed afterwards all the same.
 */
class DocumentFloodTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int JUNK = MembershipLimits.MAX_DOCUMENTS + 50;

  @TempDir
  Path root;
  private Collective nodes;
  /** Counts instances, so no two tests seal under the same key and nonce on a thread. */
  private static final java.util.concurrent.atomic.AtomicLong INSTANCES =
      new java.util.concurrent.atomic.AtomicLong();
  private final Randomness randomness =
      new java.util.Random(23 * 1_000_003 + INSTANCES.getAndIncrement())::nextBytes;

  @AfterEach
  void close() {
    nodes.close();
  }

  @Test
  void aMemberWhoFloodsDocumentFramesIsStillRemovedEverywhere() throws Exception {
    nodes = new Collective(root);
    TendNode ana = nodes.node("ana");
    TendNode bo = nodes.node("bo");
    TendNode mal = nodes.node("mal");
    CollectiveId id = formed(ana, bo, mal);
    MemberKey malKey = mal.collectives().manager().me();
    MemberKey boKey = bo.collectives().manager().me();
    int before = bo.collectives().manager().documents(id).size();

    PeerLink link = mal.connect(Collective.address(bo),
        mal.collectives().currentNetworkKey(id).orElseThrow(), boKey).get(10, TimeUnit.SECONDS);
    List<SignedDocument> junk = junk(id, JUNK);
    // Signed by Mal, an admitted member, and naming the receiver: endings that end no one.
    NodeIdentity malIdentity = mal.collectives().manager().identity();
    DocumentHash head = bo.collectives().manager().rosterOf(id).orElseThrow().heads()
        .iterator().next();
    for (int i = 0; i < 50; i++) {
      junk.add(VerifiedDocument.sign(malIdentity, body(id, malKey, 2_000_000_000_000L + i)
          .addParents(head.byteString())
          .setRemovalProposed(RemovalProposed.newBuilder()
              .setMember(ByteString.copyFrom(boKey.bytes())).setReason("flood " + i))
          .build()).signed());
    }
    for (Frame frame : CollectiveSync.batches(id, junk)) {
      link.send(frame).get(10, TimeUnit.SECONDS);
    }
    // Bo has read every frame once it answers a ping sent after them on the same link.
    link.ping().get(20, TimeUnit.SECONDS);
    assertTrue(link.isOpen(), "a member's link stays open: the frames are dropped, not feared");
    assertEquals(before, bo.collectives().manager().documents(id).size(),
        "none of the flood is stored");

    assertTrue(ana.collectives().remove(id, malKey, "flooded the history").inEffect());
    await().atMost(WAIT).until(() -> epoch(bo, id) == 1);
    assertFalse(Collective.isActiveIn(bo, id, malKey));
    await().atMost(WAIT).until(() -> !link.isOpen());
  }

  /**
   * A document frame costs its sender nothing to send again, so the same frame of junk signed by
   * keys never admitted, sent over and over, must not cost the receiver a signature check per
   * document: its node reads frames one at a time, and every other frame (events, pings) would
   * wait behind the checks. The ping that follows the flood on the same link is answered at
   * once.
   */
  @Test
  void aRepeatedFrameOfJunkDocumentsDoesNotHoldUpTheFramesBehindIt() throws Exception {
    nodes = new Collective(root);
    TendNode ana = nodes.node("ana");
    TendNode bo = nodes.node("bo");
    TendNode mal = nodes.node("mal");
    CollectiveId id = formed(ana, bo, mal);
    MemberKey boKey = bo.collectives().manager().me();
    int before = bo.collectives().manager().documents(id).size();
    PeerLink link = mal.connect(Collective.address(bo),
        mal.collectives().currentNetworkKey(id).orElseThrow(), boKey).get(10, TimeUnit.SECONDS);
    List<Frame> frames = CollectiveSync.batches(id, junk(id, 2_000));
    assertEquals(1, frames.size());
    for (int i = 0; i < 30; i++) { // 60,000 documents, within the transport's frame rate
      link.send(frames.get(0)).get(10, TimeUnit.SECONDS);
    }
    long start = System.nanoTime();
    link.ping().get(20, TimeUnit.SECONDS);
    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    // Checking 60,000 signatures takes seconds on any machine; parsing them, milliseconds.
    assertTrue(waited.compareTo(Duration.ofSeconds(2)) < 0, "the ping waited " + waited);
    assertTrue(link.isOpen());
    assertEquals(before, bo.collectives().manager().documents(id).size());
  }

  @Test
  void refusesDocumentsFromKeysNeverAdmitted() throws Exception {
    nodes = new Collective(root);
    TendNode ana = nodes.node("ana");
    CollectiveId id = ana.collectives().create("Night Shift", "Ana", Rules.defaults()).id();
    CollectiveManager manager = ana.collectives().manager();
    int before = manager.documents(id).size();
    DocumentHash genesis = manager.rosterOf(id).orElseThrow().genesis();
    NodeIdentity stranger = NodeIdentity.generate(randomness);
    List<SignedDocument> theirs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      theirs.add(VerifiedDocument.sign(stranger, body(id, MemberKey.of(
          stranger.signing().publicKey()), 1_000 + i).addParents(genesis.byteString())
          .setLeft(Left.getDefaultInstance()).build()).signed());
    }
    assertTrue(manager.ingest(id, theirs).isEmpty());
    assertEquals(before, manager.documents(id).size());
  }

  private CollectiveId formed(TendNode ana, TendNode bo, TendNode mal) throws Exception {
    CollectiveId id = nodes.form(ana, bo, mal);
    for (TendNode observer : List.of(ana, bo, mal)) {
      await().atMost(WAIT).until(() -> observer.collectives().members(id).size() == 3);
    }
    await().atMost(WAIT).until(() -> ana.collectives().online(id) == 2);
    return id;
  }

  /** Tiny documents, each signed by one of a few keys no collective ever admitted. */
  private List<SignedDocument> junk(CollectiveId id, int count) {
    List<NodeIdentity> keys = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      keys.add(NodeIdentity.generate(randomness));
    }
    List<SignedDocument> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      NodeIdentity by = keys.get(i % keys.size());
      out.add(VerifiedDocument.sign(by, body(id, MemberKey.of(by.signing().publicKey()), i)
          .setLeft(Left.getDefaultInstance()).build()).signed());
    }
    return out;
  }

  private static MembershipBody.Builder body(CollectiveId id, MemberKey author, long at) {
    return MembershipBody.newBuilder().setCollectiveId(ByteString.copyFrom(id.bytes()))
        .setAuthor(ByteString.copyFrom(author.bytes())).setCreatedAtMillis(at);
  }

  private static int epoch(TendNode node, CollectiveId id) throws Exception {
    return node.collectives().resolve(Optional.of(id.hex())).epoch();
  }
}
