package org.tend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.TendNode;
import org.tend.node.api.home.Passphrase;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryKind;
import org.tend.node.api.service.ControlLimits;
import org.tend.node.api.service.ListenAddress;
import org.tend.node.api.service.RunningNode;
import org.tend.node.api.service.ServiceConfig;
import org.tend.node.service.NodeServices;

/** A journal whose listing is larger than one control-channel chunk, read through the node. */
class JournalThroughNodeTest {
  private static final int ENTRIES = 2_500;

  @TempDir
  Path dir;

  @Test
  void listsThousandsOfEntriesAsJsonThroughTheRunningNodeExactlyAsInProcess() throws Exception {
    TestHome home = TestHome.create(dir, "home");
    try (TendNode node = open(home)) {
      for (int i = 0; i < ENTRIES; i++) {
        node.journal().write(EntryDraft.of(EntryKind.values()[i % EntryKind.values().length],
            text(i)));
      }
    }
    CliResult direct = home.tend("journal", "list", "--json");
    long inProcessNanos = timed(() -> home.tend("journal", "list", "--json"));
    assertEquals(ExitCodes.OK, direct.exitCode(), direct.err());
    assertTrue(direct.out().getBytes(StandardCharsets.UTF_8).length
        > ControlLimits.DEFAULT.maxFrameBytes(), "the listing needs more than one chunk");

    List<String> log = new CopyOnWriteArrayList<>();
    TendNode node = open(home);
    RunningNode running = NodeServices.start(node,
        ServiceConfig.forListen(ListenAddress.parse("127.0.0.1:7500"))
            .withRuntimeDirectory(dir.resolve("run")),
        List.of(), call -> Main.runInside(node, call), log::add);
    try {
      CliResult through = home.tend("journal", "list", "--json");
      long throughNodeNanos = timed(() -> home.tend("journal", "list", "--json"));

      assertEquals(ExitCodes.OK, through.exitCode(), through.err());
      assertEquals(direct.out(), through.out());
      assertEquals(direct.err(), through.err());
      assertEquals(List.of(), log);
      System.out.printf("journal list --json, %d entries, %d bytes: in process %d ms,"
          + " through the node %d ms%n", ENTRIES,
          through.out().getBytes(StandardCharsets.UTF_8).length, inProcessNanos / 1_000_000,
          throughNodeNanos / 1_000_000);
    } finally {
      running.stop();
    }
  }

  private static TendNode open(TestHome home) throws Exception {
    return TendNode.open(TestHome.config(home.home()),
        Passphrase.of(TestHome.PASSPHRASE.toCharArray()));
  }

  /** Varied lengths and characters of several UTF-8 widths, so chunks split them anywhere. */
  private static String text(int i) {
    return "Entry " + i + ": à la réunion, les camarades — ✊ 🌱 — "
        + "we talked about rest and what the week asked of us. ".repeat(2 + i % 5);
  }

  /** The median of three runs, after the run the caller already made warmed things up. */
  private static long timed(Runnable run) {
    long[] nanos = new long[3];
    for (int i = 0; i < nanos.length; i++) {
      long start = System.nanoTime();
      run.run();
      nanos[i] = System.nanoTime() - start;
    }
    java.util.Arrays.sort(nanos);
    return nanos[1];
  }
}
