package org.tend.node.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.SstFileReader;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.TestHomes;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryKind;
import org.tend.node.api.journal.Listing;
import org.tend.node.keystore.HomeFiles;
import org.tend.node.keystore.Keystores;
import org.tend.node.keystore.UnlockedKeys;

/**
 * What the store's files say about the journal's sessions without the passphrase: no table file
 * per session, so no write time per session, and no family name that says what a file holds.
 */
class StoreMetadataAtRestTest {
  private static final int SESSIONS = 20;

  @TempDir
  Path dir;

  @Test
  void shortSessionsLeaveNoTableFilePerSessionAndNoFamilyNameInAnyFile() throws Exception {
    Path home = dir.resolve("home");
    TestHomes.init(config(home)).close();
    for (int i = 0; i < SESSIONS; i++) {
      try (TendNode node = TestHomes.open(config(home))) {
        if (i % 3 == 2) {
          node.resources().add("line " + i, "555-01" + i, "night");
        } else {
          node.journal().write(EntryDraft.of(EntryKind.NOTE, "session " + i));
        }
      }
    }

    Path store = TestHomes.storeOf(home);
    List<Path> tables = filesEndingIn(store, ".sst");
    System.out.printf("after %d sessions: %d table files, %d log files (%d bytes)%n",
        SESSIONS, tables.size(), filesEndingIn(store, ".log").size(),
        bytesOf(filesEndingIn(store, ".log")));
    assertTrue(tables.size() < SESSIONS / 4, () -> "table files: " + tables);
    assertEquals(List.of(), filesNamingAFamily(store));
    try (TendNode node = TestHomes.open(config(home))) {
      assertEquals(SESSIONS - SESSIONS / 3, node.journal()
          .list(Optional.empty(), Optional.empty()).entries().size());
      assertEquals(SESSIONS / 3, node.resources().list().size());
    }
  }

  @Test
  void logFilesStayBoundedOverManySessions() throws Exception {
    Path home = dir.resolve("home");
    TestHomes.init(config(home)).close();
    int most = 0;
    for (int i = 0; i < 50; i++) {
      try (TendNode node = TestHomes.open(config(home))) {
        node.journal().write(EntryDraft.of(EntryKind.NOTE, "session " + i));
      }
      most = Math.max(most, filesEndingIn(TestHomes.storeOf(home), ".log").size());
    }
    Path store = TestHomes.storeOf(home);
    System.out.printf("after 50 sessions: %d table files, %d log files (%d bytes), at most %d"
        + " log files%n", filesEndingIn(store, ".sst").size(),
        filesEndingIn(store, ".log").size(), bytesOf(filesEndingIn(store, ".log")), most);
    assertTrue(most <= Store.MAX_LOG_FILES + 1, "log files at most: " + most);
    try (TendNode node = TestHomes.open(config(home))) {
      assertEquals(50, node.journal().list(Optional.empty(), Optional.empty()).entries().size());
    }
  }

  @Test
  void twoHomesNameTheirFamiliesDifferentlyAndMakeThemInTheOrderOfTheirNames()
      throws Exception {
    TestHomes.init(config(dir.resolve("a"))).close();
    TestHomes.init(config(dir.resolve("b"))).close();

    List<String> a = families(TestHomes.storeOf(dir.resolve("a")));
    List<String> b = families(TestHomes.storeOf(dir.resolve("b")));

    assertEquals(Column.values().length + 1, a.size(), a::toString);
    Set<String> shared = new HashSet<>(a);
    shared.retainAll(b);
    assertEquals(Set.of("default"), shared);
    // RocksDB lists families in the order they were made: sorted, so not the code's order.
    List<String> made = a.subList(1, a.size());
    assertEquals(new ArrayList<>(new TreeSet<>(made)), made);
  }

  @Test
  void aHomeOfNamedFamiliesIsMovedToHashedNamesAndKeepsEveryEntry() throws Exception {
    Path home = dir.resolve("home");
    Set<String> written = homeWithEntries(home, 1200);
    OldLayout.convert(home);
    assertFalse(filesNamingAFamily(TestHomes.storeOf(home)).isEmpty(), "the old layout");

    assertEquals(written, entries(home));

    assertEquals(List.of(), filesNamingAFamily(TestHomes.storeOf(home)));
    assertEquals(Column.values().length + 1, families(TestHomes.storeOf(home)).size());
    assertEquals(written, entries(home), "a second open finds the same");
  }

  @Test
  void aMoveInterruptedBetweenCopyAndDropIsFinishedWithNothingLostOrDuplicated()
      throws Exception {
    Path home = dir.resolve("home");
    Set<String> written = homeWithEntries(home, 1200);
    OldLayout.convert(home);
    // As a crash leaves it: the secret written, part of each family copied, the old ones kept;
    // and a record the copy must not keep, as if the old family had lost it since.
    OldLayout.copyPart(home, 2, new byte[] {9, 9, 9});

    assertEquals(written, entries(home));

    assertEquals(List.of(), filesNamingAFamily(TestHomes.storeOf(home)));
    try (UnlockedKeys keys = unlock(home); Store store = Store.openExisting(
        TestHomes.storeOf(home), StoreOptions.defaults(), keys.masterKey())) {
      assertTrue(store.get(Column.ENTRIES, new byte[] {9, 9, 9}).isEmpty());
      int[] count = new int[1];
      store.forEach(Column.ENTRIES, (k, v) -> count[0]++);
      assertEquals(written.size(), count[0]);
    }
  }

