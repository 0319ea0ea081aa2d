package org.tend.node.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tend.node.service.FrameReaderTest.frame;
import static org.tend.node.service.FrameReaderTest.header;
import static org.tend.node.service.FrameReaderTest.paddedPing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.MutableClock;
import org.tend.node.TendNode;
import org.tend.node.TestHomes;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryKind;
import org.tend.node.api.service.ControlLimits;
import org.tend.node.api.service.ListenAddress;
import org.tend.node.api.service.NodeClient;
import org.tend.node.api.service.RunningNode;
import org.tend.node.api.service.ServiceConfig;
import org.tend.node.api.service.ServiceStatus;
import org.tend.protocol.control.ControlErrorCode;
import org.tend.protocol.control.ControlResponse;

/** A running node's control socket, spoken to properly, badly and with hostile intent. */
class ControlChannelTest {
  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final Duration PATIENCE = Duration.ofSeconds(5);
  private static final int MAX = ControlLimits.DEFAULT.maxFrameBytes();
  private static final Instant START = Instant.parse("2026-03-01T10:15:30Z");

  @TempDir
  Path dir;
  Path home;
  RunningNode running;
  final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startNode() throws Exception {
    home = dir.resolve("home");
    TendNode node = TestHomes.init(TestHomes.config(home).withClock(new MutableClock(START)));
    node.journal().write(EntryDraft.of(EntryKind.CHECK_IN, "Before the node started."));
    running = NodeServices.start(node,
        ServiceConfig.forListen(ListenAddress.parse("127.0.0.1:7500"))
        .withRuntimeDirectory(dir.resolve("run"))
        .withControl(ControlLimits.DEFAULT.withExchangeTimeout(TIMEOUT)), List.of(), log::add);
  }

  @AfterEach
  void stopNode() {
    running.stop();
  }

  @Test
  void statusRoundTripsEveryFieldOverTheSocket() throws Exception {
    NodeClient client = NodeServices.connect(home).orElseThrow();

    ServiceStatus status = client.status();

    assertEquals(ProcessHandle.current().pid(), client.pid());
    assertEquals(ProcessHandle.current().pid(), status.pid());
    assertEquals(START, status.startedAt());
    assertEquals(ListenAddress.parse("127.0.0.1:7500"), status.listen());
    assertEquals(home.toAbsolutePath(), status.home().home());
    assertEquals(1, status.home().entries());
    assertEquals(running.status(), status);
  }

  @Test
  void aShutdownRequestStopsTheNodeAndItsSocketAndPidFileGo() throws Exception {
    Path socket = running.controlSocket();

    NodeServices.connect(home).orElseThrow().shutdown();

    assertTimeoutPreemptively(PATIENCE, running::awaitStopped);
    assertFalse(Files.exists(socket), "socket removed");
    assertFalse(Files.exists(home.resolve("node.pid")), "pid file removed");
    assertEquals(Optional.empty(), NodeServices.connect(home));
    TestHomes.open(TestHomes.config(home)).close();
  }

  @Test
  void acceptsARequestOfExactlyTheMaximumFrame() throws Exception {
    byte[] request = paddedPing(MAX);

    try (RawControl raw = RawControl.connect(running.controlSocket())) {
      ControlResponse response = raw.send(frame(MAX, request)).response(PATIENCE);

      assertTrue(response.hasPong(), response::toString);
    }
  }

  @Test
  void answersALengthOneByteOverTheMaximumWithoutWaitingForItsBody() throws Exception {
    for (int claimed : new int[] {MAX + 1, -1}) {
      try (RawControl raw = RawControl.connect(running.controlSocket())) {
        ControlResponse response = raw.send(header(claimed)).response(PATIENCE);

        assertEquals(ControlErrorCode.CONTROL_ERROR_TOO_LARGE, response.getError().getCode(),
            response::toString);
      }
    }
    assertStillServing();
  }

  @Test
  void answersGarbageWithAnErrorAndKeepsServing() throws Exception {
    byte[] http = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    try (RawControl raw = RawControl.connect(running.controlSocket())) {
      // "GET " read as a length is over a gigabyte.
      assertEquals(ControlErrorCode.CONTROL_ERROR_TOO_LARGE,
          raw.send(http).response(PATIENCE).getError().getCode());
    }
    try (RawControl raw = RawControl.connect(running.controlSocket())) {
      assertEquals(ControlErrorCode.CONTROL_ERROR_MALFORMED,
          raw.send(frame(http.length, http)).response(PATIENCE).getError().getCode());
    }
    try (RawControl raw = RawControl.connect(running.controlSocket())) {
      // Well-formed protobuf, but no request this node knows.
      assertEquals(ControlErrorCode.CONTROL_ERROR_UNSUPPORTED,
          raw.send(header(0)).response(PATIENCE).getError().getCode());
    }
    assertStillServing();
  }

  @Test
  void answersAFrameTheClientCutShortWithMalformed() throws Exception {
    try (RawControl raw = RawControl.connect(running.controlSocket())) {
      ControlResponse response = raw.send(header(100)).send(new byte[10]).endOfRequest()
          .response(PATIENCE);

      assertEquals(ControlErrorCode.CONTROL_ERROR_MALFORMED, response.getError().getCode());
    }
    assertStillServing();
  }

  @Test
  void closesAConnectionThatStallsMidFrameOnceTheTimeoutPasses() throws Exception {
    try (RawControl raw = RawControl.connect(running.controlSocket())) {
      raw.send(header(100)).send(new byte[10]);

      assertTrue(raw.closedByNodeWithin(PATIENCE), "the node closes a stalled connection");
    }
    assertStillServing();
    assertTrue(log.stream().anyMatch(line -> line.contains("took longer than 300 ms")),
        log::toString);
  }

  @Test
  void silentClientsHoldTheirThreadsOnlyUntilTheTimeout() throws Exception {
    List<RawControl> silent = new ArrayList<>();
    try {
      for (int i = 0; i < ControlLimits.DEFAULT.handlerThreads() + 2; i++) {
        silent.add(RawControl.connect(running.controlSocket()));
      }

      assertTimeoutPreemptively(PATIENCE, this::assertStillServing);
    } finally {
      for (RawControl raw : silent) {
        raw.close();
      }
    }
  }

  private void assertStillServing() throws Exception {
    assertEquals(1, NodeServices.connect(home).orElseThrow().status().home().entries());
  }
}
