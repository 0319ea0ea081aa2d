package org.tend.node.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import org.tend.protocol.control.ControlErrorCode;

/**
 * Reads one control frame: a 4-byte big-endian length, then that many bytes. The length is
 * checked against the limit before the body is allocated or read, so a hostile prefix costs
 * four bytes, not the gigabytes it claims.
 */
final class FrameReader {
  static final int HEADER_BYTES = 4;

  private final int maxFrameBytes;

  FrameReader(int maxFrameBytes) {
    if (maxFrameBytes < 1) {
      throw new IllegalArgumentException("maxFrameBytes must be positive, was " + maxFrameBytes);
    }
    this.maxFrameBytes = maxFrameBytes;
  }

  /** The frame's body; fails on a length over the limit or an end of stream inside the frame. */
  byte[] read(ReadableByteChannel in) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    readFully(in, header, "its length");
    long length = Integer.toUnsignedLong(header.getInt(0));
    if (length > maxFrameBytes) {
      throw new FrameException(ControlErrorCode.CONTROL_ERROR_TOO_LARGE, "A control message of "
          + length + " bytes is over the limit of " + maxFrameBytes + " bytes.");
    }
    ByteBuffer body = ByteBuffer.allocate((int) length);
    readFully(in, body, "its " + length + " bytes");
    return body.array();
  }

  private static void readFully(ReadableByteChannel in, ByteBuffer into, String what)
      throws IOException {
    while (into.hasRemaining()) {
      if (in.read(into) < 0) {
        throw new FrameException(ControlErrorCode.CONTROL_ERROR_MALFORMED,
            "The control message ended before " + what + " (" + into.position() + " of "
                + into.capacity() + " bytes came).");
      }
    }
  }
}
