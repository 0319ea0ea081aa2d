package org.tend.node.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.api.transport.PeerLink;
import org.tend.node.api.transport.PeerListener;
import org.tend.node.api.transport.TransportLimits;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.noise.NoiseTransport;
import org.tend.protocol.proto.Frame;

/**
 * Both ends of a connection built by {@link TransportPipeline}, one EmbeddedChannel each, with
 * the test carrying bytes between them: the whole pipeline works end to end and, under paranoid
 * leak detection, every buffer it touched is released when the channels finish.
 */
class PipelineLeakTest {
  private final Fixtures f = new Fixtures(53);
  private final NodeIdentity dialler = f.identity();
  private final NodeIdentity listener = f.identity();
  private final CollectiveId collective = f.collective();
  private final NetworkKey key = f.networkKey(collective);
  private final AtomicLong nanos = new AtomicLong(7_000_000_000L);
  private final MockTicker ticker = Ticker.newMockTicker();
  private final TransportLimits limits = TransportLimits.defaults();
  private final RecordingListener diallerHears = new RecordingListener();
  private final RecordingListener listenerHears = new RecordingListener();

  @Test
  void aPingGoesRoundTheFullPipelinesAndNothingLeaks() throws Exception {
    EmbeddedChannel inbound = channel(pipeline(listener, dialler, listenerHears).inbound());
    CompletableFuture<PeerLink> established = new CompletableFuture<>();
    EmbeddedChannel outbound =
        channel(pipeline(dialler, listener, diallerHears).outbound(key, Fixtures.memberOf(listener), established));
    exchange(outbound, inbound);

    assertTrue(established.isDone());
    PeerLink link = established.join();
    assertEquals(Fixtures.memberOf(listener), link.member());
    assertEquals(collective, link.collective());
    assertFalse(link.inbound());
    assertEquals(List.of(link), diallerHears.connected);
    assertEquals(1, listenerHears.connected.size());
    PeerLink back = listenerHears.connected.get(0);
    assertEquals(Fixtures.memberOf(dialler), back.member());
    assertTrue(back.inbound());

    CompletableFuture<Duration> rtt = link.ping();
    carry(outbound, inbound);
    nanos.addAndGet(Duration.ofMillis(5).toNanos());
    carry(inbound, outbound);
    assertEquals(Duration.ofMillis(5), rtt.join());

    CompletableFuture<Duration> reverse = back.ping();
    exchange(outbound, inbound);
    assertTrue(reverse.isDone());

    link.close();
    assertEquals(List.of(link), diallerHears.disconnected);
    assertFalse(outbound.finishAndReleaseAll(), "nothing left over on the dialling side");
    assertFalse(inbound.finishAndReleaseAll(), "nothing left over on the listening side");
    assertEquals(List.of(back), listenerHears.disconnected);
    assertTrue(diallerHears.received.isEmpty(), "pings and pongs stay inside the transport");
    assertTrue(listenerHears.received.isEmpty());
  }

  /** The longest Noise message the pipeline's framing accepts today: 65533 bytes. */
  @Test
  void carriesANoiseMessageTwoBytesUnderTheMaximumLength() throws Exception {
    assertCarriesAFrameFilling(NoiseTransport.MAX_PLAINTEXT - 2);
  }

  /**
   * A frame whose encoding fills one Noise message of exactly 65535 bytes (the Noise maximum,
   * and what NoiseCipherHandler writes for a full piece) reaches the other side: the Noise
   * framing's limit counts its 2-byte prefix, so it must be the maximum plus two.
   */
  @Test
  void carriesANoiseMessageOfExactlyTheMaximumLength() throws Exception {
    assertCarriesAFrameFilling(NoiseTransport.MAX_PLAINTEXT);
  }

  /** Every full piece of a large frame is a 65535-byte message, and all of them arrive. */
  @Test
  void carriesAFrameLargerThanOneNoiseMessage() throws Exception {
    assertCarriesFrame(FrameCodecTest.frameOfSize(200_000));
  }

