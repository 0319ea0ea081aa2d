package org.tend.node.transport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tend.node.api.transport.PeerAddress;
import org.tend.node.api.transport.PeerLink;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.proto.Frame;
import org.tend.protocol.proto.Ping;

/** A member whose node floods is cut off; another member connected at the same time is not. */
class FloodTest {
  private final TwoNodes nodes = new TwoNodes();

  @AfterEach
  void close() {
    nodes.close();
  }

  @Test
  void aFloodingMemberIsDisconnectedWhileAnHonestOneKeepsBeingServed() throws Exception {
    PeerAddress at = nodes.server.listen(new PeerAddress.Tcp("127.0.0.1", 0));
    NodeIdentity flooder = nodes.f.identity();
    nodes.serverAdmission.member(nodes.collective, Fixtures.memberOf(flooder));
    nodes.clientAdmission.member(nodes.collective, Fixtures.memberOf(flooder));
    try (Network flooding = nodes.stranger(flooder)) {
      PeerLink honest = nodes.client.connect(at, nodes.key, nodes.serverMember).get(5, TimeUnit.SECONDS);
      PeerLink flood = flooding.connect(at, nodes.key, nodes.serverMember).get(5, TimeUnit.SECONDS);
      Frame frame = Frame.newBuilder().setPing(Ping.newBuilder().setNonce(1)).build();
      int burst = TwoNodes.LIMITS.frameBurst();
      for (int i = 0; i < 4 * burst && flood.isOpen(); i++) {
        flood.send(frame);
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> !flood.isOpen());
      for (int i = 0; i < 5; i++) {
        honest.ping().get(5, TimeUnit.SECONDS);
      }
      assertTrue(honest.isOpen());
      PeerLink again = nodes.client.connect(at, nodes.key, nodes.serverMember).get(5, TimeUnit.SECONDS);
      again.ping().get(5, TimeUnit.SECONDS);
    }
  }
}