  @Test
  void aMoveInterruptedAfterDroppingSomeOldFamiliesIsFinished() throws Exception {
    Path home = dir.resolve("home");
    Set<String> written = homeWithEntries(home, 300);
    OldLayout.convert(home);
    OldLayout.copyAllThenDrop(home, Column.REPAIRS, Column.RESOURCES);

    assertEquals(written, entries(home));

    assertEquals(List.of(), filesNamingAFamily(TestHomes.storeOf(home)));
  }

  @Test
  void aMovedHomeWhoseCatalogueIsLostIsSalvagedWithItsLogInTheRightFamilies() throws Exception {
    Path home = dir.resolve("home");
    Set<String> written = homeWithEntries(home, 300);
    OldLayout.convert(home);
    // Moved at this open; what it writes next is only in the log, under the new families'
    // numbers, which follow the old ones'.
    try (TendNode node = TestHomes.open(config(home))) {
      node.journal().write(EntryDraft.of(EntryKind.NOTE, "after the move"))
          .text();
    }
    try (TendNode node = TestHomes.open(config(home))) {
      written.addAll(node.journal().list(Optional.empty(), Optional.empty()).entries().stream()
          .map(e -> e.id().hex() + " " + e.text()).toList());
    }
    try (Stream<Path> files = Files.list(TestHomes.storeOf(home))) {
      for (Path manifest : files.filter(p -> p.getFileName().toString().startsWith("MANIFEST"))
          .toList()) {
        Files.delete(manifest);
      }
    }

    Path archive = dir.resolve("salvaged.tbak");
    TendNode.salvage(config(home), archive, TestHomes.passphrase());
    TendNode.restore(config(dir.resolve("restored")), archive, TestHomes.passphrase());

    assertEquals(written, entries(dir.resolve("restored")));
    assertEquals(301, written.size());
  }

  static Set<String> homeWithEntries(Path home, int count) throws Exception {
    Set<String> written = new TreeSet<>();
    try (TendNode node = TestHomes.init(config(home))) {
      List<EntryDraft> drafts = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        drafts.add(EntryDraft.of(EntryKind.NOTE, "entry " + i));
        if (drafts.size() == 100) {
          node.journal().writeAll(drafts).forEach(e -> written.add(e.id().hex() + " " + e.text()));
          drafts.clear();
        }
      }
      node.journal().writeAll(drafts).forEach(e -> written.add(e.id().hex() + " " + e.text()));
      node.resources().add("line", "555-0100", "night");
    }
    return written;
  }

  private static Set<String> entries(Path home) throws Exception {
    try (TendNode node = TestHomes.open(config(home))) {
      Listing listing = node.journal().list(Optional.empty(), Optional.empty());
      assertEquals(List.of(), listing.unreadable());
      assertEquals(1, node.resources().list().size());
      List<String> all = listing.entries().stream().map(e -> e.id().hex() + " " + e.text())
          .toList();
      assertEquals(all.size(), new HashSet<>(all).size(), "no entry twice");
      return new TreeSet<>(all);
    }
  }

  static UnlockedKeys unlock(Path home) throws Exception {
    return Keystores.unlock(new HomeFiles(home), TestHomes.passphrase());
  }

  private static NodeConfig config(Path home) {
    return TestHomes.config(home);
  }

  static List<String> families(Path store) throws Exception {
    try (Options options = new Options()) {
      return RocksDB.listColumnFamilies(options, store.toString()).stream()
          .map(n -> new String(n, StandardCharsets.UTF_8)).toList();
    }
  }

  /**
   * Every file of the store holding a column's name in the code, with the names it holds. A
   * table file's properties use "entries" for their own counts (num.entries, filter_entries),
   * so there it counts only as the value of the family-name property, right after its key.
   */
  static List<String> filesNamingAFamily(Path store) throws Exception {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(store)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        byte[] bytes = Files.readAllBytes(file);
        boolean table = file.getFileName().toString().endsWith(".sst");
        List<String> names = new ArrayList<>();
        for (Column column : Column.values()) {
          String name = column.familyName();
          String needle = table && name.equals("entries") ? "name" + name : name;
          if (indexOf(bytes, needle.getBytes(StandardCharsets.US_ASCII)) >= 0) {
            names.add(name);
          }
        }
        if (table) {
          try (Options options = new Options(); SstFileReader reader = new SstFileReader(options)) {
            reader.open(file.toString());
            byte[] family = reader.getTableProperties().getColumnFamilyName();
            FamilyNames.legacyColumnOf(family).ifPresent(c -> names.add("property " + c));
          }
        }
        if (!names.isEmpty()) {
          found.add(file.getFileName() + ": " + String.join(",", names));
        }
      }
    }
    return found;
  }

  static List<Path> filesEndingIn(Path store, String suffix) throws Exception {
    try (Stream<Path> files = Files.list(store)) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
    }
  }

  private static long bytesOf(List<Path> files) throws Exception {
    long total = 0;
    for (Path file : files) {
      total += Files.size(file);
    }
    return total;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
