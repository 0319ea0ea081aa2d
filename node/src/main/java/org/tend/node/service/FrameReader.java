package org.tend.node.service;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import org.tend.protocol.control.ControlErrorCode;

/**
 * Reads one control message: one or more chunks, each a 4-byte big-endian header and a body.
 * The header's top bit says another chunk follows; its other 31 bits are the body's length.
 * Each length is checked against the chunk limit, and the message so far plus it against the
 * message limit, before the body is allocated or read, so a hostile header costs four bytes,
 * not the gigabytes it claims, and chunks without end are cut off at the message limit.
 */
final class FrameReader {
  static final int HEADER_BYTES = 4;
  /** The header bit that says another chunk of the same message follows this one. */
  static final int MORE = 0x8000_0000;

  private final int maxFrameBytes;
  private final int maxMessageBytes;

  /** A reader of messages no larger than one chunk's limit, as requests are. */
  FrameReader(int maxFrameBytes) {
    this(maxFrameBytes, maxFrameBytes);
  }

  FrameReader(int maxFrameBytes, int maxMessageBytes) {
    if (maxFrameBytes < 1 || maxMessageBytes < maxFrameBytes) {
      throw new IllegalArgumentException("need a positive chunk limit and a message limit at"
          + " least as large, was " + maxFrameBytes + " and " + maxMessageBytes);
    }
    this.maxFrameBytes = maxFrameBytes;
    this.maxMessageBytes = maxMessageBytes;
  }

  /** The message's bytes; fails on a limit passed or an end of stream inside the message. */
  ByteString read(ReadableByteChannel in) throws IOException {
    return read(in, () -> { });
  }

  /**
   * As {@link #read(ReadableByteChannel)}, running {@code eachChunk} before each chunk is read,
   * so a caller can give every chunk its own deadline.
   */
  ByteString read(ReadableByteChannel in, Runnable eachChunk) throws IOException {
    ByteString message = ByteString.EMPTY;
    while (true) {
      eachChunk.run();
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
      readFully(in, header, message.size(), "its length");
      int word = header.getInt(0);
      boolean more = (word & MORE) != 0;
      int length = word & ~MORE;
      if (length > maxFrameBytes) {
        throw new FrameException(ControlErrorCode.CONTROL_ERROR_TOO_LARGE, "A control message"
            + " chunk of " + length + " bytes is over the limit of " + maxFrameBytes + " bytes.");
      }
      if ((long) message.size() + length > maxMessageBytes) {
        throw new FrameException(ControlErrorCode.CONTROL_ERROR_TOO_LARGE, "A control message"
            + " of more than " + message.size() + " + " + length + " bytes is over the limit of "
            + maxMessageBytes + " bytes.");
      }
      if (more && length == 0) {
        // Empty chunks would add nothing towards the message limit, so nothing would end them.
        throw new FrameException(ControlErrorCode.CONTROL_ERROR_MALFORMED,
            "A control message chunk said more would follow but carried nothing.");
      }
      ByteBuffer body = ByteBuffer.allocate(length);
      readFully(in, body, message.size(), "its " + length + " bytes");
      // The array is ours alone from here on, so wrapping it saves a copy.
      message = message.concat(UnsafeByteOperations.unsafeWrap(body.array()));
      if (!more) {
        return message;
      }
    }
  }

  private static void readFully(ReadableByteChannel in, ByteBuffer into, int before,
      String what) throws IOException {
    while (into.hasRemaining()) {
      if (in.read(into) < 0) {
        throw FrameException.cutShort(before == 0
            ? "The control message ended before " + what + " (" + into.position() + " of "
                + into.capacity() + " bytes came)."
            : "The control message ended after " + before + " bytes, inside a chunk before "
                + what + " (" + into.position() + " of " + into.capacity() + " bytes came).");
      }
    }
  }
}
