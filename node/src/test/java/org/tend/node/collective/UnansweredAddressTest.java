package org.tend.node.collective;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.TendNode;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.transport.PeerAddress;
import org.tend.protocol.proto.KnownAddress;

/**
 * Real nodes on loopback. A member announces a third party's address (or a beacon names one):
 * the other nodes dial it a few times, less and less often, and then forget it.
 */
class UnansweredAddressTest {
  private static final Duration WAIT = Duration.ofSeconds(40);

  @TempDir
  Path root;
  private Collective nodes;

  @AfterEach
  void close() {
    nodes.close();
  }

  @Test
  void anAnnouncedAddressThatNeverAnswersIsDialledAFewTimesThenForgotten() throws Exception {
    nodes = new Collective(root);
    TendNode ana = nodes.node("ana");
    TendNode mal = nodes.node("mal");
    CollectiveId id = nodes.form(ana, mal);
    MemberKey malKey = mal.collectives().manager().me();
    nodes.close(mal); // Ana dials Mal's addresses only while Mal is not connected

    AtomicInteger dials = new AtomicInteger();
    try (ServerSocket thirdParty = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ServerSocket lanDecoy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread counter = daemon(() -> acceptAndClose(thirdParty, dials));
      Thread other = daemon(() -> acceptAndClose(lanDecoy, new AtomicInteger()));
      ana.collectives().heard(id, malKey,
          List.of(new PeerAddress.Tcp("127.0.0.1", thirdParty.getLocalPort())));
      ana.collectives().manager().heard(KnownAddress.newBuilder()
          .setCollectiveId(ByteString.copyFrom(id.bytes()))
          .setMember(ByteString.copyFrom(malKey.bytes())).setHost("127.0.0.1")
          .setPort(lanDecoy.getLocalPort()).setSource("lan").build(),
          CollectiveModule.MAX_ADDRESSES_PER_MEMBER);
      await().atMost(WAIT).until(() -> dials.get() > 0);

      await().atMost(WAIT).until(() -> ports(ana).stream().noneMatch(
          p -> p == thirdParty.getLocalPort() || p == lanDecoy.getLocalPort()));
      int atForgetting = dials.get();
      assertTrue(atForgetting <= Dialer.UNANSWERED_TRIES,
          "dialled " + atForgetting + " times, not every round");
      counter.interrupt();
      other.interrupt();
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "third-party");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static List<Integer> ports(TendNode node) throws Exception {
    return node.collectives().manager().addresses().stream().map(KnownAddress::getPort).toList();
  }

  private static void acceptAndClose(ServerSocket server, AtomicInteger count) {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        count.incrementAndGet();
      } catch (java.io.IOException e) {
        return;
      }
    }
  }
}
