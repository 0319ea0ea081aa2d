package org.tend.node.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.tend.protocol.proto.Frame;
import org.tend.protocol.proto.Ping;

class FrameCodecTest {
  private static final int MAX = 1024;

  @Test
  void decodesFramesFedOneByteAtATime() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameCodec(MAX));
    ByteBuf wire = encoded(ping(1), ping(2));
    while (wire.isReadable()) {
      channel.writeInbound(wire.readRetainedSlice(1));
    }
    wire.release();
    assertEquals(ping(1), channel.readInbound());
    assertEquals(ping(2), channel.readInbound());
    assertNull(channel.readInbound());
    assertFalse(channel.finishAndReleaseAll());
  }

  @Test
  void acceptsAFrameOfExactlyTheLimit() {
    EmbeddedChannel ok = new EmbeddedChannel(new FrameCodec(MAX));
    Frame frame = frameOfSize(MAX);
    assertEquals(MAX, frame.getSerializedSize());
    ok.writeInbound(encoded(frame));
    assertEquals(frame, ok.readInbound());
    assertTrue(ok.isActive());
    ok.finishAndReleaseAll();
  }

  @Test
  void closesOnAFrameOneByteOverTheLimitWithoutWaitingForIt() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameCodec(MAX));
    channel.writeInbound(Unpooled.buffer().writeInt(MAX + 1)); // only the length has arrived
    assertFalse(channel.isActive());
    assertNull(channel.readInbound());
    assertFalse(channel.finishAndReleaseAll());
  }

  @Test
  void closesOnALengthThatWouldBeNegativeAsASignedInt() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameCodec(MAX));
    channel.writeInbound(Unpooled.buffer().writeInt(0xFFFFFFF0));
    assertFalse(channel.isActive());
    channel.finishAndReleaseAll();
  }

  @Test
  void closesOnMalformedProtobuf() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameCodec(MAX));
    channel.writeInbound(Unpooled.buffer().writeInt(3).writeBytes(new byte[] {(byte) 0xFF, 0x7F, 0}));
    assertNull(channel.readInbound());
    assertFalse(channel.isActive());
    assertFalse(channel.finishAndReleaseAll());
  }

  @Test
  void refusesToSendAFrameOverTheLimit() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameCodec(MAX));
    assertTrue(channel.writeOutbound(frameOfSize(MAX)));
    ByteBuf out = channel.readOutbound();
    assertEquals(4 + MAX, out.readableBytes());
    out.release();
    assertFalse(channel.writeOneOutbound(frameOfSize(MAX + 1)).isSuccess());
    channel.finishAndReleaseAll();
  }

  /** A frame whose encoding is exactly {@code size} bytes (an unknown field fills it out). */
  static Frame frameOfSize(int size) {
    for (int filler = size; filler >= 0; filler--) {
      Frame frame = Frame.newBuilder().setUnknownFields(
          com.google.protobuf.UnknownFieldSet.newBuilder().addField(99,
              com.google.protobuf.UnknownFieldSet.Field.newBuilder()
                  .addLengthDelimited(ByteString.copyFrom(new byte[filler])).build()).build())
          .build();
      if (frame.getSerializedSize() == size) {
        return frame;
      }
    }
    throw new IllegalArgumentException("no frame of size " + size);
  }

  static Frame ping(long nonce) {
    return Frame.newBuilder().setPing(Ping.newBuilder().setNonce(nonce)).build();
  }

  static ByteBuf encoded(Frame... frames) {
    ByteBuf out = Unpooled.buffer();
    for (Frame frame : frames) {
      byte[] bytes = frame.toByteArray();
      out.writeInt(bytes.length).writeBytes(bytes);
    }
    return out;
  }
}
