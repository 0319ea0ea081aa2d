package org.tend.node.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/**
 * Copies the first handshake message of an inbound connection, as it arrived, and leaves the
 * pipeline: what a node modified to record them could keep. Only the simulator's replaying
 * member has one (see {@link Network.Builder#recordFirstMessages}); it changes nothing the
 * rest of the pipeline sees.
 */
final class FirstMessageTap extends ChannelInboundHandlerAdapter {
  /** The message with its 2-byte length. */
  static final int LENGTH = 2 + Handshakes.FIRST_MESSAGE_LENGTH;

  private final Consumer<byte[]> sink;
  private final ByteArrayOutputStream seen = new ByteArrayOutputStream(LENGTH);

  FirstMessageTap(Consumer<byte[]> sink) {
    this.sink = sink;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf in) {
      int take = Math.min(in.readableBytes(), LENGTH - seen.size());
      byte[] part = new byte[take];
      in.getBytes(in.readerIndex(), part);
      seen.writeBytes(part);
      if (seen.size() == LENGTH) {
        ctx.pipeline().remove(this);
        sink.accept(seen.toByteArray());
      }
    }
    ctx.fireChannelRead(msg);
  }
}
