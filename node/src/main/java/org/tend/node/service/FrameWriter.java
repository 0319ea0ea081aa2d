package org.tend.node.service;

import com.google.protobuf.MessageLite;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/** Writes one control frame: a 4-byte big-endian length, then the message. */
final class FrameWriter {
  private FrameWriter() {}

  static void write(WritableByteChannel out, MessageLite message, int maxFrameBytes)
      throws IOException {
    int size = message.getSerializedSize();
    if (size > maxFrameBytes) {
      throw new IllegalArgumentException("a control message of " + size
          + " bytes is over the limit of " + maxFrameBytes);
    }
    ByteBuffer frame = ByteBuffer.allocate(FrameReader.HEADER_BYTES + size);
    frame.putInt(size).put(message.toByteArray()).flip();
    while (frame.hasRemaining()) {
      out.write(frame);
    }
  }
}
