package org.tend.node.transport;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageCodec;
import java.io.IOException;
import java.util.List;
import org.tend.protocol.proto.Frame;

/**
 * Application frames over the decrypted stream: a 4-byte big-endian length, then that many
 * bytes of a protobuf {@link Frame}. The length is checked against the limit before any byte of
 * the frame is buffered; a frame over the limit, or one that does not parse, closes the
 * connection and everything after it is discarded.
 */
final class FrameCodec extends ByteToMessageCodec<Frame> {
  private final int maxFrameBytes;
  private boolean broken;

  FrameCodec(int maxFrameBytes) {
    super(Frame.class);
    if (maxFrameBytes <= 0) {
      throw new IllegalArgumentException("maxFrameBytes must be positive: " + maxFrameBytes);
    }
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) throws IOException {
    int size = frame.getSerializedSize();
    if (size > maxFrameBytes) {
      throw new IllegalArgumentException(
          "frame of " + size + " bytes exceeds the limit of " + maxFrameBytes);
    }
    out.writeInt(size);
    frame.writeTo(new ByteBufOutputStream(out));
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (broken) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < 4) {
      return;
    }
    long length = in.getUnsignedInt(in.readerIndex());
    if (length > maxFrameBytes) {
      reject(ctx, in);
      return;
    }
    if (in.readableBytes() < 4 + length) {
      return;
    }
    in.skipBytes(4);
    try {
      out.add(Frame.parser().parseFrom(in.nioBuffer(in.readerIndex(), (int) length)));
      in.skipBytes((int) length);
    } catch (InvalidProtocolBufferException e) {
      reject(ctx, in);
    }
  }

  private void reject(ChannelHandlerContext ctx, ByteBuf in) {
    broken = true;
    in.skipBytes(in.readableBytes());
    ctx.close();
  }
}
