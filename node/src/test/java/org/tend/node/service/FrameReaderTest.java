package org.tend.node.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
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

    byte[] read = reader.read(Channels.newChannel(new ByteArrayInputStream(frame(MAX, body))))
        .toByteArray();

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
  void rejectsTheLargestLengthsAHeaderCanClaimWithoutAllocatingThem() {
    // The top bit says another chunk follows; the other 31 are the length.
    for (int claimed : new int[] {Integer.MAX_VALUE, -1}) {
      CountingChannel in = new CountingChannel(header(claimed));

      FrameException e = assertThrows(FrameException.class, () -> reader.read(in));

      assertEquals(ControlErrorCode.CONTROL_ERROR_TOO_LARGE, e.code());
      assertTrue(e.getMessage().contains(Integer.MAX_VALUE + " bytes"), e.getMessage());
      assertEquals(4, in.consumed);
    }
  }

  @Test
  void rejectsAContinuedChunkOneByteOverTheMaximumHavingReadOnlyItsHeader() {
    CountingChannel in = new CountingChannel(header(FrameReader.MORE | (MAX + 1)));

    FrameException e = assertThrows(FrameException.class, () -> reader.read(in));

    assertEquals(ControlErrorCode.CONTROL_ERROR_TOO_LARGE, e.code());
    assertEquals(4, in.consumed);
  }

  @Test
  void readsAFrameFedOneByteAtATime() throws Exception {
    byte[] body = ControlRequest.newBuilder().setPing(ControlPing.getDefaultInstance()).build()
        .toByteArray();

    byte[] read = reader.read(new CountingChannel(frame(body.length, body), 1)).toByteArray();

    assertArrayEquals(body, read);
  }

  @Test
  void reportsAnEndOfStreamInsideTheLengthOrTheBodyAsMalformed() {
    for (byte[] truncated : new byte[][] {{}, {0, 0}, frame(10, new byte[9])}) {
      FrameException e = assertThrows(FrameException.class,
          () -> reader.read(new CountingChannel(truncated)));

      assertEquals(ControlErrorCode.CONTROL_ERROR_MALFORMED, e.code());
      assertTrue(e.isCutShort());
    }
  }

  @Test
  void reportsAMessageThatEndsAfterAContinuedChunkAsCutShortAndSaysHowFarItGot() {
    byte[] first = frame(FrameReader.MORE | 10, new byte[10]);

    FrameException e = assertThrows(FrameException.class,
        () -> reader.read(new CountingChannel(first)));

    assertTrue(e.isCutShort());
    assertTrue(e.getMessage().contains("after 10 bytes"), e.getMessage());
  }

  @Test
  void readsAnEmptyFrame() throws Exception {
    assertEquals(0, reader.read(new CountingChannel(header(0))).size());
  }

  @Test
  void refusesAnEmptyChunkThatSaysMoreFollowsSoNothingCanStallTheLimit() {
    CountingChannel in = new CountingChannel(header(FrameReader.MORE));

    FrameException e = assertThrows(FrameException.class, () -> reader.read(in));

    assertEquals(ControlErrorCode.CONTROL_ERROR_MALFORMED, e.code());
  }

  @Test
  void reassemblesChunksUpToExactlyTheMessageLimit() throws Exception {
    FrameReader small = new FrameReader(100, 1000);
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    byte[] expected = new byte[1000];
    for (int i = 0; i < 10; i++) {
      byte[] body = new byte[100];
      Arrays.fill(body, (byte) i);
      System.arraycopy(body, 0, expected, i * 100, 100);
      in.write(frame(i < 9 ? FrameReader.MORE | 100 : 100, body));
    }

    assertArrayEquals(expected,
        small.read(new CountingChannel(in.toByteArray())).toByteArray());
  }

  @Test
  void refusesAMessageOneByteOverItsLimitHavingReadOnlyTheOffendingHeader() throws Exception {
    FrameReader small = new FrameReader(100, 1000);
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    for (int i = 0; i < 10; i++) {
      in.write(frame(FrameReader.MORE | 100, new byte[100]));
    }
    in.write(frame(1, new byte[1]));
    CountingChannel channel = new CountingChannel(in.toByteArray());

    FrameException e = assertThrows(FrameException.class, () -> small.read(channel));

    assertEquals(ControlErrorCode.CONTROL_ERROR_TOO_LARGE, e.code());
    assertEquals(10 * 104 + 4, channel.consumed, "the last byte is never read");
  }

  @Test
  void cutsOffChunksThatNeverEndAtTheMessageLimit() {
    FrameReader small = new FrameReader(100, 1000);
    EndlessChunks endless = new EndlessChunks(100);

    FrameException e = assertThrows(FrameException.class, () -> small.read(endless));

    assertEquals(ControlErrorCode.CONTROL_ERROR_TOO_LARGE, e.code());
    assertTrue(endless.handedOut <= 10 * 104 + 4, "read " + endless.handedOut + " bytes");
  }

  @Test
  void writesAMessageOfExactlyTheChunkLimitAsOneLastChunk() throws Exception {
    byte[] written = written(paddedPing(MAX), MAX);

    assertEquals(4 + MAX, written.length);
    assertEquals(MAX, ByteBuffer.wrap(written).getInt(0), "no continuation bit");
  }

  @Test
  void writesAMessageOneByteOverTheChunkLimitAsAFullChunkAndOneByte() throws Exception {
    ControlRequest request = ControlRequest.parseFrom(paddedPing(MAX + 1));
    byte[] written = written(paddedPing(MAX + 1), MAX);

    assertEquals(4 + MAX + 4 + 1, written.length);
    assertEquals(FrameReader.MORE | MAX, ByteBuffer.wrap(written).getInt(0));
    assertEquals(1, ByteBuffer.wrap(written).getInt(4 + MAX));
    assertEquals(request, ControlRequest.parseFrom(
        new FrameReader(MAX, 2 * MAX).read(new CountingChannel(written))));
  }

  @Test
  void roundTripsAMessageOfManyChunksAndRunsTheHookOncePerChunk() throws Exception {
    ControlRequest request = ControlRequest.parseFrom(paddedPing(10_000));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int[] chunks = {0};
    FrameWriter.Progress progress = new FrameWriter.Progress() {
      @Override
      void beforeChunk() {
        chunks[0]++;
      }
    };

    FrameWriter.write(Channels.newChannel(out), request, 64, progress);

    assertEquals((10_000 + 63) / 64, chunks[0]);
    assertEquals(10_000, progress.sent());
    assertEquals(10_000, progress.total());
    assertEquals(request, ControlRequest.parseFrom(new FrameReader(64, 10_000)
        .read(new CountingChannel(out.toByteArray(), 7))));
    assertThrows(FrameException.class, () -> new FrameReader(64, 9_999)
        .read(new CountingChannel(out.toByteArray())));
  }

  @Test
  void writesWhatItReads() throws Exception {
    ControlRequest ping = ControlRequest.newBuilder().setPing(ControlPing.getDefaultInstance())
        .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    FrameWriter.write(Channels.newChannel(out), ping, MAX);

    assertEquals(ping, ControlRequest.parseFrom(
        reader.read(new CountingChannel(out.toByteArray()))));
  }

  private static byte[] written(byte[] request, int maxFrameBytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FrameWriter.write(Channels.newChannel(out), ControlRequest.parseFrom(request),
        maxFrameBytes);
    return out.toByteArray();
  }

  /** A ping whose unknown field pads it to exactly {@code size} bytes. */
  static byte[] paddedPing(int size) {
    ControlRequest ping = ControlRequest.newBuilder().setPing(ControlPing.getDefaultInstance())
        .build();
    int padding = size - 16;
    while (true) {
      byte[] bytes = ping.toBuilder().setUnknownFields(UnknownFieldSet.newBuilder()
          .addField(1000, UnknownFieldSet.Field.newBuilder()
              .addLengthDelimited(ByteString.copyFrom(new byte[padding])).build())
          .build()).build().toByteArray();
      if (bytes.length == size) {
        return bytes;
      }
      padding += size - bytes.length;
    }
  }

  static byte[] header(int length) {
    return ByteBuffer.allocate(4).putInt(length).array();
  }

  static byte[] frame(int length, byte[] body) {
    return ByteBuffer.allocate(4 + body.length).putInt(length).put(body).array();
  }

  /** A peer that sends full chunks, each saying another follows, for ever. */
  private static final class EndlessChunks implements ReadableByteChannel {
    private final ByteBuffer chunk;
    long handedOut;

    EndlessChunks(int size) {
      chunk = ByteBuffer.wrap(frame(FrameReader.MORE | size, new byte[size]));
    }

    @Override
    public int read(ByteBuffer dst) {
      if (!chunk.hasRemaining()) {
        chunk.rewind();
      }
      int n = Math.min(dst.remaining(), chunk.remaining());
      dst.put(dst.position(), chunk, chunk.position(), n).position(dst.position() + n);
      chunk.position(chunk.position() + n);
      handedOut += n;
      return n;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
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