  @Test
  void aDiallerWithTheWrongNetworkKeyGetsSilenceUntilTheDeadline() throws Exception {
    EmbeddedChannel inbound = channel(pipeline(listener, dialler, listenerHears).inbound());
    CompletableFuture<PeerLink> established = new CompletableFuture<>();
    EmbeddedChannel outbound = channel(pipeline(dialler, listener, diallerHears)
        .outbound(f.networkKey(collective), Fixtures.memberOf(listener), established));
    exchange(outbound, inbound);
    assertNull(inbound.readOutbound());
    ticker.advance(limits.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
    inbound.runScheduledPendingTasks();
    outbound.runScheduledPendingTasks();
    assertFalse(inbound.isOpen());
    assertFalse(outbound.isOpen());
    assertTrue(established.isCompletedExceptionally());
    assertTrue(listenerHears.connected.isEmpty());
    assertFalse(inbound.finishAndReleaseAll());
    assertFalse(outbound.finishAndReleaseAll());
  }

  /** A frame whose 4-byte length and encoding are exactly {@code plaintext} bytes. */
  private void assertCarriesAFrameFilling(int plaintext) throws Exception {
    assertCarriesFrame(FrameCodecTest.frameOfSize(plaintext - 4));
  }

  /**
   * Sends {@code frame} and then a ping behind it: the frame has no body the listener hears of,
   * so the answered ping and the open connection show it went through.
   */
  private void assertCarriesFrame(Frame frame) throws Exception {
    EmbeddedChannel inbound = channel(pipeline(listener, dialler, listenerHears).inbound());
    CompletableFuture<PeerLink> established = new CompletableFuture<>();
    EmbeddedChannel outbound =
        channel(pipeline(dialler, listener, diallerHears).outbound(key, Fixtures.memberOf(listener), established));
    exchange(outbound, inbound);
    PeerLink link = established.join();
    link.send(frame).join();
    CompletableFuture<Duration> behind = link.ping();
    exchange(outbound, inbound);
    try {
      assertTrue(inbound.isActive(), "the listening side kept the connection");
      assertTrue(behind.isDone(), "the ping behind the frame was answered");
    } finally {
      outbound.finishAndReleaseAll();
      inbound.finishAndReleaseAll();
    }
  }

  private TransportPipeline pipeline(NodeIdentity self, NodeIdentity peer,
      PeerListener hears) {
    TestAdmission admission = new TestAdmission().accept(key)
        .member(collective, Fixtures.memberOf(peer));
    return new TransportPipeline(f.handshakes(self), admission, hears, limits, f.clock,
        nanos::get);
  }

  private EmbeddedChannel channel(ChannelInitializer<Channel> initializer) {
    return EmbeddedChannel.builder().ticker(ticker).handlers(initializer).build();
  }

  private static void exchange(EmbeddedChannel a, EmbeddedChannel b) {
    boolean moved = true;
    while (moved) {
      moved = carry(a, b) | carry(b, a);
    }
  }

  private static boolean carry(EmbeddedChannel from, EmbeddedChannel to) {
    boolean moved = false;
    for (ByteBuf out; (out = from.readOutbound()) != null; ) {
      moved = true;
      if (to.isOpen()) {
        to.writeInbound(out);
      } else {
        out.release();
      }
    }
    return moved;
  }

  private static final class RecordingListener implements PeerListener {
    final List<PeerLink> connected = new CopyOnWriteArrayList<>();
    final List<PeerLink> disconnected = new CopyOnWriteArrayList<>();
    final List<Object> received = new CopyOnWriteArrayList<>();

    @Override
    public void connected(PeerLink link) {
      connected.add(link);
    }

    @Override
    public void received(PeerLink link, Frame frame) {
      received.add(frame);
    }

    @Override
    public void disconnected(PeerLink link) {
      disconnected.add(link);
    }
  }
}
