package org.tend.node.service;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import org.tend.protocol.control.ControlResponse;

/** A control-channel client that sends whatever bytes a test gives it, hostile or not. */
final class RawControl implements AutoCloseable {
  private final SocketChannel channel;
  private DeadlineChannel timed;

  private RawControl(SocketChannel channel) {
    this.channel = channel;
  }

  static RawControl connect(Path socket) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(socket));
    return new RawControl(channel);
  }

  RawControl send(byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    return this;
  }

  /** Says the request is complete, as a client that gave up mid-frame would. */
  RawControl endOfRequest() throws IOException {
    channel.shutdownOutput();
    return this;
  }

  /** The node's answer; fails if none comes within {@code patience}. */
  ControlResponse response(Duration patience) throws IOException {
    return ControlResponse.parseFrom(new FrameReader(1 << 20, 64 << 20).read(timed(patience)));
  }

  /** Exactly {@code count} bytes of what the node sends; fails if they do not come in time. */
  byte[] read(int count, Duration patience) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(count);
    while (bytes.hasRemaining()) {
      if (timed(patience).read(bytes) < 0) {
        throw new java.io.EOFException("the node closed after " + bytes.position() + " bytes");
      }
    }
    return bytes.array();
  }

  /** True once the node has closed the connection; false if it is still open at the deadline. */
  boolean closedByNodeWithin(Duration patience) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    try {
      return timed(patience).read(one) < 0;
    } catch (java.nio.channels.InterruptedByTimeoutException stillOpen) {
      return false;
    } catch (java.net.SocketException reset) {
      // The node closed with some of what was sent still unread: a reset, not an end.
      return true;
    }
  }

  private DeadlineChannel timed(Duration patience) throws IOException {
    if (timed == null) {
      timed = new DeadlineChannel(channel, patience);
    } else {
      timed.restartDeadline(patience);
    }
    return timed;
  }

  @Override
  public void close() throws IOException {
    if (timed != null) {
      timed.close();
    }
    channel.close();
  }
}
