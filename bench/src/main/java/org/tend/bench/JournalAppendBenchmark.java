package org.tend.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.tend.node.TendNode;
import org.tend.node.api.journal.Entry;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryKind;

/**
 * Durable appends of 1 KiB entries to the encrypted journal against synced puts of 1 KiB values
 * with random 16-byte keys into a plain RocksDB: one at a time, and in batches of
 * {@value #BATCH}. Scores are entries per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JournalAppendBenchmark {
  static final int ENTRY_BYTES = 1024;
  static final int BATCH = 100;
  static final int KEY_BYTES = 16;

  /** An open home with a journal; entries accumulate over the trial. */
  @State(Scope.Benchmark)
  public static class Home {
    Path directory;
    TendNode node;
    EntryDraft single;
    List<EntryDraft> batch;

    @Setup(Level.Trial)
    public void open() throws Exception {
      directory = ScratchDirectory.create("append");
      node = BenchHomes.init(BenchHomes.minimumKdf(directory.resolve("home")));
      JournalText text = new JournalText(1);
      single = EntryDraft.of(EntryKind.NOTE, text.next(ENTRY_BYTES));
      batch = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        batch.add(EntryDraft.of(EntryKind.NOTE, text.next(ENTRY_BYTES)));
      }
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

  /** A plain RocksDB with default options in its own directory; every write is synced. */
  @State(Scope.Benchmark)
  public static class RawDb {
    Path directory;
    Options options;
    WriteOptions syncWrites;
    RocksDB db;
    byte[] value;
    SplittableRandom keys;

    @Setup(Level.Trial)
    public void open() throws Exception {
      RocksDB.loadLibrary();
      directory = ScratchDirectory.create("raw-append");
      options = new Options().setCreateIfMissing(true);
      syncWrites = new WriteOptions().setSync(true);
      db = RocksDB.open(options, directory.toString());
      keys = new SplittableRandom(1);
      // Random bytes compress no better than the journal's ciphertext does.
      value = new byte[ENTRY_BYTES];
      keys.nextBytes(value);
    }

    byte[] nextKey() {
      byte[] key = new byte[KEY_BYTES];
      keys.nextBytes(key);
      return key;
    }

    @TearDown(Level.Trial)
    public void close() {
      try {
        if (db != null) {
          db.close();
        }
        if (syncWrites != null) {
          syncWrites.close();
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
  public Entry journalWrite(Home home) throws Exception {
    return home.node.journal().write(home.single);
  }

  @Benchmark
  public void rawPut(RawDb raw) throws RocksDBException {
    raw.db.put(raw.syncWrites, raw.nextKey(), raw.value);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<Entry> journalWriteAll(Home home) throws Exception {
    return home.node.journal().writeAll(home.batch);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void rawBatch(RawDb raw) throws RocksDBException {
    try (WriteBatch batch = new WriteBatch()) {
      for (int i = 0; i < BATCH; i++) {
        batch.put(raw.nextKey(), raw.value);
      }
      raw.db.write(raw.syncWrites, batch);
    }
  }
}
