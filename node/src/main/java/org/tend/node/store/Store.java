package org.tend.node.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactRangeOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.tend.node.api.home.DiskFullException;
import org.tend.node.api.home.StorageException;
import org.tend.node.api.home.StoreState;
import org.tend.node.api.home.StoreDamagedException;

/**
 * The member's local RocksDB store: the one class that owns native RocksDB handles. Values
 * arrive already sealed; this class never sees plaintext.
 *
 * <p>Handles are closed in reverse order of creation: column family handles, the database, then
 * write options, column family options and database options.
 */
public final class Store implements AutoCloseable {
  static {
    NativeLibrary.load();
  }

  private final Path directory;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions columnOptions;
  private final WriteOptions writeOptions;
  private final RocksDB db;
  private final ColumnFamilyHandle defaultFamily;
  private final Map<Column, ColumnFamilyHandle> families = new EnumMap<>(Column.class);
  private final WriteHealth health = new WriteHealth(Clock.systemUTC());
  private final long writeBufferBytes;
  private final boolean readOnly;

  /** How a store on a full disk is opened when the usual way needs space it does not have. */
  private enum Opening {
    USUAL,
    /** Replays the write-ahead log into memory instead of flushing it into a new table file. */
    LOG_IN_MEMORY,
    /** Writes nothing at all, so the journal stays readable on a disk with no byte free. */
    READ_ONLY
  }

