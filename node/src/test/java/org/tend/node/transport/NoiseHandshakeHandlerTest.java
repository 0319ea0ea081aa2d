package org.tend.node.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.keystore.NodeIdentity;
import org.tend.node.transport.TransportEvents.FirstMessageAccepted;
import org.tend.node.transport.TransportEvents.HandshakeCompleted;
import org.tend.protocol.noise.HandshakeState;
import org.tend.protocol.noise.NoiseProtocol;

/**
 * Two nodes' handshake handlers, each on its own EmbeddedChannel with the real Noise framing,
 * the responder behind the real gate; the test carries bytes between them. Time on both
 * channels is a mock ticker the test moves.
 */
class NoiseHandshakeHandlerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final long TIMEOUT_NANOS = TIMEOUT.toNanos();

  private final Fixtures f = new Fixtures(41);
  private final NodeIdentity initiatorNode = f.identity();
  private final NodeIdentity responderNode = f.identity();
  private final CollectiveId collective = f.collective();
  private final NetworkKey key = f.networkKey(collective);
  private final TestAdmission admission = new TestAdmission().accept(key)
      .member(collective, Fixtures.memberOf(responderNode));
  private final ReplayWindow replays = new ReplayWindow(f.clock, Duration.ofMinutes(10), 1000);
  private final MockTicker ticker = Ticker.newMockTicker();
  private final EventRecorder initiatorEvents = new EventRecorder();
  private final EventRecorder responderEvents = new EventRecorder();
  private final List<EmbeddedChannel> channels = new ArrayList<>();

  @AfterEach
  void release() {
    for (EventRecorder recorder : List.of(initiatorEvents, responderEvents)) {
      recorder.eventsOf(HandshakeCompleted.class).forEach(e -> e.transport().close());
    }
    channels.forEach(EmbeddedChannel::finishAndReleaseAll);
  }

  @Test
  void bothSidesCompleteWithEachOthersStaticKeys() throws Exception {
    EmbeddedChannel initiator = initiator();
    EmbeddedChannel responder = responder();
    exchange(initiator, responder, false);
    assertCompleted(initiator, responder);
  }

  @Test
  void completesWhenEveryMessageArrivesOneByteAtATime() throws Exception {
    EmbeddedChannel initiator = initiator();
    EmbeddedChannel responder = responder();
    exchange(initiator, responder, true);
    assertCompleted(initiator, responder);
  }

  @Test
  void theInitiatorSendsItsFirstMessageAsSoonAsItIsConnected() {
    EmbeddedChannel initiator = initiator();
    ByteBuf first = drain(initiator);
    assertEquals(2 + Handshakes.FIRST_MESSAGE_LENGTH, first.readableBytes());
    assertEquals(Handshakes.FIRST_MESSAGE_LENGTH, first.getUnsignedShort(0));
    first.release();
  }

  @Test
  void aCompletedHandshakeOutlivesTheDeadline() throws Exception {
    EmbeddedChannel initiator = initiator();
    EmbeddedChannel responder = responder();
    exchange(initiator, responder, false);
    ticker.advance(2 * TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
    initiator.runScheduledPendingTasks();
    responder.runScheduledPendingTasks();
    assertTrue(initiator.isActive());
    assertTrue(responder.isActive());
  }

  @Test
  void anInitiatorAnsweredByAnotherHolderOfTheNetworkKeyNeverSendsMessageThree()
      throws Exception {
    NodeIdentity mallory = f.identity();
    admission.member(collective, Fixtures.memberOf(mallory));
    assertNoMessageThree(impostor(mallory), f.handshakes(mallory).hello());
  }

  @Test
  void anInitiatorAnsweredWithTheDialledMembersHelloOverAnotherStaticKeyNeverSendsMessageThree()
      throws Exception {
    NodeIdentity mallory = f.identity();
    assertNoMessageThree(impostor(mallory), f.handshakes(responderNode).hello());
  }

  @Test
  void anInitiatorNeverRevealsItselfToANodeRemovedFromTheRoster() throws Exception {
    EmbeddedChannel initiator = initiator();
    EmbeddedChannel responder = responder();
    deliver(drain(initiator), responder, false);
    admission.remove(collective, Fixtures.memberOf(responderNode));
    deliver(drain(responder), initiator, false);
    assertNull(initiator.readOutbound(), "message 3 would have told it who dialled");
    assertFalse(initiator.isOpen());
    assertTrue(initiatorEvents.eventsOf(HandshakeCompleted.class).isEmpty());
  }

  /**
   * A PSK holder (say, a removed member keeping an old key, at an address the initiator dials)
   * answering in place of the node the initiator meant to reach: it builds its handshake with
   * that node's prologue and its own static key.
   */
  private HandshakeState impostor(NodeIdentity impostor) throws Exception {
    return HandshakeState.responder(NoiseProtocol.parse(NoiseProtocol.TEND))
        .prologue(Handshakes.prologue(key, Fixtures.memberOf(responderNode)))
        .localStatic(impostor.agreement()).psk(key.psk()).randomness(f.random).build();
  }

  /** The impostor answers with {@code hello} in message 2; the initiator must not go on. */
  private void assertNoMessageThree(HandshakeState impostor, byte[] hello) throws Exception {
    EmbeddedChannel initiator = initiator();
    ByteBuf first = drain(initiator);
    first.skipBytes(2);
    impostor.readMessage(ByteBufUtil.getBytes(first));
    first.release();
    byte[] second = impostor.writeMessage(hello);
    initiator.writeInbound(Unpooled.buffer().writeShort(second.length).writeBytes(second));
    assertNull(initiator.readOutbound(), "message 3 would have told it who dialled");
    assertFalse(initiator.isOpen());
    assertTrue(initiatorEvents.eventsOf(HandshakeCompleted.class).isEmpty());
    impostor.close();
  }

  @Test
  void aResponderThatHearsNothingClosesAtTheDeadlineAndNotBefore() {
    EmbeddedChannel responder = responder();
    assertOpenUntilTheDeadline(responder);
    assertNull(responder.readOutbound());
  }

  @Test
  void aResponderBehindARefusingGateClosesAtTheDeadlineHavingWrittenNothing() throws Exception {
    EmbeddedChannel responder = responder();
    responder.writeInbound(f.firstMessage(initiatorNode, responderNode, f.networkKey(collective), f.clock.millis()));
    responder.writeInbound(Unpooled.wrappedBuffer(f.random.bytes(300)));
    assertTrue(responder.pipeline().get(HandshakeGate.class).refused());
    assertOpenUntilTheDeadline(responder);
    assertNull(responder.readOutbound(), "not a single byte, not even at the close");
    assertTrue(responderEvents.events.isEmpty());
  }

  @Test
  void anInitiatorThatGetsNoAnswerClosesAtTheDeadline() {
    EmbeddedChannel initiator = initiator();
    drain(initiator).release();
    assertOpenUntilTheDeadline(initiator);
  }

  @Test
  void aResponderThatNeverGetsMessageThreeClosesAtTheDeadline() throws Exception {
    EmbeddedChannel initiator = initiator();
    EmbeddedChannel responder = responder();
    deliver(drain(initiator), responder, false);
    assertNotNull(responder.readOutbound(), "message 2 was sent");
    responder.releaseOutbound();
    assertOpenUntilTheDeadline(responder);
    assertTrue(responderEvents.eventsOf(HandshakeCompleted.class).isEmpty());
  }

  @Test
  void closesOnANoiseMessageBeforeTheGateAcceptedAFirstMessage() {
    ChannelHandler[] framing = framing();
    EmbeddedChannel responder = channel(framing[0], framing[1],
        NoiseHandshakeHandler.responder(f.handshakes(responderNode), f.clock, TIMEOUT),
        responderEvents);
    ByteBuf message = Unpooled.buffer().writeShort(Handshakes.FIRST_MESSAGE_LENGTH)
        .writeBytes(f.random.bytes(Handshakes.FIRST_MESSAGE_LENGTH));
    responder.writeInbound(message);
    assertFalse(responder.isOpen());
    assertNull(responder.readOutbound());
  }

  @Test
  void theInitiatorClosesOnAnAcceptedFirstMessageMeantForAResponder() {
    EmbeddedChannel initiator = initiator();
    drain(initiator).release();
    HandshakeState stray = f.handshakes(initiatorNode).responder(key);
    initiator.writeInbound(new FirstMessageAccepted(stray, key));
    stray.close();
    assertFalse(initiator.isOpen());
    assertNull(initiator.readOutbound());
  }

  @Test
  void theResponderClosesOnASecondAcceptedFirstMessage() throws Exception {
    EmbeddedChannel initiator = initiator();
    EmbeddedChannel responder = responder();
    deliver(drain(initiator), responder, false);
    responder.releaseOutbound();
    HandshakeState again = f.handshakes(responderNode).responder(key);
    responder.writeInbound(new FirstMessageAccepted(again, key));
    again.close();
    assertFalse(responder.isOpen());
  }

  @Test
  void theResponderClosesOnMessageOneAgainWhereMessageThreeBelongs() throws Exception {
    EmbeddedChannel initiator = initiator();
    EmbeddedChannel responder = responder();
    ByteBuf first = drain(initiator);
    deliver(first.retainedDuplicate(), responder, false);
    responder.releaseOutbound();
    responder.writeInbound(first);
    assertFalse(responder.isOpen());
    assertTrue(responderEvents.eventsOf(HandshakeCompleted.class).isEmpty());
  }

  @Test
  void theInitiatorClosesOnATamperedMessageTwo() throws Exception {
    EmbeddedChannel initiator = initiator();
    EmbeddedChannel responder = responder();
    deliver(drain(initiator), responder, false);
    ByteBuf second = drain(responder);
    flipByte(second, 2 + 40);
    deliver(second, initiator, false);
    assertFalse(initiator.isOpen());
    assertNull(initiator.readOutbound(), "message 3 is never sent");
    assertTrue(initiatorEvents.eventsOf(HandshakeCompleted.class).isEmpty());
  }

  @Test
  void theResponderClosesOnATamperedMessageThree() throws Exception {
    EmbeddedChannel initiator = initiator();
    EmbeddedChannel responder = responder();
    deliver(drain(initiator), responder, false);
    deliver(drain(responder), initiator, false);
    ByteBuf third = drain(initiator);
    flipByte(third, third.readableBytes() - 1);
    deliver(third, responder, false);
    assertFalse(responder.isOpen());
    assertTrue(responderEvents.eventsOf(HandshakeCompleted.class).isEmpty());
    assertNull(responder.readOutbound());
  }

  private void assertCompleted(EmbeddedChannel initiator, EmbeddedChannel responder)
      throws Exception {
    HandshakeCompleted outbound = only(initiatorEvents);
    HandshakeCompleted inbound = only(responderEvents);
    assertArrayEquals(responderNode.agreement().publicKey(), outbound.remoteStatic());
    assertArrayEquals(initiatorNode.agreement().publicKey(), inbound.remoteStatic());
    assertArrayEquals(f.handshakes(responderNode).hello(), outbound.remoteHello());
    assertArrayEquals(f.handshakes(initiatorNode).hello(), inbound.remoteHello());
    assertEquals(collective, outbound.collective());
    assertEquals(collective, inbound.collective());
    assertFalse(outbound.inbound());
    assertTrue(inbound.inbound());
    assertArrayEquals("both ways".getBytes(),
        inbound.transport().decrypt(outbound.transport().encrypt("both ways".getBytes())));
    assertArrayEquals("and back".getBytes(),
        outbound.transport().decrypt(inbound.transport().encrypt("and back".getBytes())));
    for (EmbeddedChannel channel : List.of(initiator, responder)) {
      assertTrue(channel.isActive());
      assertNull(channel.pipeline().get(NoiseHandshakeHandler.class), "the handler has left");
      assertNull(channel.pipeline().get(HandshakeGate.class));
      assertNull(channel.readOutbound());
      assertNull(channel.readInbound());
    }
  }

  private static HandshakeCompleted only(EventRecorder recorder) {
    List<HandshakeCompleted> completed = recorder.eventsOf(HandshakeCompleted.class);
    assertEquals(1, completed.size());
    return completed.get(0);
  }

  private void assertOpenUntilTheDeadline(EmbeddedChannel channel) {
    ticker.advance(TIMEOUT_NANOS - 1, TimeUnit.NANOSECONDS);
    channel.runScheduledPendingTasks();
    assertTrue(channel.isActive(), "still open one nanosecond before the deadline");
    ticker.advance(1, TimeUnit.NANOSECONDS);
    channel.runScheduledPendingTasks();
    assertFalse(channel.isOpen(), "closed at the deadline");
  }

  /** Carries bytes both ways until neither side has anything more to say. */
  private static void exchange(EmbeddedChannel initiator, EmbeddedChannel responder,
      boolean byteByByte) {
    boolean moved = true;
    while (moved) {
      moved = carry(initiator, responder, byteByByte) | carry(responder, initiator, byteByByte);
    }
  }

  private static boolean carry(EmbeddedChannel from, EmbeddedChannel to, boolean byteByByte) {
    boolean moved = false;
    for (ByteBuf out; (out = from.readOutbound()) != null; ) {
      moved = true;
      deliver(out, to, byteByByte);
    }
    return moved;
  }

  private static void deliver(ByteBuf bytes, EmbeddedChannel to, boolean byteByByte) {
    if (!byteByByte) {
      to.writeInbound(bytes);
      return;
    }
    while (bytes.isReadable()) {
      to.writeInbound(bytes.readRetainedSlice(1));
    }
    bytes.release();
  }

  /** Everything the channel has written so far, as one buffer. */
  private static ByteBuf drain(EmbeddedChannel channel) {
    ByteBuf all = Unpooled.buffer();
    for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
      all.writeBytes(out);
      out.release();
    }
    return all;
  }

  private static void flipByte(ByteBuf buf, int index) {
    buf.setByte(index, buf.getByte(index) ^ 1);
  }

  private EmbeddedChannel initiator() {
    ChannelHandler[] framing = framing();
    return channel(framing[0], framing[1],
        NoiseHandshakeHandler.initiator(f.handshakes(initiatorNode), key,
            Fixtures.memberOf(responderNode), admission, f.clock, TIMEOUT),
        initiatorEvents);
  }

  private EmbeddedChannel responder() {
    ChannelHandler[] framing = framing();
    return channel(new HandshakeGate(f.handshakes(responderNode), admission, replays),
        framing[0], framing[1],
        NoiseHandshakeHandler.responder(f.handshakes(responderNode), f.clock, TIMEOUT),
        responderEvents);
  }

  private static ChannelHandler[] framing() {
    return new ChannelHandler[] {
        new LengthFieldBasedFrameDecoder(HandshakeState.MAX_MESSAGE_LENGTH, 0, 2, 0, 2),
        new LengthFieldPrepender(2)};
  }

  private EmbeddedChannel channel(ChannelHandler... handlers) {
    EmbeddedChannel channel = EmbeddedChannel.builder().ticker(ticker).handlers(handlers).build();
    channels.add(channel);
    return channel;
  }
}
