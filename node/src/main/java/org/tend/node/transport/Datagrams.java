package org.tend.node.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.tend.node.api.transport.PeerUnreachableException;

/**
 * A UDP socket for LAN beacons: small datagrams, sent to a broadcast address or to listed
 * addresses, and received from anyone. What they carry is the caller's business (sealed; see
 * {@code LanBeacons}); this class only moves bytes. Thread-safe.
 */
public final class Datagrams implements AutoCloseable {
  /** Datagrams larger than this are dropped unread. */
  public static final int MAX_DATAGRAM = 512;

  /** Hears datagrams; called on the socket's thread. */
  public interface Receiver {
    void received(byte[] data, String fromHost);
  }

  private final EventLoopGroup group;
  private final Channel channel;

  private Datagrams(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
  }

  /**
   * Binds a UDP socket at {@code host:port} (several nodes on one machine may share a port),
   * able to broadcast.
   */
  public static Datagrams bind(String host, int port, Receiver receiver)
      throws PeerUnreachableException {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
        new DefaultThreadFactory("tend-lan", true), NioIoHandler.newFactory());
    ChannelFuture bound = new Bootstrap().group(group).channel(NioDatagramChannel.class)
        .option(ChannelOption.SO_BROADCAST, true)
        .option(ChannelOption.SO_REUSEADDR, true)
        .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
          @Override
          protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            if (content.readableBytes() > MAX_DATAGRAM) {
              return;
            }
            byte[] data = new byte[content.readableBytes()];
            content.readBytes(data);
            receiver.received(data, packet.sender().getAddress().getHostAddress());
          }
        })
        .bind(new InetSocketAddress(host, port)).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw new PeerUnreachableException("Could not open the LAN beacon's UDP port " + host + ":"
          + port + ": " + bound.cause().getMessage(), bound.cause());
    }
    return new Datagrams(group, bound.channel());
  }

  /** The port the socket is bound to. */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Sends one datagram; failures (no route, say) are dropped, as UDP would. */
  public void send(byte[] data, String host, int port) {
    channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(data),
        new InetSocketAddress(host, port)));
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }
}
