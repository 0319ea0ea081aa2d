package org.tend.node.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A connected socket whose reads and writes wait no later than one deadline, after which they
 * throw {@link InterruptedByTimeoutException}. Unix domain channels have no socket timeout
 * option, so the waiting is done with a selector over the channel in non-blocking mode.
 * Closing this closes the socket.
 */
final class DeadlineChannel implements ByteChannel {
  private final SocketChannel channel;
  private final Selector selector;
  private final SelectionKey key;
  private long deadlineNanos;

  DeadlineChannel(SocketChannel channel, Duration timeout) throws IOException {
    this.channel = channel;
    this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    channel.configureBlocking(false);
    this.selector = Selector.open();
    try {
      this.key = channel.register(selector, 0);
    } catch (IOException | RuntimeException e) {
      selector.close();
      throw e;
    }
  }

  /** Gives the next reads and writes {@code timeout} from now, for a second phase. */
  void restartDeadline(Duration timeout) {
    deadlineNanos = System.nanoTime() + timeout.toNanos();
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    while (dst.hasRemaining()) {
      int n = channel.read(dst);
      if (n != 0) {
        return n;
      }
      await(SelectionKey.OP_READ);
    }
    return 0;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    while (src.hasRemaining()) {
      int n = channel.write(src);
      if (n != 0) {
        return n;
      }
      await(SelectionKey.OP_WRITE);
    }
    return 0;
  }

  private void await(int operation) throws IOException {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw new InterruptedByTimeoutException();
    }
    key.interestOps(operation);
    selector.select(Math.max(1, Duration.ofNanos(left).toMillis()));
    selector.selectedKeys().clear();
  }

  @Override
  public boolean isOpen() {
    return channel.isOpen();
  }

  @Override
  public void close() throws IOException {
    try {
      selector.close();
    } finally {
      channel.close();
    }
  }
}
