package org.tend.node.transport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tend.node.api.transport.PeerAddress;
import org.tend.node.api.transport.PeerLink;
import org.tend.node.api.transport.PeerUnreachableException;
import org.tend.node.keystore.NodeIdentity;

/** Two nodes over in-memory channels, through the real pipeline. */
class NetworkTest {
  private final TwoNodes nodes = new TwoNodes();

  @AfterEach
  void close() {
    nodes.close();
  }

  @Test
  void membersConnectAuthenticateEachOtherAndPing() throws Exception {
    PeerAddress at = nodes.server.listen(new PeerAddress.InMemory("members-connect"));
    PeerLink link = nodes.client.connect(at, nodes.key, nodes.serverMember).get(5, TimeUnit.SECONDS);
    assertEquals(Fixtures.memberOf(nodes.serverIdentity), link.member());
    assertEquals(nodes.collective, link.collective());
    assertFalse(link.inbound());
    Duration rtt = link.ping().get(5, TimeUnit.SECONDS);
    assertFalse(rtt.isNegative());
    await().atMost(Duration.ofSeconds(5)).until(() -> nodes.serverSaw.size() == 1);
    PeerLink seen = nodes.serverSaw.get(0);
    assertEquals(Fixtures.memberOf(nodes.clientIdentity), seen.member());
    assertTrue(seen.inbound());
    seen.ping().get(5, TimeUnit.SECONDS);
  }

  @Test
  void aNonMemberWithTheNetworkKeyIsClosedBeforeAnyApplicationData() throws Exception {
    PeerAddress at = nodes.server.listen(new PeerAddress.InMemory("non-member"));
    NodeIdentity outsider = nodes.f.identity();
    try (Network stranger = nodes.stranger(outsider)) {
      ExecutionException failure = assertThrows(ExecutionException.class,
          () -> stranger.connect(at, nodes.key, nodes.serverMember).get(5, TimeUnit.SECONDS));
      assertInstanceOf(PeerUnreachableException.class, failure.getCause());
    }
    assertTrue(nodes.serverSaw.isEmpty(), "the server never admitted the outsider");
  }

  @Test
  void theWrongNetworkKeyNeverCompletesAHandshake() throws Exception {
    PeerAddress at = nodes.server.listen(new PeerAddress.InMemory("wrong-key"));
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> nodes.client.connect(at, nodes.f.networkKey(nodes.collective),
            nodes.serverMember)
            .get(5, TimeUnit.SECONDS));
    assertInstanceOf(PeerUnreachableException.class, failure.getCause());
    assertTrue(nodes.serverSaw.isEmpty());
  }

  @Test
  void aMemberRemovedFromTheRosterCannotConnectAgain() throws Exception {
    PeerAddress at = nodes.server.listen(new PeerAddress.InMemory("removed"));
    nodes.client.connect(at, nodes.key, nodes.serverMember).get(5, TimeUnit.SECONDS).close();
    nodes.serverAdmission.remove(nodes.collective, Fixtures.memberOf(nodes.clientIdentity));
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> nodes.client.connect(at, nodes.key, nodes.serverMember).get(5, TimeUnit.SECONDS));
    assertInstanceOf(PeerUnreachableException.class, failure.getCause());
  }

  @Test
  void aServerThatIsNoLongerAMemberIsRefusedByTheClient() throws Exception {
    PeerAddress at = nodes.server.listen(new PeerAddress.InMemory("server-removed"));
    nodes.clientAdmission.remove(nodes.collective, Fixtures.memberOf(nodes.serverIdentity));
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> nodes.client.connect(at, nodes.key, nodes.serverMember).get(5, TimeUnit.SECONDS));
    assertInstanceOf(PeerUnreachableException.class, failure.getCause());
  }

  @Test
  void nothingListeningIsUnreachable() {
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> nodes.client.connect(new PeerAddress.InMemory("nobody"), nodes.key,
            nodes.serverMember)
            .get(5, TimeUnit.SECONDS));
    assertInstanceOf(PeerUnreachableException.class, failure.getCause());
  }
}
