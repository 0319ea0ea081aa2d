package org.tend.node.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.tend.protocol.proto.Frame;

/**
 * Arbitrary bytes, cut into arbitrary pieces, into the frame decoder: it must emit only whole,
 * parsed frames within the limit, or close — never throw out of the pipeline or leak a buffer.
 * Runs its checked-in inputs as a regression test; {@code JAZZER_FUZZ=1} fuzzes (see
 * docs/performance.md for the command).
 */
class FrameDecoderFuzzTest {
  private static final int MAX = 4096;

  @FuzzTest(maxDuration = "5m")
  void decodesOrCloses(FuzzedDataProvider data) {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameCodec(MAX));
    while (data.remainingBytes() > 0 && channel.isActive()) {
      byte[] piece = data.consumeBytes(data.consumeInt(1, 300));
      channel.writeInbound(Unpooled.wrappedBuffer(piece));
      for (Object out; (out = channel.readInbound()) != null; ) {
        Frame frame = (Frame) out;
        assertEquals(true, frame.getSerializedSize() <= MAX);
      }
    }
    channel.finishAndReleaseAll();
  }
}
