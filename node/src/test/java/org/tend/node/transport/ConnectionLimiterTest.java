package org.tend.node.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every EmbeddedChannel has the same remote address, so all channels here count as connections
 * from one address. An EmbeddedChannel becomes active when it registers, in its constructor.
 */
class ConnectionLimiterTest {
  private static final int MAX = 3;

  private final ConnectionLimiter limiter = new ConnectionLimiter(MAX);
  private final List<EmbeddedChannel> channels = new ArrayList<>();
  private final List<EventRecorder> recorders = new ArrayList<>();
  private String address;

  @AfterEach
  void closeAll() {
    channels.forEach(EmbeddedChannel::finishAndReleaseAll);
  }

  @Test
  void keepsExactlyTheMaximumOpenFromOneAddress() {
    for (int i = 0; i < MAX; i++) {
      EmbeddedChannel channel = connect();
      assertTrue(channel.isActive());
      assertTrue(recorder(i).sawActive, "the rest of the pipeline hears of the connection");
    }
    assertEquals(MAX, limiter.openFrom(address));
  }

  @Test
  void closesOneOverTheMaximumAtOnceWithoutAByte() {
    for (int i = 0; i < MAX; i++) {
      connect();
    }
    EmbeddedChannel extra = connect();
    assertFalse(extra.isOpen(), "closed during channelActive, before anything else can run");
    assertNull(extra.readOutbound());
    assertFalse(recorder(MAX).sawActive, "the rest of the pipeline never sees it");
    assertEquals(MAX, limiter.openFrom(address), "a refused connection is not counted");
  }

  @Test
  void closingAConnectionFreesItsSlot() {
    for (int i = 0; i < MAX; i++) {
      connect();
    }
    channels.get(1).close();
    assertEquals(MAX - 1, limiter.openFrom(address));
    EmbeddedChannel replacement = connect();
    assertTrue(replacement.isActive());
    assertEquals(MAX, limiter.openFrom(address));
    assertFalse(connect().isOpen(), "and the cap holds again");
  }

  @Test
  void aRefusedConnectionClosingDoesNotFreeASlot() {
    for (int i = 0; i < MAX; i++) {
      connect();
    }
    connect().finishAndReleaseAll();
    connect().finishAndReleaseAll();
    assertEquals(MAX, limiter.openFrom(address));
    assertFalse(connect().isOpen());
  }

  @Test
  void countsReturnToZeroOnceEveryConnectionCloses() {
    for (int i = 0; i < MAX + 2; i++) {
      connect();
    }
    channels.forEach(EmbeddedChannel::close);
    assertEquals(0, limiter.openFrom(address));
    assertTrue(connect().isActive());
    assertEquals(1, limiter.openFrom(address));
  }

  @Test
  void countsTheIpAddressNotThePort() throws Exception {
    InetAddress ip = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 7});
    assertEquals("192.0.2.7", ConnectionLimiter.addressOf(new InetSocketAddress(ip, 4000)));
    assertEquals(ConnectionLimiter.addressOf(new InetSocketAddress(ip, 4000)),
        ConnectionLimiter.addressOf(new InetSocketAddress(ip, 4001)));
  }

  @Test
  void theMaximumMustBePositive() {
    new ConnectionLimiter(1);
    assertThrows(IllegalArgumentException.class, () -> new ConnectionLimiter(0));
  }

  private EmbeddedChannel connect() {
    EventRecorder recorder = new EventRecorder();
    EmbeddedChannel channel = new EmbeddedChannel(limiter, recorder);
    address = ConnectionLimiter.addressOf(channel.remoteAddress());
    channels.add(channel);
    recorders.add(recorder);
    return channel;
  }

  private EventRecorder recorder(int index) {
    return recorders.get(index);
  }
}
