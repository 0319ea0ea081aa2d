package org.tend.node.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.SmallDisk;
import org.tend.node.TendNode;
import org.tend.node.TestHomes;
import org.tend.node.api.home.DiskFullException;
import org.tend.node.api.home.StoreState;
import org.tend.node.api.journal.Entry;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryId;
import org.tend.node.api.journal.EntryKind;
import org.tend.node.api.service.ListenAddress;
import org.tend.node.api.service.NodeClient;
import org.tend.node.api.service.RunningNode;
import org.tend.node.api.service.ServiceConfig;

/**
 * A running node on a real disk that fills up: it refuses to save and says so, its status says
 * it cannot save, and once space is freed it saves again by itself, without a restart, having
 * lost nothing it reported saved.
 */
class DiskFullRecoveryTest {
  /** RocksDB checks the free space every 5 s; a node that needs a restart never gets there. */
  private static final Duration RECOVERY = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  @Test
  void aRunningNodeSavesAgainWithoutARestartOnceTheFullDiskIsFreed() throws Exception {
    try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 16)) {
      Path home = disk.path().resolve("home");
      List<EntryId> saved = new ArrayList<>();
      List<String> log = new CopyOnWriteArrayList<>();
      TendNode node = TestHomes.init(TestHomes.config(home));
      RunningNode running = NodeServices.start(node,
          ServiceConfig.forListen(ListenAddress.parse("127.0.0.1:7500"))
              .withRuntimeDirectory(dir.resolve("run")), List.of(), log::add);
      try {
        saved.add(write(node, "Before the disk filled.").orElseThrow());
        disk.fill();
        DiskFullException refused = fillUntilRefused(node, saved);

        assertTrue(refused.getMessage().contains("disk holding the journal store is full, so"
            + " this was not saved"), refused.getMessage());
        assertTrue(refused.getMessage().contains("Free at least 4 MiB"), refused.getMessage());
        NodeClient client = NodeServices.connect(home).orElseThrow();
        StoreState full = client.status().store();
        assertEquals(StoreState.Problem.DISK_FULL, full.problem());
        assertTrue(full.since().isPresent());
        assertEquals(Set.copyOf(saved), ids(node), "still readable on the full disk");
        assertThrows(DiskFullException.class, () -> node.journal().write(
            EntryDraft.of(EntryKind.CHECK_IN, "Still full.")));

        disk.free();
        long freed = System.nanoTime();
        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(100))
            .until(() -> write(node, "After the disk was freed.").map(saved::add).orElse(false));
        System.out.printf("disk-full recovery: saved again %d ms after the disk was freed%n",
            (System.nanoTime() - freed) / 1_000_000);

        assertEquals(StoreState.WRITING, client.status().store());
        assertEquals(Set.copyOf(saved), ids(node));
      } finally {
        running.stop();
      }
      try (TendNode reopened = TestHomes.open(TestHomes.config(home))) {
        assertEquals(Set.copyOf(saved), ids(reopened), "every entry reported saved survives");
      }
    }
  }

  /**
   * Writes long entries until the store refuses: RocksDB reserves room for its write-ahead log
   * (a little more than a memtable) when it starts one, so a few megabytes still fit.
   */
  static DiskFullException fillUntilRefused(TendNode node, List<EntryId> saved)
      throws Exception {
    String filler = "x".repeat(EntryDraft.MAX_TEXT_BYTES - 100);
    for (int i = 0; i < 200; i++) {
      try {
        saved.add(node.journal().write(EntryDraft.of(EntryKind.CHECK_IN,
            "Written while the disk fills, number " + i + ". " + filler)).id());
      } catch (DiskFullException refused) {
        System.out.printf("disk-full: %d entries of 256 KiB saved after the disk filled%n",
            saved.size() - 1);
        return refused;
      }
    }
    throw new AssertionError("200 entries of 256 KiB saved on a full disk");
  }

  /** The entry's id if it was saved, empty if the full disk refused it. */
  static Optional<EntryId> write(TendNode node, String text) throws Exception {
    try {
      Entry entry = node.journal().write(EntryDraft.of(EntryKind.CHECK_IN, text));
      return Optional.of(entry.id());
    } catch (DiskFullException full) {
      return Optional.empty();
    }
  }

  static Set<EntryId> ids(TendNode node) throws Exception {
    return node.journal().list(Optional.empty(), Optional.empty()).entries().stream()
        .map(Entry::id).collect(Collectors.toSet());
  }
}
