package org.tend.node.store;

/**
 * Tuning of the RocksDB store.
 *
 * @param syncWrites fsync the write-ahead log before a write returns; only benchmarks of the raw
 *     engine turn this off, the node never does
 * @param maxBackgroundJobs RocksDB flush and compaction threads
 * @param writeBufferBytes memtable size per column family
 */
public record StoreOptions(boolean syncWrites, int maxBackgroundJobs, long writeBufferBytes) {
  public StoreOptions {
    if (maxBackgroundJobs < 1) {
      throw new IllegalArgumentException("maxBackgroundJobs must be at least 1");
    }
    if (writeBufferBytes < 64 * 1024) {
      throw new IllegalArgumentException("writeBufferBytes must be at least 64 KiB");
    }
  }

  public static StoreOptions defaults() {
    // After a full disk RocksDB writes again only once this much is free (it flushes the
    // memtables first), so it is kept small: 4 MiB holds thousands of entries, and a member
    // who frees a few megabytes gets a node that saves again, not one that needs 64 MiB.
    return new StoreOptions(true, 2, 4L * 1024 * 1024);
  }
}
