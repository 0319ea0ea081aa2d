package org.tend.node.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tend.node.service.FrameReaderTest.header;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.api.service.CommandRunner;
import org.tend.node.api.service.ControlException;
import org.tend.node.api.service.ControlLimits;
import org.tend.node.api.service.NodeClient;
import org.tend.protocol.control.ControlPong;
import org.tend.protocol.control.ControlRequest;
import org.tend.protocol.control.ControlResponse;

/**
 * The `tend` side of the control channel facing a node that breaks off, or a process squatting
 * on the socket that sends chunks without end: a clear error, and never more than the answer
 * limit held.
 */
class SocketNodeClientTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final int MAX_CHUNK = ControlLimits.DEFAULT.maxFrameBytes();

  @TempDir
  Path home;
  ServerSocketChannel server;
  Thread fake;
  final AtomicLong sent = new AtomicLong();
  final AtomicBoolean finished = new AtomicBoolean();

  @AfterEach
  void stopFake() throws Exception {
    server.close();
    fake.join(PATIENCE.toMillis());
  }

  @Test
  void aNodeThatStopsMidAnswerGivesAnErrorSayingSo() throws Exception {
    startFake(answer -> {
      write(answer, header(FrameReader.MORE | 1000));
      write(answer, new byte[1000]);
    });

    ControlException e = assertThrows(ControlException.class, () -> run());

    assertTrue(e.getMessage().contains("closed the connection before its answer was complete")
        && e.getMessage().contains("after 1000 bytes"), e.getMessage());
  }

  @Test
  void chunksWithoutEndAreCutOffAtTheAnswerLimit() throws Exception {
    startFake(answer -> {
      byte[] chunk = new byte[MAX_CHUNK];
      while (true) {
        write(answer, header(FrameReader.MORE | MAX_CHUNK));
        write(answer, chunk);
        sent.addAndGet(MAX_CHUNK);
      }
    });

    ControlException e = assertThrows(ControlException.class, () -> run());

    assertTrue(e.getMessage().contains("over the limit of "
        + ControlLimits.DEFAULT.maxAnswerBytes() + " bytes"), e.getMessage());
    await().atMost(PATIENCE).untilTrue(finished);
    assertTrue(sent.get() <= ControlLimits.DEFAULT.maxAnswerBytes() + 4L * MAX_CHUNK,
        "the client stopped reading near the limit, not after " + sent.get() + " bytes");
  }

  @Test
  void aChunkHeaderOneByteOverTheLimitIsRefusedOnItsHeader() throws Exception {
    startFake(answer -> write(answer, header(MAX_CHUNK + 1)));

    ControlException e = assertThrows(ControlException.class, () -> run());

    assertTrue(e.getMessage().contains("over the limit of " + MAX_CHUNK + " bytes"),
        e.getMessage());
  }

  private void run() throws Exception {
    NodeClient client = NodeServices.connect(home, PATIENCE).orElseThrow();
    client.run(CommandRunner.CommandCall.of(List.of("journal", "list")));
  }

  /** Answers pings as a node would, and every other request with {@code answer}. */
  private void startFake(Answer answer) throws IOException {
    Path socket = home.resolve("control.sock");
    Files.deleteIfExists(socket);
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    fake = new Thread(() -> {
      try {
        while (true) {
          try (SocketChannel client = server.accept()) {
            ControlRequest request = ControlRequest.parseFrom(
                new FrameReader(MAX_CHUNK).read(client));
            if (request.hasPing()) {
              FrameWriter.write(client, ControlResponse.newBuilder()
                  .setPong(ControlPong.newBuilder().setPid(1)).build(), MAX_CHUNK);
            } else {
              try {
                answer.send(client);
              } catch (IOException clientLeft) {
                // What a client that stopped reading leaves the sender with.
              }
              finished.set(true);
            }
          }
        }
      } catch (IOException serverClosed) {
        // The test is over.
      }
    }, "fake-node");
    fake.setDaemon(true);
    fake.start();
  }

  private static void write(SocketChannel channel, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private interface Answer {
    void send(SocketChannel client) throws IOException;
  }
}
