package org.tend.node.replication;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.TestHomes;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.collective.Rules;
import org.tend.node.api.replication.Notice;
import org.tend.node.api.transport.PeerAddress;
import org.tend.node.api.transport.TransportLimits;
import org.tend.node.collective.Collective;

/**
 * A whole home put back from an older copy, keystore and all, looks to its node like any home:
 * nothing local tells. Its member's log has moved on at the other members' nodes, though, and
 * their vectors say so. Until it has compared logs with a neighbour it writes nothing its member
 * did not ask for (where it now listens), and until the events in between are back it signs
 * nothing at all: a second event at a place its member already used would fork their own log.
 */
class RestoredHomeTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path root;
  private Collective nodes;
  private TendNode ana;

  @AfterEach
  void close() {
    nodes.close();
    if (ana != null) {
      ana.close();
    }
  }

  @Test
  void aRestoredHomeTakesItsOwnLogBackFromANeighbourBeforeWritingInIt() throws Exception {
    nodes = new Collective(root);
    NodeConfig anaConfig = TestHomes.config(root.resolve("ana"));
    ana = TestHomes.init(anaConfig);
    ana.startNetwork(Optional.of(new PeerAddress.Tcp("127.0.0.1", freePort())),
        TransportLimits.defaults(), Duration.ofMillis(200));
    NodeConfig boConfig = TestHomes.config(root.resolve("bo"));
    TendNode bo = nodes.node(boConfig);
    CollectiveId id = ana.collectives().create("Riverside Care", "Ana", Rules.defaults()).id();
    String code = ana.collectives().invite(id, 1, Duration.ofHours(1),
        List.of(Collective.address(ana))).code();
    bo.collectives().join(code, "Bo");
    bo.replication().board().post(id, "Circle moves to Thursday 7pm");
    await().atMost(WAIT).until(() -> texts(ana, id).size() == 1);
    MemberKey boKey = bo.replication().replicator().me();
    nodes.close(bo);
    Path earlier = root.resolve("bo-earlier");
    TestHomes.copyHome(root.resolve("bo"), earlier);

    bo = nodes.node(boConfig);
    bo.replication().board().post(id, "Bring a dish to share");
    await().atMost(WAIT).until(() -> texts(ana, id).size() == 2);
    nodes.close(bo);
    long used = lastOf(ana, id, boKey);

    // The whole home as it was, keystore included: nothing on this disk tells.
    deleteTree(root.resolve("bo"));
    TestHomes.copyHome(earlier, root.resolve("bo"));
    TendNode restored = nodes.node(boConfig);
    await().atMost(WAIT).until(() -> restored.replication().replicator().holds(id, boKey, used));
    restored.replication().board().post(id, "Quiet room is upstairs");
    await().atMost(WAIT).until(() -> texts(ana, id).size() == 3);

    assertEquals(List.of(), ana.replication().status(id).forks(), "bo's log never forked");
    assertEquals(List.of(), restored.replication().status(id).forks());
    assertTrue(lastOf(ana, id, boKey) > used);
  }

  private static long lastOf(TendNode node, CollectiveId id, MemberKey author) throws Exception {
    return node.replication().replicator().events(id).stream()
        .filter(e -> e.author().equals(author)).mapToLong(VerifiedEvent::sequence).max()
        .orElseThrow();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static List<String> texts(TendNode node, CollectiveId id) throws Exception {
    return node.replication().board().list(id).stream().map(Notice::text).toList();
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
