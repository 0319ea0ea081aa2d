package org.tend.node.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.SstFileReader;
import org.rocksdb.SstFileReaderIterator;
import org.tend.node.NodeConfig;
import org.tend.node.RawStore;
import org.tend.node.StoredEntries;
import org.tend.node.TendNode;
import org.tend.node.TestHomes;
import org.tend.node.api.home.SalvageReport;
import org.tend.node.api.home.StoreDamagedException;
import org.tend.node.api.journal.Entry;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryKind;
import org.tend.node.api.journal.Listing;
import org.tend.node.store.StoreOptions;

/**
 * A home whose entries are spread over several table files, one of which has a damaged block:
 * the normal reading refuses it, the salvage saves every entry outside that block into an
 * archive that the normal restore opens, and says how many entries it could not read.
 */
class SalvageTest {
  private static final int ENTRIES = 800;

  @TempDir
  static Path dir;
  static Path pristine;
  static Set<String> written;

  @BeforeAll
  static void entriesOverSeveralTableFiles() throws Exception {
    pristine = dir.resolve("pristine");
    written = new TreeSet<>();
    try (TendNode node = TendNode.init(config(pristine), TestHomes.passphrase())) {
      write(node, 0, ENTRIES);
    }
    // A compaction can merge every table file into one just before the node closes; a few
    // more entries then fill a memtable, which goes into a table file of its own.
    for (int round = 1; tables(pristine).size() < 2 && round <= 20; round++) {
      try (TendNode node = TendNode.open(config(pristine), TestHomes.passphrase())) {
        write(node, ENTRIES * round, ENTRIES / 8);
      }
    }
    List<Path> tables = tables(pristine);
    assertTrue(tables.size() >= 2, () -> "entries span several table files: " + tables);
  }

