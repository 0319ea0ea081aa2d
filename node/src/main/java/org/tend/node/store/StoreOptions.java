package org.tend.node.store;

/**
 * Tuning of the RocksDB store.
 *
 * @param syncWrites fsync the write-ahead log before a write returns; only benchmarks of the raw
 *     engine turn this off, the node never does
 * @param maxBackgroundJobs RocksDB flush and compaction threads
 * @param writeBufferBytes memtable size per column family
 * @param maxOpenFiles table files RocksDB keeps open at once, or -1 for all of them; a process
 *     that opens many stores (the simulator) bounds it so that their sum stays under the
 *     process's limit on open files
 */
public record StoreOptions(boolean syncWrites, int maxBackgroundJobs, long writeBufferBytes,
    int maxOpenFiles) {
  public StoreOptions {
    if (maxBackgroundJobs < 1) {
      throw new IllegalArgumentException("maxBackgroundJobs must be at least 1");
    }
    if (writeBufferBytes < 64 * 1024) {
      throw new IllegalArgumentException("writeBufferBytes must be at least 64 KiB");
    }
    if (maxOpenFiles != -1 && maxOpenFiles < MIN_OPEN_FILES) {
      throw new IllegalArgumentException("maxOpenFiles must be -1 (no bound) or at least "
          + MIN_OPEN_FILES + ", was " + maxOpenFiles);
    }
  }

  /** The fewest open table files RocksDB works with: it raises any smaller bound to this. */
  public static final int MIN_OPEN_FILES = 20;

  /** Options with every table file kept open, as a node keeps them. */
  public StoreOptions(boolean syncWrites, int maxBackgroundJobs, long writeBufferBytes) {
    this(syncWrites, maxBackgroundJobs, writeBufferBytes, -1);
  }

  public static StoreOptions defaults() {
    // After a full disk RocksDB writes again only once this much is free (it flushes the
    // memtables first), so it is kept small: 4 MiB holds thousands of entries, and a member
    // who frees a few megabytes gets a node that saves again, not one that needs 64 MiB.
    return new StoreOptions(true, 2, 4L * 1024 * 1024);
  }
}
