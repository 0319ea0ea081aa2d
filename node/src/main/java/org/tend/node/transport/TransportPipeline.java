package org.tend.node.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.transport.Admission;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.api.transport.PeerLink;
import org.tend.node.api.transport.PeerListener;
import org.tend.node.api.transport.TransportLimits;
import org.tend.protocol.noise.HandshakeState;

/**
 * Builds every connection's pipeline, one handler per concern, in this order (inbound flows
 * down, outbound up):
 *
 * <pre>
 *   limiter      ConnectionLimiter       inbound only: at most N connections per remote address
 *   idle         IdleCloser              close after the idle timeout without input
 *   gate         HandshakeGate           inbound only: first message must prove a network key,
 *                                        be fresh and unseen; else silence until the deadline
 *   noiseFrames  LengthFieldBasedFrameDecoder(2)   split the stream into Noise messages
 *   noisePrefix  LengthFieldPrepender(2)           and prefix outgoing ones with their length
 *   handshake    NoiseHandshakeHandler   the rest of Noise_XXpsk0, bounded by a deadline;
 *                                        leaves the pipeline when done
 *   cipher       NoiseCipherHandler      transport encryption (rekeying every 2^16 messages)
 *   frames       FrameCodec              4-byte length-prefixed protobuf Frames, size-limited
 *   authoriser   PeerAuthoriser          the proved static key must be bound to a current
 *                                        member's identity, before any frame passes
 *   rate         RateLimiter             token bucket on inbound frames; floods disconnect
 *   session      PeerSessionHandler      pings, keep-alive, and frames to the PeerListener
 * </pre>
 *
 * <p>Stateless handlers are shared ({@code limiter}); every other handler is made per channel.
 */
final class TransportPipeline {
  private final Handshakes handshakes;
  private final Admission admission;
  private final PeerListener listener;
  private final TransportLimits limits;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final ConnectionLimiter limiter;
  private final ReplayWindow replays;
  private volatile java.util.function.Consumer<byte[]> firstMessages;

  TransportPipeline(Handshakes handshakes, Admission admission, PeerListener listener,
      TransportLimits limits, Clock clock, LongSupplier nanoTime) {
    this.handshakes = handshakes;
    this.admission = admission;
    this.listener = listener;
    this.limits = limits;
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.limiter = new ConnectionLimiter(limits.maxConnectionsPerAddress());
    this.replays = new ReplayWindow(clock, limits.clockSkew(), 1 << 16);
  }

  /** Hands every inbound connection's first handshake message to {@code sink}, as it came. */
  void recordFirstMessages(java.util.function.Consumer<byte[]> sink) {
    this.firstMessages = sink;
  }

  ChannelInitializer<Channel> inbound() {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel channel) {
        ChannelPipeline p = channel.pipeline();
        if (firstMessages != null) {
          p.addLast("tap", new FirstMessageTap(firstMessages));
        }
        p.addLast("limiter", limiter);
        p.addLast("idle", new IdleCloser(limits.idleTimeout()));
        p.addLast("gate", new HandshakeGate(handshakes, admission, replays));
        addNoiseFraming(p);
        p.addLast("handshake",
            NoiseHandshakeHandler.responder(handshakes, clock, limits.handshakeTimeout()));
        addSession(p, Optional.empty());
      }
    };
  }

  ChannelInitializer<Channel> outbound(NetworkKey key, MemberKey responder,
      CompletableFuture<PeerLink> established) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel channel) {
        ChannelPipeline p = channel.pipeline();
        p.addLast("idle", new IdleCloser(limits.idleTimeout()));
        addNoiseFraming(p);
        p.addLast("handshake",
            NoiseHandshakeHandler.initiator(handshakes, key, responder, admission, clock,
                limits.handshakeTimeout()));
        addSession(p, Optional.of(established));
      }
    };
  }

  private static void addNoiseFraming(ChannelPipeline p) {
    p.addLast("noiseFrames", new LengthFieldBasedFrameDecoder(
        HandshakeState.MAX_MESSAGE_LENGTH + 2, 0, 2, 0, 2)); // the limit counts the prefix
    p.addLast("noisePrefix", new LengthFieldPrepender(2));
  }

  private void addSession(ChannelPipeline p, Optional<CompletableFuture<PeerLink>> established) {
    p.addLast("cipher", new NoiseCipherHandler());
    p.addLast("frames", new FrameCodec(limits.maxFrameBytes()));
    p.addLast("authoriser", new PeerAuthoriser(admission));
    p.addLast("rate", new RateLimiter(limits.framesPerSecond(), limits.frameBurst(), nanoTime));
    p.addLast("session", new PeerSessionHandler(listener, keepAlive(), nanoTime, established));
  }

  private Duration keepAlive() {
    return limits.idleTimeout().dividedBy(3);
  }
}
