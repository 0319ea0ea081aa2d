package org.tend.node.transport;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.transport.PeerLink;
import org.tend.node.transport.TransportEvents.PeerAuthenticated;
import org.tend.protocol.proto.Frame;
import org.tend.protocol.proto.Ping;

/** A {@link PeerLink} over one authenticated Netty channel. */
final class ChannelPeerLink implements PeerLink {
  private final Channel channel;
  private final PeerAuthenticated peer;
  private final LongSupplier nanoTime;
  private final AtomicLong nonces = new AtomicLong();
  private final Map<Long, Pending> pings = new ConcurrentHashMap<>();

  private record Pending(long sentAt, CompletableFuture<Duration> answer) {
  }

  ChannelPeerLink(Channel channel, PeerAuthenticated peer, LongSupplier nanoTime) {
    this.channel = channel;
    this.peer = peer;
    this.nanoTime = nanoTime;
  }

  @Override
  public CollectiveId collective() {
    return peer.collective();
  }

  @Override
  public MemberKey member() {
    return peer.member();
  }

  @Override
  public String remoteAddress() {
    if (channel.remoteAddress() instanceof java.net.InetSocketAddress inet
        && inet.getAddress() != null) {
      return new org.tend.node.api.transport.PeerAddress.Tcp(
          inet.getAddress().getHostAddress(), inet.getPort()).toString();
    }
    return String.valueOf(channel.remoteAddress());
  }

  @Override
  public boolean inbound() {
    return peer.inbound();
  }

  @Override
  public boolean joinOnly() {
    return peer.joinOnly();
  }

  @Override
  public boolean isOpen() {
    return channel.isActive();
  }

  @Override
  public CompletableFuture<Void> send(Frame frame) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    channel.writeAndFlush(frame).addListener(f -> {
      if (f.isSuccess()) {
        done.complete(null);
      } else {
        done.completeExceptionally(f.cause());
      }
    });
    return done;
  }

  @Override
  public CompletableFuture<Duration> ping() {
    long nonce = nonces.incrementAndGet();
    CompletableFuture<Duration> answer = new CompletableFuture<>();
    pings.put(nonce, new Pending(nanoTime.getAsLong(), answer));
    send(Frame.newBuilder().setPing(Ping.newBuilder().setNonce(nonce)).build())
        .whenComplete((ok, failure) -> {
          if (failure != null) {
            pings.remove(nonce);
            answer.completeExceptionally(failure);
          }
        });
    return answer;
  }

  @Override
  public void close() {
    channel.close();
  }

  void answered(long nonce) {
    Pending pending = pings.remove(nonce);
    if (pending != null) {
      pending.answer().complete(Duration.ofNanos(nanoTime.getAsLong() - pending.sentAt()));
    }
  }

  void closed() {
    pings.values().forEach(p -> p.answer().completeExceptionally(
        new IllegalStateException("the link closed before the peer answered")));
    pings.clear();
  }

  @Override
  public String toString() {
    return "PeerLink[" + member() + " in " + collective() + " at " + remoteAddress() + "]";
  }
}
