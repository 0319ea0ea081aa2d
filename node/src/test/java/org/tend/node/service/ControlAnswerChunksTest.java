package org.tend.node.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tend.node.service.FrameReaderTest.frame;
import static org.tend.node.service.FrameReaderTest.header;
import static org.tend.node.service.FrameReaderTest.paddedPing;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.TestHomes;
import org.tend.node.api.service.CommandRunner;
import org.tend.node.api.service.ControlException;
import org.tend.node.api.service.ControlLimits;
import org.tend.node.api.service.ListenAddress;
import org.tend.node.api.service.NodeClient;
import org.tend.node.api.service.RunningNode;
import org.tend.node.api.service.ServiceConfig;
import org.tend.protocol.control.ControlErrorCode;
import org.tend.protocol.control.ControlRequest;
import org.tend.protocol.control.ControlResponse;
import org.tend.protocol.control.ControlRunCommand;

/**
 * Answers larger than one chunk on a running node's control socket: split at the chunk limit,
 * refused past the answer limit, and never at the mercy of a client that stops reading or
 * leaves half way.
 */
class ControlAnswerChunksTest {
  private static final int CHUNK = 4096;
  private static final int ANSWER = 8 << 20;
  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final ControlLimits LIMITS =
      ControlLimits.DEFAULT.withExchangeTimeout(TIMEOUT).withSizes(CHUNK, ANSWER);

  @TempDir
  Path dir;
  Path home;
  RunningNode running;
  final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startNode() throws Exception {
    home = dir.resolve("home");
    running = NodeServices.start(TestHomes.init(TestHomes.config(home)),
        ServiceConfig.forListen(ListenAddress.parse("127.0.0.1:7500"))
            .withRuntimeDirectory(dir.resolve("run")).withControl(LIMITS),
        List.of(), ControlAnswerChunksTest::emit, log::add);
  }

  @AfterEach
  void stopNode() {
    running.stop();
  }

  @Test
  void anAnswerOfExactlyTheChunkLimitGoesAsOneLastChunk() throws Exception {
    try (RawControl raw = RawControl.connect(running.controlSocket())) {
      raw.send(request(outFor(CHUNK)));

      assertEquals(CHUNK, ByteBuffer.wrap(raw.read(4, PATIENCE)).getInt(), "no continuation");
      ControlResponse answer = ControlResponse.parseFrom(raw.read(CHUNK, PATIENCE));
      assertEquals(outFor(CHUNK), answer.getResult().getOut().length());
      assertTrue(raw.closedByNodeWithin(PATIENCE), "nothing follows the last chunk");
    }
  }

  @Test
  void anAnswerOneByteOverTheChunkLimitGoesAsAFullChunkAndAOneByteChunk() throws Exception {
    try (RawControl raw = RawControl.connect(running.controlSocket())) {
      raw.send(request(outFor(CHUNK + 1)));

      assertEquals(FrameReader.MORE | CHUNK, ByteBuffer.wrap(raw.read(4, PATIENCE)).getInt());
      byte[] first = raw.read(CHUNK, PATIENCE);
      assertEquals(1, ByteBuffer.wrap(raw.read(4, PATIENCE)).getInt());
      byte[] last = raw.read(1, PATIENCE);
      byte[] whole = Arrays.copyOf(first, CHUNK + 1);
      whole[CHUNK] = last[0];
      assertEquals(outFor(CHUNK + 1),
          ControlResponse.parseFrom(whole).getResult().getOut().length());
    }
  }

  @Test
  void anAnswerOfExactlyTheAnswerLimitReachesTheClientWhole() throws Exception {
    int length = outFor(ANSWER);

    CommandRunner.CommandResult result = client().run(call(length));

    assertEquals(expectedOut(length), result.out());
  }

  @Test
  void anAnswerOneByteOverTheAnswerLimitIsRefusedWithAnErrorThatNamesTheLimit() {
    ControlException e = assertThrows(ControlException.class,
        () -> client().run(call(outFor(ANSWER + 1))));

    assertTrue(e.getMessage().contains("over the control channel's limit of " + ANSWER
        + " bytes"), e.getMessage());
    assertTrue(log.stream().anyMatch(line -> line.contains("an answer of " + (ANSWER + 1)
        + " bytes is over the limit")), log::toString);
  }

  @Test
  void clientsThatStopReadingTheirAnswersFreeEveryThreadAtTheTimeout() throws Exception {
    int stalled = LIMITS.handlerThreads() + 2;
    List<RawControl> readers = new ArrayList<>();
    try {
      for (int i = 0; i < stalled; i++) {
        readers.add(RawControl.connect(running.controlSocket()).send(request(outFor(ANSWER))));
      }

      await().atMost(PATIENCE).until(() -> log.stream()
          .filter(line -> line.contains("to take the next part of its answer")).count()
          == stalled);
      assertEquals(expectedOut(1000), client().run(call(1000)).out());
    } finally {
      for (RawControl raw : readers) {
        raw.close();
      }
    }
  }

