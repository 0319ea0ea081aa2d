package org.tend.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryKind;
import org.tend.node.api.journal.Listing;
import org.tend.node.api.home.Passphrase;
import org.tend.node.keystore.HomeFiles;
import org.tend.node.keystore.Keystores;
import org.tend.node.keystore.UnlockedKeys;
import org.tend.node.store.FamilyNames;
import org.tend.node.store.Column;

/**
 * Searching and listing a journal of {@link #DEFAULT_ENTRIES} entries of about 1 KiB, against a
 * baseline of reading every sealed body value from the same store with a raw RocksDB iterator,
 * with no decryption or parsing: the floor any search over an encrypted journal pays.
 *
 * <p>Both states write the journal through the node, close it and reopen it, so the measured
 * reads and the baseline start from the same on-disk state.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SearchBenchmark {
  static final String DEFAULT_ENTRIES = "10000";
  static final int ENTRY_BYTES = 1024;
  /** One entry in this many holds the query's words. */
  static final int NEEDLE_EVERY = 1000;
  private static final int WRITE_BATCH = 100;

  /** How many entries {@link #search} finds in a journal of {@code entries}. */
  static int expectedMatches(int entries) {
    return (entries + NEEDLE_EVERY - 1) / NEEDLE_EVERY;
  }

  /** The seeded journal, open through the node. */
  @State(Scope.Benchmark)
  public static class Home {
    @Param(DEFAULT_ENTRIES)
    public int entries;

    Path directory;
    TendNode node;

    @Setup(Level.Trial)
    public void open() throws Exception {
      directory = ScratchDirectory.create("search");
      NodeConfig config = seed(directory, entries);
      node = BenchHomes.open(config);
    }

    @TearDown(Level.Trial)
    public void close() {
      try {
        if (node != null) {
          node.close();
        }
      } finally {
        ScratchDirectory.delete(directory);
      }
    }
  }

  /** The same seeded journal's store, opened read-only as a plain RocksDB. */
  @State(Scope.Benchmark)
  public static class RawStore {
    @Param(DEFAULT_ENTRIES)
    public int entries;

    Path directory;
    DBOptions options;
    ColumnFamilyOptions columnOptions;
    RocksDB db;
    final List<ColumnFamilyHandle> handles = new ArrayList<>();
    ColumnFamilyHandle bodies;

    @Setup(Level.Trial)
    public void open() throws Exception {
      directory = ScratchDirectory.create("raw-scan");
      NodeConfig config = seed(directory, entries);
      String path = new HomeFiles(config.home()).store().toString();
      List<byte[]> families;
      try (Options listing = new Options()) {
        families = RocksDB.listColumnFamilies(listing, path);
      }
      options = new DBOptions();
      columnOptions = new ColumnFamilyOptions();
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      for (byte[] family : families) {
        descriptors.add(new ColumnFamilyDescriptor(family, columnOptions));
      }
      db = RocksDB.openReadOnly(options, path, descriptors, handles);
      // The families' names on disk are keyed hashes; the home's master key says which is which.
      byte[] entries = null;
      for (int i = 0; i < families.size(); i++) {
        if (Arrays.equals(families.get(i), RocksDB.DEFAULT_COLUMN_FAMILY)) {
          byte[] sealed = db.get(handles.get(i), FamilyNames.recordKey());
          try (Passphrase passphrase = BenchHomes.passphrase();
              UnlockedKeys keys = Keystores.unlock(new HomeFiles(config.home()), passphrase)) {
            entries = FamilyNames.unseal(sealed, keys.masterKey()).orElseThrow()
                .nameOf(Column.ENTRIES);
          }
        }
      }
      for (int i = 0; i < families.size(); i++) {
        if (Arrays.equals(families.get(i), entries)) {
          bodies = handles.get(i);
        }
      }
      if (bodies == null) {
        throw new IllegalStateException("The store has no " + Column.ENTRIES.familyName()
            + " column family");
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      try {
        handles.forEach(ColumnFamilyHandle::close);
        if (db != null) {
          db.close();
        }
        if (columnOptions != null) {
          columnOptions.close();
        }
        if (options != null) {
          options.close();
        }
      } finally {
        ScratchDirectory.delete(directory);
      }
    }
  }

  @Benchmark
  public Listing search(Home home) throws Exception {
    return home.node.journal().search(JournalText.NEEDLE);
  }

  @Benchmark
  public Listing list(Home home) throws Exception {
    return home.node.journal().list(Optional.empty(), Optional.empty());
  }

  /** Total bytes of all sealed bodies, read in key order. */
  @Benchmark
  public long rawBodyScan(RawStore raw) throws RocksDBException {
    long bytes = 0;
    try (RocksIterator it = raw.db.newIterator(raw.bodies)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        bytes += it.value().length;
      }
      it.status();
    }
    return bytes;
  }

  /** Writes {@code entries} entries in durable batches, closes the node and returns its config. */
  static NodeConfig seed(Path directory, int entries) throws Exception {
    NodeConfig config = BenchHomes.minimumKdf(directory.resolve("home"));
    JournalText text = new JournalText(42);
    try (TendNode node = BenchHomes.init(config)) {
      List<EntryDraft> batch = new ArrayList<>(WRITE_BATCH);
      for (int i = 0; i < entries; i++) {
        String body = i % NEEDLE_EVERY == 0
            ? text.nextWithNeedle(ENTRY_BYTES) : text.next(ENTRY_BYTES);
        batch.add(EntryDraft.of(EntryKind.REFLECTION, body));
        if (batch.size() == WRITE_BATCH || i == entries - 1) {
          node.journal().writeAll(batch);
          batch.clear();
        }
      }
    }
    return config;
  }
}
