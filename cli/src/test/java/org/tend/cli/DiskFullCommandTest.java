package org.tend.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.api.journal.EntryDraft;

/**
 * What a member sees when the disk holding the home fills up, with the node started as they
 * start it (`tend up --detach`, its own process) and every command run as they run it.
 */
class DiskFullCommandTest {
  private static final Duration RECOVERY = Duration.ofSeconds(30);
  private static final String LONG = "x".repeat(EntryDraft.MAX_TEXT_BYTES - 100);

  @TempDir
  Path dir;

  @Test
  void theRunningNodeSaysTheDiskIsFullAndSavesAgainWithoutARestartOnceItIsFreed()
      throws Exception {
    try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 16);
        DetachedNodes nodes = new DetachedNodes(dir)) {
      TestHome home = TestHome.create(disk.path(), "home");
      nodes.up(home, 7461);
      assertSaved(home.tend("journal", "write", "--text", "Before the disk filled."));
      disk.fill();

      CliResult refused = null;
      int saved = 1;
      for (int i = 0; i < 100 && refused == null; i++) {
        CliResult write = home.tend("journal", "write", "--text", i + " " + LONG);
        if (write.exitCode() == ExitCodes.OK) {
          saved++;
        } else {
          refused = write;
        }
      }

      assertTrue(refused != null, "100 long entries saved on a full disk");
      assertEquals(ExitCodes.FAILURE, refused.exitCode(), refused::toString);
      assertTrue(refused.err().startsWith("tend: The disk holding the journal store is full, so"
          + " this was not saved; everything saved before is kept. Free at least 4 MiB on that"
          + " disk: a running node notices within seconds and saves again, without a restart."),
          refused::toString);
      CliResult full = home.tend("status");
      assertTrue(full.out().contains("Journal:      " + saved + " entries\n"), full::toString);
      assertTrue(full.out().contains("Store:        cannot save (disk full) since "),
          full::toString);

      disk.free();
      long freed = System.nanoTime();
      await().atMost(RECOVERY).pollInterval(Duration.ofMillis(200)).until(() -> home.tend(
          "journal", "write", "--text", "After the disk was freed.").exitCode() == ExitCodes.OK);
      System.out.printf("disk-full recovery through the CLI: saved again %d ms after freeing%n",
          (System.nanoTime() - freed) / 1_000_000);
      CliResult recovered = home.tend("status");
      assertTrue(recovered.out().contains("Store:        saving normally\n"), recovered::toString);
      assertTrue(recovered.out().contains("Journal:      " + (saved + 1) + " entries\n"),
          recovered::toString);
      assertEquals(ExitCodes.OK, home.tend("down").exitCode());
    }
  }

  @Test
  void aStoppedNodesJournalStaysReadableOnAFullDiskAndUpSaysWhyItCannotStart()
      throws Exception {
    try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 16);
        DetachedNodes nodes = new DetachedNodes(dir)) {
      TestHome home = TestHome.create(disk.path(), "home");
      for (int i = 0; i < 3; i++) {
        // Direct writes stay in the write-ahead log, which opening flushes into a new file.
        assertSaved(home.tend("journal", "write", "--text", "Saved before, number " + i + "."));
      }
      disk.fill();

      CliResult list = home.tend("journal", "list");
      assertEquals(ExitCodes.OK, list.exitCode(), list::toString);
      assertTrue(list.out().contains("Saved before, number 2."), list::toString);
      CliResult status = home.tend("status");
      assertTrue(status.out().contains("Journal:      3 entries\n"), status::toString);
      CliResult write = home.tend("journal", "write", "--text", "On a full disk.");
      assertEquals(ExitCodes.FAILURE, write.exitCode(), write::toString);
      assertTrue(write.err().startsWith("tend: The disk holding the journal store is full"),
          write::toString);

      CliResult up = TendProcess.tend(home.args("up", "--detach", "--listen", "127.0.0.1:7462"))
          .jvmOption("-Djava.io.tmpdir=" + dir.resolve("tmp")).run();
      assertEquals(ExitCodes.FAILURE, up.exitCode(), up::toString);
      assertTrue(up.err().contains("the disk holding the home is full (0 KiB free), so the node"
          + " could not even write its log. Free some space on it and run `tend up` again"),
          up::toString);

      disk.free();
      CliResult after = home.tend("journal", "list");
      assertTrue(after.out().contains("Saved before, number 0."), after::toString);
    }
  }

  private static void assertSaved(CliResult write) {
    assertEquals(ExitCodes.OK, write.exitCode(), write::toString);
  }
}
