package org.tend.node.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tend.node.api.transport.PeerAddress;
import org.tend.node.api.transport.PeerLink;

/**
 * At the socket level, a stranger learns nothing: whatever it sends, it gets no byte back and
 * is closed within a bounded time, while members keep being served.
 */
class StealthSocketTest {
  private static final Duration BOUND = Duration.ofSeconds(5);
  private final TwoNodes nodes = new TwoNodes();
  private PeerAddress.Tcp at;

  @BeforeEach
  void listen() throws Exception {
    at = (PeerAddress.Tcp) nodes.server.listen(new PeerAddress.Tcp("127.0.0.1", 0));
  }

  @AfterEach
  void close() {
    nodes.close();
  }

  @Test
  void randomBytesGetNothingBackAndAClose() throws Exception {
    assertSilentClose(nodes.f.random.bytes(1000));
    assertMembersStillServed();
  }

  @Test
  void aFirstMessageUnderTheWrongNetworkKeyGetsNothingBack() throws Exception {
    ByteBuf wrong = nodes.f.firstMessage(nodes.clientIdentity, nodes.serverIdentity,
        nodes.f.networkKey(nodes.collective),
        System.currentTimeMillis());
    byte[] bytes = ByteBufUtil.getBytes(wrong);
    wrong.release();
    assertSilentClose(bytes);
    assertMembersStillServed();
  }

  @Test
  void aTlsClientHelloGetsNothingBack() throws Exception {
    assertSilentClose(TlsClientHello.bytes());
    assertMembersStillServed();
  }

  @Test
  void aClientThatSendsNothingIsClosedAtTheDeadline() throws Exception {
    assertSilentClose(new byte[0]);
  }

  @Test
  void membersAreServedWhileStrangersProbe() throws Exception {
    try (Socket prober = new Socket(at.host(), at.port())) {
      prober.getOutputStream().write(nodes.f.random.bytes(10));
      assertMembersStillServed();
    }
  }

  private void assertSilentClose(byte[] probe) throws IOException {
    try (Socket socket = new Socket(at.host(), at.port())) {
      socket.setSoTimeout((int) BOUND.toMillis());
      socket.getOutputStream().write(probe);
      socket.getOutputStream().flush();
      long started = System.nanoTime();
      InputStream in = socket.getInputStream();
      int first = in.read(); // blocks until data, close, or the bound (SocketTimeoutException)
      assertEquals(-1, first, "the node wrote a byte back");
      assertTrue(System.nanoTime() - started < BOUND.toNanos());
    }
  }

  private void assertMembersStillServed() throws Exception {
    PeerLink link = nodes.client.connect(at, nodes.key, nodes.serverMember).get(5, TimeUnit.SECONDS);
    link.ping().get(5, TimeUnit.SECONDS);
    link.close();
  }
}
