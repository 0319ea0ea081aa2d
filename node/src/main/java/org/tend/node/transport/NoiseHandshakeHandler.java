package org.tend.node.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.transport.Admission;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.transport.TransportEvents.FirstMessageAccepted;
import org.tend.node.transport.TransportEvents.HandshakeCompleted;
import org.tend.protocol.noise.HandshakeState;
import org.tend.protocol.noise.NoiseException;

/**
 * Runs the rest of the Noise handshake over length-delimited Noise messages, then fires
 * {@link HandshakeCompleted} and leaves the pipeline. The initiator writes message 1 (its clock)
 * as soon as the connection is up, reads message 2 and writes message 3; the responder takes
 * over from the gate, writes message 2 and reads message 3. Messages 2 and 3 carry each side's
 * PeerHello. The initiator writes message 3, which reveals who it is, only once message 2 has
 * proved the member it meant to reach ({@link PeerAuthoriser#provesResponder}). Any failure closes the connection; so does the deadline, which bounds how long any
 * connection — including one the gate refused — can stay open before the handshake is done.
 */
final class NoiseHandshakeHandler extends ChannelInboundHandlerAdapter {
  private final Handshakes handshakes;
  private final Optional<NetworkKey> initiatorKey;
  private final MemberKey responder;
  private final Admission admission;
  private final Clock clock;
  private final Duration deadline;
  private HandshakeState state;
  private NetworkKey key;
  private byte[] remoteHello;
  private ScheduledFuture<?> timer;

  private NoiseHandshakeHandler(Handshakes handshakes, Optional<NetworkKey> initiatorKey,
      MemberKey responder, Admission admission, Clock clock, Duration deadline) {
    this.handshakes = handshakes;
    this.initiatorKey = initiatorKey;
    this.responder = responder;
    this.admission = admission;
    this.clock = clock;
    this.deadline = deadline;
  }

  /** Dials the node of {@code responder}; {@code admission} says whether it is still a member. */
  static NoiseHandshakeHandler initiator(Handshakes handshakes, NetworkKey key,
      MemberKey responder, Admission admission, Clock clock, Duration deadline) {
    return new NoiseHandshakeHandler(handshakes, Optional.of(key), responder, admission, clock,
        deadline);
  }

  static NoiseHandshakeHandler responder(Handshakes handshakes, Clock clock, Duration deadline) {
    return new NoiseHandshakeHandler(handshakes, Optional.empty(), handshakes.me(), null, clock,
        deadline);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) throws NoiseException {
    if (ctx.channel().isActive()) {
      start(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    start(ctx);
    super.channelActive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.cancel(false);
    }
    if (state != null && !state.isComplete()) {
      state.close();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof FirstMessageAccepted accepted && state == null && initiatorKey.isEmpty()) {
        state = accepted.state();
        key = accepted.key();
        send(ctx, handshakes.hello());
      } else if (msg instanceof ByteBuf message && state != null && !state.isMyTurn()) {
        remoteHello = state.readMessage(ByteBufUtil.getBytes(message));
        if (initiatorKey.isPresent()) {
          if (!PeerAuthoriser.provesResponder(admission, key, responder, remoteHello,
              state.remoteStatic().orElseThrow())) {
            ctx.close(); // not whom we dialled: it never learns who we are
            return;
          }
          send(ctx, handshakes.hello());
        }
      } else {
        if (msg instanceof FirstMessageAccepted stray) {
          stray.state().close();
        }
        ctx.close(); // out of turn, or before the first message: not a Tend peer
        return;
      }
      if (state.isComplete()) {
        complete(ctx);
      }
    } catch (NoiseException | RuntimeException e) {
      ctx.close();
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void start(ChannelHandlerContext ctx) throws NoiseException {
    if (timer != null) {
      return;
    }
    timer = ctx.executor().schedule(() -> {
      ctx.close();
    }, deadline.toMillis(), TimeUnit.MILLISECONDS);
    if (initiatorKey.isPresent()) {
      state = handshakes.initiator(initiatorKey.get(), responder);
      key = initiatorKey.get();
      send(ctx, Handshakes.timestamp(clock.millis()));
    }
  }

  private void send(ChannelHandlerContext ctx, byte[] payload) throws NoiseException {
    ctx.writeAndFlush(Unpooled.wrappedBuffer(state.writeMessage(payload)));
  }

  private void complete(ChannelHandlerContext ctx) {
    timer.cancel(false);
    byte[] remoteStatic = state.remoteStatic().orElseThrow();
    ctx.fireUserEventTriggered(new HandshakeCompleted(state.split(Handshakes.REKEY_INTERVAL),
        remoteStatic, remoteHello, key, initiatorKey.isEmpty()));
    ctx.pipeline().remove(this);
  }
}
