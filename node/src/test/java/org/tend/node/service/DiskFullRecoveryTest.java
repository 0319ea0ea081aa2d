package org.tend.node.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
      long millis = fillFreeAndSaveAgain(disk, dir.resolve("run"));
      System.out.printf("disk-full recovery: saved again %d ms after the disk was freed%n",
          millis);
    }
  }

  /**
   * The same disk and the same recovery where mounting needs no privileges: the node runs in a
   * process of its own, in a user namespace that mounts its own tmpfs.
   */
  @Test
  void theSameRecoveryInAUserNamespaceNeedsNoPrivileges() throws Exception {
    Path disk = Files.createDirectories(dir.resolve("namespace-disk"));
    Process probe = new ProcessBuilder(inNamespace(disk, List.of("true")))
        .redirectErrorStream(true).start();
    String refusal = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
        "user namespaces, which let any user mount a tmpfs of their own, are not available"
        + " here: " + refusal.trim());

    List<String> java = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")),
        InNamespace.class.getName(), disk.toString(), dir.resolve("run").toString());
    Process node = new ProcessBuilder(inNamespace(disk, java)).redirectErrorStream(true).start();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(node.waitFor(120, TimeUnit.SECONDS), output);

    assertEquals(0, node.exitValue(), output);
    assertTrue(output.contains("saved again"), output);
    System.out.print("in a user namespace: " + output);
  }

  /** Runs {@code command} with a 16 MiB tmpfs mounted at {@code disk}, for this user alone. */
  private static List<String> inNamespace(Path disk, List<String> command) {
    List<String> all = new ArrayList<>(List.of("unshare", "--user", "--map-root-user", "--mount",
        "sh", "-c", "mount -t tmpfs -o size=16m tmpfs \"$0\" && exec \"$@\"", disk.toString()));
    all.addAll(command);
    return all;
  }

  /** The child process of {@link #theSameRecoveryInAUserNamespaceNeedsNoPrivileges}. */
  static final class InNamespace {
    public static void main(String[] args) throws Exception {
      long millis = fillFreeAndSaveAgain(SmallDisk.mounted(Path.of(args[0])), Path.of(args[1]));
      System.out.printf("saved again %d ms after the disk was freed%n", millis);
      System.exit(0);
    }
  }

  /**
   * Starts a node with its home on {@code disk}, fills the disk, checks what the member is told,
   * frees it and waits until the same node saves again; returns how long that took.
   */
  static long fillFreeAndSaveAgain(SmallDisk disk, Path runtime) throws Exception {
    Path home = disk.path().resolve("home");
    List<EntryId> saved = new ArrayList<>();
    List<String> log = new CopyOnWriteArrayList<>();
    TendNode node = TestHomes.init(TestHomes.config(home));
    RunningNode running = NodeServices.start(node,
        ServiceConfig.forListen(ListenAddress.parse("127.0.0.1:7500"))
            .withRuntimeDirectory(runtime), List.of(), log::add);
    long millis;
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
      millis = (System.nanoTime() - freed) / 1_000_000;

      assertEquals(StoreState.WRITING, client.status().store());
      assertEquals(Set.copyOf(saved), ids(node));
    } finally {
      running.stop();
    }
    try (TendNode reopened = TestHomes.open(TestHomes.config(home))) {
      assertEquals(Set.copyOf(saved), ids(reopened), "every entry reported saved survives");
    }
    return millis;
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
