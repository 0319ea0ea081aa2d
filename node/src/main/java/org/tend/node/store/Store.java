package org.tend.node.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.tend.node.api.home.StorageException;

/**
 * The member's local RocksDB store: the one class that owns native RocksDB handles. Values
 * arrive already sealed; this class never sees plaintext.
 *
 * <p>Handles are closed in reverse order of creation: column family handles, the database, then
 * write options, column family options and database options.
 */
public final class Store implements AutoCloseable {
  static {
    RocksDB.loadLibrary();
  }

  private final Path directory;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions columnOptions;
  private final WriteOptions writeOptions;
  private final RocksDB db;
  private final ColumnFamilyHandle defaultFamily;
  private final Map<Column, ColumnFamilyHandle> families = new EnumMap<>(Column.class);

  private Store(Path directory, StoreOptions options) throws RocksDBException {
    this.directory = directory;
    this.dbOptions = new DBOptions()
        .setCreateIfMissing(true)
        .setCreateMissingColumnFamilies(true)
        .setParanoidChecks(true)
        .setMaxBackgroundJobs(options.maxBackgroundJobs())
        // Deleted entries must not survive in archived logs or in old info logs' company.
        .setWalTtlSeconds(0)
        .setWalSizeLimitMB(0)
        .setRecycleLogFileNum(0)
        .setKeepLogFileNum(2)
        .setInfoLogLevel(InfoLogLevel.WARN_LEVEL);
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
    this.db = RocksDB.open(dbOptions, directory.toString(), descriptors, handles);
    this.defaultFamily = handles.get(0);
    for (Column column : Column.values()) {
      families.put(column, handles.get(column.ordinal() + 1));
    }
  }

  public static Store open(Path directory, StoreOptions options) throws StorageException {
    try {
      return new Store(directory, options);
    } catch (RocksDBException e) {
      throw failure("open", e);
    }
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
    try (WriteBatch batch = new WriteBatch()) {
      for (WriteSet.Op op : set.ops()) {
        if (op.value() == null) {
          batch.delete(families.get(op.column()), op.key());
        } else {
          batch.put(families.get(op.column()), op.key(), op.value());
        }
      }
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw failure("write", e);
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
      throw failure("compact", e);
    }
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
  }

  private static StorageException failure(String operation, RocksDBException e) {
    return new StorageException(
        "The journal store could not " + operation + ": " + e.getMessage(), e);
  }
}