  private Store(Path directory, StoreOptions options, boolean create, Opening opening)
      throws RocksDBException {
    this.directory = directory;
    this.writeBufferBytes = options.writeBufferBytes();
    this.readOnly = opening == Opening.READ_ONLY;
    this.dbOptions = anonymousOptions()
        .setCreateIfMissing(create)
        .setCreateMissingColumnFamilies(true)
        .setParanoidChecks(true)
        // The default replay stops at the first damaged record of the write-ahead log and
        // silently drops it and every later one; a refusal to open is better than a silent loss.
        .setWalRecoveryMode(WALRecoveryMode.AbsoluteConsistency)
        .setMaxBackgroundJobs(options.maxBackgroundJobs())
        // Deleted entries must not survive in archived logs or in old info logs' company.
        .setWalTtlSeconds(0)
        .setWalSizeLimitMB(0)
        .setRecycleLogFileNum(0)
        .setKeepLogFileNum(2)
        .setInfoLogLevel(InfoLogLevel.WARN_LEVEL);
    dbOptions.setListeners(List.of(health))
        .setAvoidFlushDuringRecovery(opening == Opening.LOG_IN_MEMORY);
    // Every value is ciphertext, which does not compress: trying would only cost CPU that
    // flushes and compactions need.
    this.columnOptions = new ColumnFamilyOptions()
        .setWriteBufferSize(options.writeBufferBytes())
        .setCompressionType(CompressionType.NO_COMPRESSION);
    this.writeOptions = new WriteOptions().setSync(options.syncWrites());
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, columnOptions));
    for (Column column : Column.values()) {
      descriptors.add(new ColumnFamilyDescriptor(column.familyName().getBytes(), columnOptions));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      this.db = readOnly
          ? RocksDB.openReadOnly(dbOptions, directory.toString(), descriptors, handles)
          : RocksDB.open(dbOptions, directory.toString(), descriptors, handles);
    } catch (RocksDBException e) {
      // The open may be tried again; these native objects would otherwise outlive it.
      writeOptions.close();
      columnOptions.close();
      dbOptions.close();
      health.close();
      throw e;
    }
    this.defaultFamily = handles.get(0);
    for (Column column : Column.values()) {
      families.put(column, handles.get(column.ordinal() + 1));
    }
  }

  /** Opens the store of a new home, creating it. */
  public static Store open(Path directory, StoreOptions options) throws StorageException {
    return openEvenOnFullDisk(directory, options, true);
  }

  /**
   * Opens the store of an existing home. A home's keystore and store are made together, so a
   * missing store is damage (a partial copy of the home), never an empty journal.
   */
  public static Store openExisting(Path directory, StoreOptions options) throws StorageException {
    if (!Files.isDirectory(directory)) {
      throw new StoreDamagedException("The journal store " + directory + " is missing although"
          + " the home's keystore is there; the home is incomplete. Restore it from a backup.",
          null);
    }
    return openEvenOnFullDisk(directory, options, false);
  }

  /**
   * Opening normally flushes the write-ahead log into a new table file, which a full disk
   * refuses, so the member could not even read the journal. Then the log is replayed into memory
   * only: it stays on disk, synced as before, until the next flush, so nothing saved is lost.
   * A disk without a byte free refuses even the new manifest that needs; then the store opens
   * read-only, says it cannot write, and refuses every write as the full disk would.
   */
  private static Store openEvenOnFullDisk(Path directory, StoreOptions options, boolean create)
      throws StorageException {
    List<Opening> ways = create ? List.of(Opening.USUAL, Opening.LOG_IN_MEMORY)
        : List.of(Opening.USUAL, Opening.LOG_IN_MEMORY, Opening.READ_ONLY);
    RocksDBException full = null;
    for (Opening opening : ways) {
      try {
        Store store = new Store(directory, options, create, opening);
        if (store.readOnly) {
          store.health.failed(true);
        }
        return store;
      } catch (RocksDBException e) {
        if (!isNoSpace(e)) {
          throw openFailure(directory, e);
        }
        full = e;
      }
    }
    throw openFailure(directory, full);
  }

  /** Options that keep the computer's name out of every table file (RocksDB's default). */
  private static DBOptions anonymousOptions() {
    Properties properties = new Properties();
    properties.setProperty("db_host_id", "");
    DBOptions options = DBOptions.getDBOptionsFromProps(properties);
    if (options == null) {
      throw new IllegalStateException("RocksDB did not accept an empty db_host_id");
    }
    return options;
  }

  public Path directory() {
    return directory;
  }

  public Optional<byte[]> get(Column column, byte[] key) throws StorageException {
    try {
      return Optional.ofNullable(db.get(families.get(column), key));
    } catch (RocksDBException e) {
      throw failure("read from " + column.familyName(), e);
    }
  }

  /** Applies every operation atomically; durable on return when writes are synced. */
  public void write(WriteSet set) throws StorageException {
    if (set.isEmpty()) {
      return;
    }
    refuseIfReadOnly();
    try (WriteBatch batch = new WriteBatch()) {
      for (WriteSet.Op op : set.ops()) {
        if (op.value() == null) {
          batch.delete(families.get(op.column()), op.key());
        } else {
          batch.put(families.get(op.column()), op.key(), op.value());
        }
      }
      db.write(writeOptions, batch);
      health.wrote();
    } catch (RocksDBException e) {
      throw writeFailure("write", e);
    }
  }

  /** Visits every key and value of a column in key order. */
  public void forEach(Column column, BiConsumer<byte[], byte[]> visitor) throws StorageException {
    try (RocksIterator it = db.newIterator(families.get(column))) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        visitor.accept(it.key(), it.value());
      }
      it.status();
    } catch (RocksDBException e) {
      throw failure("scan " + column.familyName(), e);
    }
  }

  /**
   * Flushes every memtable and rewrites every file, so that deleted values and their tombstones
   * leave the disk: the write-ahead logs that held them become obsolete and are removed, and
   * compaction to the bottom level drops both.
   */
  public void purgeDeleted() throws StorageException {
    refuseIfReadOnly();
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true);
        CompactRangeOptions compact = new CompactRangeOptions()
            .setBottommostLevelCompaction(CompactRangeOptions.BottommostLevelCompaction.kForce)
            .setExclusiveManualCompaction(true)) {
      List<ColumnFamilyHandle> all = new ArrayList<>(families.values());
      all.add(defaultFamily);
      db.flush(flush, all);
      for (ColumnFamilyHandle handle : all) {
        db.compactRange(handle, null, null, compact);
      }
    } catch (RocksDBException e) {
      throw writeFailure("compact", e);
    }
  }

  /** Whether the store can write now; a full disk is reported with the time it filled. */
  public StoreState state() {
    return health.state();
  }

  @Override
  public void close() {
    for (ColumnFamilyHandle handle : families.values()) {
      handle.close();
    }
    defaultFamily.close();
    db.close();
    writeOptions.close();
    columnOptions.close();
    dbOptions.close();
    health.close();
  }

  private void refuseIfReadOnly() throws DiskFullException {
    if (readOnly) {
      throw new DiskFullException("The disk holding the journal store is full, so the journal"
          + " was opened for reading only and this was not saved; everything saved before is"
          + " kept. Free some space on that disk and try again.", null);
    }
  }

  private StorageException writeFailure(String operation, RocksDBException e) {
    if (!isNoSpace(e)) {
      if (e.getStatus() != null && e.getStatus().getCode() == Status.Code.IOError) {
        health.failed(false);
      }
      return failure(operation, e);
    }
    health.failed(true);
    // RocksDB resumes once this much is free: it flushes its memory buffers first.
    long mib = Math.max(1, (writeBufferBytes + (1 << 20) - 1) >> 20);
    return new DiskFullException("The disk holding the journal store is full, so this was not"
        + " saved; everything saved before is kept. Free at least " + mib + " MiB on that"
        + " disk: a running node notices within seconds and saves again, without a restart."
        + " (" + e.getMessage() + ")", e);
  }

  private static StorageException failure(String operation, RocksDBException e) {
    if (isDamage(e)) {
      return new StoreDamagedException("The journal store failed its integrity check and could"
          + " not " + operation + " (" + e.getMessage() + "). Nothing was changed; restore the"
          + " home from a backup, or keep this copy and ask for help.", e);
    }
    return new StorageException(
        "The journal store could not " + operation + ": " + e.getMessage(), e);
  }

  private static StorageException openFailure(Path directory, RocksDBException e) {
    if (isNoSpace(e)) {
      return new DiskFullException("The disk holding the journal store " + directory + " is"
          + " full, so the store could not be opened; nothing in it was changed. Free some"
          + " space on that disk and try again. (" + e.getMessage() + ")", e);
    }
    Status.Code code = e.getStatus() == null ? null : e.getStatus().getCode();
    String message = String.valueOf(e.getMessage());
    boolean missingFile = message.contains("No such file") || message.contains("does not exist");
    if (isDamage(e) || code == Status.Code.InvalidArgument || code == Status.Code.NotFound
        || missingFile) {
      return new StoreDamagedException("The journal store at " + directory + " is damaged and"
          + " was not opened, so that no saved entry is silently lost (" + message + ")."
          + " Restore the home from a backup, or keep this copy and ask for help.", e);
    }
    return failure("open", e);
  }

  private static boolean isNoSpace(RocksDBException e) {
    return WriteHealth.isNoSpace(e.getStatus())
        || String.valueOf(e.getMessage()).contains("No space left");
  }

  private static boolean isDamage(RocksDBException e) {
    return e.getStatus() != null && e.getStatus().getCode() == Status.Code.Corruption;
  }
}
