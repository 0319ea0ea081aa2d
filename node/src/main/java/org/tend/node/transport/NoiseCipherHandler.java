package org.tend.node.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.PromiseCombiner;
import org.tend.node.transport.TransportEvents.HandshakeCompleted;
import org.tend.protocol.noise.NoiseException;
import org.tend.protocol.noise.NoiseTransport;

/**
 * Transport encryption: each inbound Noise message is decrypted to a slice of the plaintext
 * stream, and outbound plaintext is cut into pieces of at most
 * {@link NoiseTransport#MAX_PLAINTEXT} bytes, each sent as one Noise message. Takes its keys
 * from {@link HandshakeCompleted}; a message before that, or one that fails authentication,
 * closes the connection.
 */
final class NoiseCipherHandler extends ChannelDuplexHandler {
  private NoiseTransport transport;

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof HandshakeCompleted completed) {
      transport = completed.transport();
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf message) || transport == null) {
      ReferenceCountUtil.release(msg);
      ctx.close();
      return;
    }
    byte[] ciphertext;
    try {
      ciphertext = ByteBufUtil.getBytes(message);
    } finally {
      message.release();
    }
    try {
      ctx.fireChannelRead(Unpooled.wrappedBuffer(transport.decrypt(ciphertext)));
    } catch (NoiseException | IllegalStateException e) {
      ctx.close();
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!(msg instanceof ByteBuf plaintext) || transport == null) {
      ReferenceCountUtil.release(msg);
      promise.setFailure(new IllegalStateException("no transport keys yet"));
      return;
    }
    PromiseCombiner pieces = new PromiseCombiner(ctx.executor());
    try {
      do {
        int length = Math.min(plaintext.readableBytes(), NoiseTransport.MAX_PLAINTEXT);
        byte[] piece = new byte[length];
        plaintext.readBytes(piece);
        pieces.add(ctx.write(Unpooled.wrappedBuffer(transport.encrypt(piece))));
      } while (plaintext.isReadable());
      pieces.finish(promise);
    } catch (NoiseException | RuntimeException e) {
      promise.tryFailure(e);
      ctx.close();
    } finally {
      plaintext.release();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (transport != null) {
      transport.close();
    }
    super.channelInactive(ctx);
  }
}