  /** Writes {@code count} entries, ten at a time, numbered from {@code first}. */
  private static void write(TendNode node, int first, int count) throws Exception {
    for (int batch = 0; batch < count / 10; batch++) {
      List<EntryDraft> drafts = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        drafts.add(EntryDraft.of(EntryKind.CHECK_IN,
            "salvage entry " + (first + batch * 10 + i)));
      }
      node.journal().writeAll(drafts).forEach(e -> written.add(e.id().hex()));
    }
  }

  @Test
  void salvageSavesEveryEntryOutsideTheDamagedBlockAndRestoreOpensThem() throws Exception {
    Path damaged = dir.resolve("damaged");
    TestHomes.copyHome(pristine, damaged);
    Path table = largestEntriesTable(damaged);
    List<String> keysOfTable = keysOf(table);
    flip(table, 3 * 4096 + 200);

    assertThrows(StoreDamagedException.class, () -> {
      try (TendNode node = TendNode.open(config(damaged), TestHomes.passphrase())) {
        node.journal().list(Optional.empty(), Optional.empty());
      }
    });

    Path archive = dir.resolve("salvaged.tbak");
    SalvageReport report = TendNode.salvage(config(damaged), archive, TestHomes.passphrase());

    assertFalse(report.complete());
    assertEquals(1, report.losses().size(), report::toString);
    SalvageReport.Loss loss = report.losses().get(0);
    assertEquals(table.getFileName().toString(), loss.file());
    assertEquals(Optional.of("entries"), loss.kind());

    Path restored = dir.resolve("restored");
    TendNode.restore(config(restored), archive, TestHomes.passphrase());
    Set<String> opened;
    try (TendNode node = TendNode.open(config(restored), TestHomes.passphrase())) {
      Listing listing = node.journal().list(Optional.empty(), Optional.empty());
      assertEquals(List.of(), listing.unreadable(), "every salvaged entry opens");
      opened = listing.entries().stream().map(e -> e.id().hex())
          .collect(Collectors.toCollection(TreeSet::new));
      for (Entry e : listing.entries()) {
        assertTrue(e.text().startsWith("salvage entry "), e::toString);
      }
    }

    Set<String> missing = new TreeSet<>(written);
    missing.removeAll(opened);
    assertTrue(written.containsAll(opened));
    assertEquals(loss.records(), missing.size(), "the report counts what is missing");
    assertEquals(report.saved().get("entries").longValue(), opened.size());
    // One 4 KiB block of padded entries holds a handful; all of them are from the damaged
    // table file and next to each other in its key order, so only that block was lost.
    long perBlock = keysOfTable.size() / dataBlocksOf(table) + 1;
    assertTrue(missing.size() >= 1 && missing.size() <= 2 * perBlock,
        () -> missing.size() + " missing, about " + perBlock + " entries to a block");
    int first = keysOfTable.indexOf(missing.iterator().next());
    assertTrue(first >= 0, "the missing entries were in the damaged table file");
    assertEquals(List.copyOf(missing), keysOfTable.subList(first, first + missing.size()));
  }

  @Test
  void salvageOfAnIntactHomeSavesEverythingAndSaysSo() throws Exception {
    Path archive = dir.resolve("intact.tbak");
    SalvageReport report = TendNode.salvage(config(pristine), archive, TestHomes.passphrase());

    assertTrue(report.complete(), report::toString);
    assertEquals(written.size(), report.saved().get("entries"));
  }

  @Test
  void aDeletedTableFileCostsOnlyItsOwnEntries() throws Exception {
    Path damaged = dir.resolve("table-gone");
    TestHomes.copyHome(pristine, damaged);
    Path table = largestEntriesTable(damaged);
    List<String> keysOfTable = keysOf(table);
    Files.delete(table);

    SalvageReport report = TendNode.salvage(config(damaged), dir.resolve("table-gone.tbak"),
        TestHomes.passphrase());

    assertEquals(List.of(new SalvageReport.Loss(table.getFileName().toString(),
        Optional.of("entries"), -1)), report.losses(), "a missing file cannot be counted");
    Set<String> expected = new TreeSet<>(written);
    keysOfTable.forEach(expected::remove);
    Set<String> restored =
        restoredEntries(dir.resolve("table-gone.tbak"), "table-gone-restored");
    // The write-ahead log is kept across flushes until every family's part of it is in a
    // table file, so it may still hold some of the lost file's entries too.
    assertTrue(restored.containsAll(expected),
        "every entry of the other table files and of the write-ahead log is saved");
    assertTrue(written.containsAll(restored), "nothing but what was written");
  }

  @Test
  void aLostCatalogueStillGivesEveryTableFileAndTheWriteAheadLog() throws Exception {
    Path damaged = dir.resolve("manifest-gone");
    TestHomes.copyHome(pristine, damaged);
    Set<String> inTables = new TreeSet<>();
    for (Path table : tables(damaged)) {
      if (isEntriesTable(table)) {
        inTables.addAll(keysOf(table));
      }
    }
    try (Stream<Path> files = Files.list(TestHomes.storeOf(damaged))) {
      for (Path manifest : files.filter(p -> p.getFileName().toString().startsWith("MANIFEST"))
          .toList()) {
        Files.delete(manifest);
      }
    }

    SalvageReport report = TendNode.salvage(config(damaged), dir.resolve("manifest-gone.tbak"),
        TestHomes.passphrase());

    assertFalse(report.complete());
    assertTrue(report.notes().stream().anyMatch(n -> n.contains("catalogue")),
        report::toString);
    assertTrue(inTables.size() < written.size(), "some entries were only in the log");
    assertEquals(written,
        restoredEntries(dir.resolve("manifest-gone.tbak"), "manifest-gone-restored"));
  }

  private static Set<String> restoredEntries(Path archive, String name) throws Exception {
    Path restored = dir.resolve(name);
    TendNode.restore(config(restored), archive, TestHomes.passphrase());
    try (TendNode node = TendNode.open(config(restored), TestHomes.passphrase())) {
      Listing listing = node.journal().list(Optional.empty(), Optional.empty());
      assertEquals(List.of(), listing.unreadable(), "every salvaged entry opens");
      return listing.entries().stream().map(e -> e.id().hex())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static NodeConfig config(Path home) {
    NodeConfig base = TestHomes.config(home);
    // Small write buffers so a few hundred entries fill several table files.
    return new NodeConfig(base.home(), base.clock(), base.randomness(), base.kdfTarget(),
        base.fixedKdf(), new StoreOptions(true, 1, 64 * 1024));
  }

  private static List<Path> tables(Path home) throws Exception {
    try (Stream<Path> files = Files.list(TestHomes.storeOf(home))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".sst")).sorted().toList();
    }
  }

  private static Path largestEntriesTable(Path home) throws Exception {
    Path largest = null;
    for (Path table : tables(home)) {
      if (largest == null || Files.size(table) > Files.size(largest)) {
        largest = table;
      }
    }
    assertTrue(Files.size(largest) > 5 * 4096, largest::toString);
    return largest;
  }

  private static long dataBlocksOf(Path table) throws Exception {
    Path pristineTable = TestHomes.storeOf(pristine).resolve(table.getFileName());
    try (Options options = new Options(); SstFileReader reader = new SstFileReader(options)) {
      reader.open(pristineTable.toString());
      return reader.getTableProperties().getNumDataBlocks();
    }
  }

  /** The name the store's files give the entries family: a keyed hash, not "entries". */
  private static String entriesFamily() throws Exception {
    try (RawStore raw = RawStore.readOnly(TestHomes.storeOf(pristine))) {
      return raw.diskName(StoredEntries.FAMILY);
    }
  }

  private static boolean isEntriesTable(Path table) throws Exception {
    try (Options options = new Options(); SstFileReader reader = new SstFileReader(options)) {
      reader.open(table.toString());
      return entriesFamily().equals(
          new String(reader.getTableProperties().getColumnFamilyName()));
    }
  }

  private static List<String> keysOf(Path table) throws Exception {
    List<String> keys = new ArrayList<>();
    try (Options options = new Options(); SstFileReader reader = new SstFileReader(options);
        ReadOptions read = new ReadOptions()) {
      reader.open(table.toString());
      assertEquals(entriesFamily(),
          new String(reader.getTableProperties().getColumnFamilyName()));
      try (SstFileReaderIterator it = reader.newIterator(read)) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          keys.add(HexFormat.of().formatHex(it.key()));
        }
        it.status();
      }
    }
    return keys;
  }

  private static void flip(Path file, long offset) throws Exception {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      int b = f.read();
      f.seek(offset);
      f.write(b ^ 0x40);
    }
  }
}
