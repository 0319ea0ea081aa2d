package org.tend.node.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps simultaneous inbound connections from one remote IP address; one over the cap is closed
 * at once, without a byte written. Shared by every inbound connection of one listener.
 */
@Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
  private static final AttributeKey<String> COUNTED = AttributeKey.valueOf("tend.counted");

  private final int maxPerAddress;
  private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

  ConnectionLimiter(int maxPerAddress) {
    if (maxPerAddress <= 0) {
      throw new IllegalArgumentException("maxPerAddress must be positive: " + maxPerAddress);
    }
    this.maxPerAddress = maxPerAddress;
  }

  /** Open connections counted for {@code address} (an IP address, or a local channel's name). */
  int openFrom(String address) {
    return open.getOrDefault(address, 0);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    String address = addressOf(ctx.channel().remoteAddress());
    boolean[] admitted = {false};
    open.compute(address, (key, count) -> {
      int current = count == null ? 0 : count;
      if (current >= maxPerAddress) {
        return count;
      }
      admitted[0] = true;
      return current + 1;
    });
    if (!admitted[0]) {
      ctx.close();
      return;
    }
    ctx.channel().attr(COUNTED).set(address);
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    String address = ctx.channel().attr(COUNTED).getAndSet(null);
    if (address != null) {
      open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }
    super.channelInactive(ctx);
  }

  static String addressOf(SocketAddress remote) {
    if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress();
    }
    return String.valueOf(remote);
  }
}
