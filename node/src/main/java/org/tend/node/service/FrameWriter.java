package org.tend.node.service;

import com.google.protobuf.MessageLite;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Writes one control message as chunks of at most {@code maxFrameBytes} (see
 * {@link FrameReader} for the format). The message is serialized straight into one chunk-sized
 * buffer, which goes out each time it fills, so sending a large answer costs one chunk of
 * memory beyond the answer itself, however slowly the client reads.
 */
final class FrameWriter extends OutputStream {
  private final WritableByteChannel out;
  private final int maxFrameBytes;
  private final Runnable eachChunk;
  private final ByteBuffer chunk;
  private long sent;

  private FrameWriter(WritableByteChannel out, int maxFrameBytes, int messageBytes,
      Runnable eachChunk) {
    this.out = out;
    this.maxFrameBytes = maxFrameBytes;
    this.eachChunk = eachChunk;
    this.chunk = ByteBuffer.allocate(FrameReader.HEADER_BYTES
        + Math.min(maxFrameBytes, messageBytes));
    chunk.position(FrameReader.HEADER_BYTES);
  }

  static void write(WritableByteChannel out, MessageLite message, int maxFrameBytes)
      throws IOException {
    write(out, message, maxFrameBytes, new Progress());
  }

  /**
   * Writes {@code message}, running {@code progress.beforeChunk()} before each chunk goes out
   * (to give each its own deadline) and counting the bytes sent into it.
   */
  static void write(WritableByteChannel out, MessageLite message, int maxFrameBytes,
      Progress progress) throws IOException {
    if (maxFrameBytes < 1) {
      throw new IllegalArgumentException("maxFrameBytes must be positive, was " + maxFrameBytes);
    }
    int size = message.getSerializedSize();
    progress.total = size;
    FrameWriter writer = new FrameWriter(out, maxFrameBytes, size, progress::beforeChunk);
    try {
      message.writeTo(writer);
      writer.send(false);
    } finally {
      progress.sent = writer.sent;
    }
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    while (length > 0) {
      if (body() == maxFrameBytes) {
        // More bytes have come, so this full chunk is not the last.
        send(true);
      }
      int n = Math.min(length, maxFrameBytes - body());
      chunk.put(bytes, offset, n);
      offset += n;
      length -= n;
    }
  }

  private int body() {
    return chunk.position() - FrameReader.HEADER_BYTES;
  }

  private void send(boolean more) throws IOException {
    int length = body();
    chunk.putInt(0, more ? length | FrameReader.MORE : length).flip();
    eachChunk.run();
    while (chunk.hasRemaining()) {
      out.write(chunk);
    }
    sent += length;
    chunk.clear().position(FrameReader.HEADER_BYTES);
  }

  /** How far a message got; for a log line when the reader goes away mid-way. */
  static class Progress {
    private long total;
    private long sent;

    /** Runs before each chunk goes out. */
    void beforeChunk() {}

    long total() {
      return total;
    }

    long sent() {
      return sent;
    }
  }
}
