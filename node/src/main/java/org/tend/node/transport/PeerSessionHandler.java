package org.tend.node.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.tend.node.api.transport.PeerLink;
import org.tend.node.api.transport.PeerListener;
import org.tend.node.api.transport.PeerUnreachableException;
import org.tend.node.transport.TransportEvents.PeerAuthenticated;
import org.tend.protocol.proto.Frame;
import org.tend.protocol.proto.Pong;
import org.tend.protocol.proto.Welcome;

/**
 * The last handler. The responder, having authorised the initiator, sends a {@link Welcome};
 * the initiator counts the link as made only when that arrives, so neither side tells the
 * node about a peer the other has refused. Then it answers pings, keeps the link alive with its
 * own pings well inside the idle timeout, and hands every other frame to the node's
 * {@link PeerListener}.
 */
final class PeerSessionHandler extends ChannelInboundHandlerAdapter {
  private final PeerListener listener;
  private final Duration keepAlive;
  private final LongSupplier nanoTime;
  private final Optional<CompletableFuture<PeerLink>> established;
  private ChannelPeerLink link;
  private ScheduledFuture<?> keepAliveTimer;
  private boolean welcomed;

  /** @param established completed with the link once authenticated (outbound connections) */
  PeerSessionHandler(PeerListener listener, Duration keepAlive, LongSupplier nanoTime,
      Optional<CompletableFuture<PeerLink>> established) {
    this.listener = listener;
    this.keepAlive = keepAlive;
    this.nanoTime = nanoTime;
    this.established = established;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (!(event instanceof PeerAuthenticated peer)) {
      super.userEventTriggered(ctx, event);
      return;
    }
    link = new ChannelPeerLink(ctx.channel(), peer, nanoTime);
    if (peer.inbound()) {
      ctx.writeAndFlush(Frame.newBuilder().setWelcome(Welcome.getDefaultInstance()).build());
      open(ctx);
    }
  }

  /** The link is made: both sides have authorised each other. */
  private void open(ChannelHandlerContext ctx) {
    welcomed = true;
    keepAliveTimer = ctx.executor().scheduleAtFixedRate(link::ping, keepAlive.toMillis(),
        keepAlive.toMillis(), TimeUnit.MILLISECONDS);
    listener.connected(link);
    established.ifPresent(future -> future.complete(link));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Frame frame) || link == null) {
      ReferenceCountUtil.release(msg);
      ctx.close();
      return;
    }
    if (!welcomed) {
      if (frame.getBodyCase() == Frame.BodyCase.WELCOME) {
        open(ctx);
      } else {
        ctx.close(); // the responder speaks first, with its welcome
      }
      return;
    }
    switch (frame.getBodyCase()) {
      case PING -> ctx.writeAndFlush(
          Frame.newBuilder().setPong(Pong.newBuilder().setNonce(frame.getPing().getNonce())).build());
      case PONG -> link.answered(frame.getPong().getNonce());
      case BODY_NOT_SET, WELCOME -> {
        // An empty or newer-version frame, or a repeated welcome: nothing to do.
      }
      default -> listener.received(link, frame);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (keepAliveTimer != null) {
      keepAliveTimer.cancel(false);
    }
    if (link != null && welcomed) {
      link.closed();
      listener.disconnected(link);
    }
    established.ifPresent(future -> future.completeExceptionally(new PeerUnreachableException(
        "the connection closed before the peer was authenticated")));
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close(); // whatever went wrong with this peer, it ends here and nowhere else
  }
}