  @Test
  void aClientThatLeavesMidAnswerIsLoggedAndTheNodeKeepsServingLargeAnswers()
      throws Exception {
    try (RawControl raw = RawControl.connect(running.controlSocket())) {
      raw.send(request(outFor(ANSWER)));
      raw.read(4 + CHUNK, PATIENCE);
    }

    await().atMost(PATIENCE).until(() -> log.stream().anyMatch(line ->
        line.contains("the client went away after") && line.contains(" of " + ANSWER + " bytes")));
    int length = outFor(ANSWER);
    assertEquals(expectedOut(length), client().run(call(length)).out());
    assertEquals(0, client().status().home().entries());
  }

  @Test
  void acceptsARequestInChunksUpToExactlyTheChunkLimitInAll() throws Exception {
    try (RawControl raw = RawControl.connect(running.controlSocket())) {
      ControlResponse response = raw.send(inChunksOf(1000, paddedPing(CHUNK)))
          .response(PATIENCE);

      assertTrue(response.hasPong(), response::toString);
    }
  }

  @Test
  void refusesARequestInChunksOneByteOverTheLimitInAll() throws Exception {
    try (RawControl raw = RawControl.connect(running.controlSocket())) {
      ControlResponse response = raw.send(inChunksOf(1000, paddedPing(CHUNK + 1)))
          .response(PATIENCE);

      assertEquals(ControlErrorCode.CONTROL_ERROR_TOO_LARGE, response.getError().getCode());
    }
    assertStillServing();
  }

  @Test
  void refusesAContinuedChunkHeaderOneByteOverTheLimitWithoutReadingItsBody() throws Exception {
    try (RawControl raw = RawControl.connect(running.controlSocket())) {
      ControlResponse response = raw.send(header(FrameReader.MORE | (CHUNK + 1)))
          .response(PATIENCE);

      assertEquals(ControlErrorCode.CONTROL_ERROR_TOO_LARGE, response.getError().getCode());
      assertTrue(raw.closedByNodeWithin(PATIENCE));
    }
    assertStillServing();
  }

  @Test
  void cutsOffAPeerThatSendsChunksWithoutEndAtTheRequestLimit() throws Exception {
    ByteArrayOutputStream endless = new ByteArrayOutputStream();
    for (int i = 0; i < 1000; i++) {
      endless.write(frame(FrameReader.MORE | 100, new byte[100]));
    }
    try (RawControl raw = RawControl.connect(running.controlSocket())) {
      ControlResponse response = raw.send(endless.toByteArray()).response(PATIENCE);

      assertEquals(ControlErrorCode.CONTROL_ERROR_TOO_LARGE, response.getError().getCode());
      assertTrue(raw.closedByNodeWithin(PATIENCE));
    }
    assertStillServing();
  }

  /** The command runner: {@code emit N} prints N characters. */
  private static CommandRunner.CommandResult emit(CommandRunner.CommandCall call) {
    return new CommandRunner.CommandResult(0, expectedOut(Integer.parseInt(call.args().get(1))),
        "");
  }

  private static String expectedOut(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) ('a' + i % 26));
    }
    return out.toString();
  }

  /** The output length whose ControlResponse is exactly {@code answerBytes} long. */
  private static int outFor(int answerBytes) {
    for (int length = answerBytes - 12; length <= answerBytes; length++) {
      int result = 1 + CodedOutputStream.computeUInt32SizeNoTag(length) + length;
      if (1 + CodedOutputStream.computeUInt32SizeNoTag(result) + result == answerBytes) {
        return length;
      }
    }
    throw new IllegalArgumentException("no output is exactly " + answerBytes + " bytes");
  }

  private static CommandRunner.CommandCall call(int length) {
    return CommandRunner.CommandCall.of(List.of("emit", Integer.toString(length)));
  }

  private static byte[] request(int length) throws Exception {
    ControlRequest request = ControlRequest.newBuilder().setRun(ControlRunCommand.newBuilder()
        .addArgs("emit").addArgs(Integer.toString(length))).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FrameWriter.write(Channels.newChannel(out), request, CHUNK);
    return out.toByteArray();
  }

  private static byte[] inChunksOf(int size, byte[] message) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int at = 0; at < message.length; at += size) {
      int length = Math.min(size, message.length - at);
      boolean more = at + length < message.length;
      out.write(frame(more ? FrameReader.MORE | length : length,
          Arrays.copyOfRange(message, at, at + length)));
    }
    return out.toByteArray();
  }

  private NodeClient client() throws Exception {
    return NodeServices.connect(home).orElseThrow();
  }

  private void assertStillServing() throws Exception {
    assertEquals(expectedOut(CHUNK * 3), client().run(call(CHUNK * 3)).out());
  }
}
