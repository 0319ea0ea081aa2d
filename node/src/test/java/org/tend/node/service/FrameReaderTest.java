package org.tend.node.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tend.protocol.control.ControlErrorCode;
import org.tend.protocol.control.ControlPing;
import org.tend.protocol.control.ControlRequest;

/** The control channel's length-prefixed frames, at and around their limit. */
class FrameReaderTest {
  private static final int MAX = 1 << 20;
  private final FrameReader reader = new FrameReader(MAX);

  @Test
  void readsAFrameOfExactlyTheMaximum() throws Exception {
    byte[] body = new byte[MAX];
    Arrays.fill(body, (byte) 7);

    byte[] read = reader.read(Channels.newChannel(new ByteArrayInputStream(frame(MAX, body))));

    assertArrayEquals(body, read);
  }

  @Test
  void rejectsALengthOneByteOverTheMaximumHavingReadOnlyTheLength() {
    CountingChannel in = new CountingChannel(header(MAX + 1));

    FrameException e = assertThrows(FrameException.class, () -> reader.read(in));

    assertEquals(ControlErrorCode.CONTROL_ERROR_TOO_LARGE, e.code());
    assertEquals(4, in.consumed, "nothing of the body is read");
    assertTrue(e.getMessage().contains((MAX + 1) + " bytes"), e.getMessage());
  }

  /** With -Xmx2g, allocating what these claim would fail with OutOfMemoryError instead. */
  @Test
  void rejectsTheLargestLengthsAPrefixCanClaimWithoutAllocatingThem() {
    for (int claimed : new int[] {Integer.MAX_VALUE, -1, Integer.MIN_VALUE}) {
      CountingChannel in = new CountingChannel(header(claimed));

      FrameException e = assertThrows(FrameException.class, () -> reader.read(in));

      assertEquals(ControlErrorCode.CONTROL_ERROR_TOO_LARGE, e.code());
      assertTrue(e.getMessage().contains(Integer.toUnsignedString(claimed)), e.getMessage());
      assertEquals(4, in.consumed);
    }
  }

  @Test
  void readsAFrameFedOneByteAtATime() throws Exception {
    byte[] body = ControlRequest.newBuilder().setPing(ControlPing.getDefaultInstance()).build()
        .toByteArray();

    byte[] read = reader.read(new CountingChannel(frame(body.length, body), 1));

    assertArrayEquals(body, read);
  }

  @Test
  void reportsAnEndOfStreamInsideTheLengthOrTheBodyAsMalformed() {
    for (byte[] truncated : new byte[][] {{}, {0, 0}, frame(10, new byte[9])}) {
      FrameException e = assertThrows(FrameException.class,
          () -> reader.read(new CountingChannel(truncated)));

      assertEquals(ControlErrorCode.CONTROL_ERROR_MALFORMED, e.code());
    }
  }

  @Test
  void readsAnEmptyFrame() throws Exception {
    assertEquals(0, reader.read(new CountingChannel(header(0))).length);
  }

  @Test
  void writesWhatItReadsAndRefusesToWriteOverTheLimit() throws Exception {
    ControlRequest ping = ControlRequest.newBuilder().setPing(ControlPing.getDefaultInstance())
        .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    FrameWriter.write(Channels.newChannel(out), ping, MAX);

    byte[] read = reader.read(new CountingChannel(out.toByteArray()));
    assertEquals(ping, ControlRequest.parseFrom(read));
    assertThrows(IllegalArgumentException.class,
        () -> FrameWriter.write(Channels.newChannel(out), ping, ping.getSerializedSize() - 1));
  }

  static byte[] header(int length) {
    return ByteBuffer.allocate(4).putInt(length).array();
  }

  static byte[] frame(int length, byte[] body) {
    return ByteBuffer.allocate(4 + body.length).putInt(length).put(body).array();
  }

  /** Hands out its bytes at most {@code chunk} at a time and counts how many were taken. */
  private static final class CountingChannel implements ReadableByteChannel {
    private final byte[] bytes;
    private final int chunk;
    int consumed;

    CountingChannel(byte[] bytes) {
      this(bytes, Integer.MAX_VALUE);
    }

    CountingChannel(byte[] bytes, int chunk) {
      this.bytes = bytes;
      this.chunk = chunk;
    }

    @Override
    public int read(ByteBuffer dst) {
      if (consumed == bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(chunk, dst.remaining()), bytes.length - consumed);
      dst.put(bytes, consumed, n);
      consumed += n;
      return n;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }
}
