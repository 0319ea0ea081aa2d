package org.tend.node.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactRangeOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
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
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;

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

  /** Log files past which an open flushes them into table files (see {@link #boundLogs}). */
  static final int MAX_LOG_FILES = 16;
  /** Records copied per synced write when a store is moved to hashed family names. */
  private static final int MIGRATION_CHUNK = 512;

  private final Path directory;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions columnOptions;
  private final WriteOptions writeOptions;
  private final RocksDB db;
  private final ColumnFamilyHandle defaultFamily;
  /** Every handle RocksDB gave, by family name, for closing: also families this code skips. */
  private final Map<String, ColumnFamilyHandle> handles = new LinkedHashMap<>();
  private final Map<Column, ColumnFamilyHandle> families = new EnumMap<>(Column.class);
  private final WriteHealth health = new WriteHealth(Clock.systemUTC());
  private final long writeBufferBytes;
  private final boolean readOnly;
  private final Randomness randomness = Randomness.secure();
  private byte[] secret;
  /** Set when this open moved old named families; the store is then opened afresh. */
  private boolean migrated;

  /** How a store on a full disk is opened when the usual way needs space it does not have. */
  private enum Opening {
    USUAL,
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
        .setParanoidChecks(true)
        // The default replay stops at the first damaged record of the write-ahead log and
        // silently drops it and every later one; a refusal to open is better than a silent loss.
        .setWalRecoveryMode(WALRecoveryMode.AbsoluteConsistency)
        .setMaxBackgroundJobs(options.maxBackgroundJobs())
        .setMaxOpenFiles(options.maxOpenFiles())
        // Deleted entries must not survive in archived logs or in old info logs' company.
        .setWalTtlSeconds(0)
        .setWalSizeLimitMB(0)
        .setRecycleLogFileNum(0)
        .setKeepLogFileNum(2)
        .setInfoLogLevel(InfoLogLevel.WARN_LEVEL);
    // A flush at every open or close would write a table file per session, and each table file
    // holds the time it was written and how many records of its family it took: a diary of
    // sessions. The synced log is replayed into memory instead and kept until a buffer fills,
    // a purge, a re-seal or too many logs (boundLogs). It needs no new space, so a full disk
    // still opens this way.
    dbOptions.setListeners(List.of(health))
        .setAvoidFlushDuringRecovery(true)
        .setAvoidFlushDuringShutdown(true);
    // Every value is ciphertext, which does not compress: trying would only cost CPU that
    // flushes and compactions need.
    this.columnOptions = new ColumnFamilyOptions()
        .setWriteBufferSize(options.writeBufferBytes())
        .setCompressionType(CompressionType.NO_COMPRESSION);
    this.writeOptions = new WriteOptions().setSync(options.syncWrites());
    List<byte[]> names = existingFamilies(directory, create);
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (byte[] name : names) {
      descriptors.add(new ColumnFamilyDescriptor(name, columnOptions));
    }
    List<ColumnFamilyHandle> opened = new ArrayList<>();
    try {
      this.db = readOnly
          ? RocksDB.openReadOnly(dbOptions, directory.toString(), descriptors, opened)
          : RocksDB.open(dbOptions, directory.toString(), descriptors, opened);
    } catch (RocksDBException e) {
      // The open may be tried again; these native objects would otherwise outlive it.
      writeOptions.close();
      columnOptions.close();
      dbOptions.close();
      health.close();
      throw e;
    }
    ColumnFamilyHandle found = null;
    for (int i = 0; i < names.size(); i++) {
      handles.put(new String(names.get(i), StandardCharsets.UTF_8), opened.get(i));
      if (Arrays.equals(names.get(i), RocksDB.DEFAULT_COLUMN_FAMILY)) {
        found = opened.get(i);
      }
    }
    this.defaultFamily = found;
  }

  /** The families RocksDB must be opened with: all it has, or the default one of a new store. */
  private static List<byte[]> existingFamilies(Path directory, boolean create)
      throws RocksDBException {
    if (create && !Files.exists(directory.resolve("CURRENT"))) {
      return List.of(RocksDB.DEFAULT_COLUMN_FAMILY);
    }
    try (Options listing = new Options()) {
      List<byte[]> names = RocksDB.listColumnFamilies(listing, directory.toString());
      if (names.isEmpty()) {
        // RocksDB lists nothing when there is no store at all; its open says why.
        return List.of(RocksDB.DEFAULT_COLUMN_FAMILY);
      }
      return names;
    }
  }

  /**
   * Finds the families under the home's secret, made now if missing (the secret too, in a new
   * store), and moves the families of a store made before names were hashed into them.
   */
  private void prepare(List<SecretBytes> masterKeys) throws RocksDBException, StorageException {
    if (defaultFamily == null) {
      throw new StoreDamagedException("The journal store at " + directory + " has no default"
          + " column family; restore the home from a backup.", null);
    }
    Map<Column, ColumnFamilyHandle> legacy = new EnumMap<>(Column.class);
    boolean hashedFamilies = false;
    for (Map.Entry<String, ColumnFamilyHandle> e : handles.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      Optional<Column> old = FamilyNames.legacyColumnOf(name);
      if (old.isPresent()) {
        legacy.put(old.get(), e.getValue());
      } else if (!Arrays.equals(name, RocksDB.DEFAULT_COLUMN_FAMILY)) {
        hashedFamilies = true;
      }
    }
    byte[] sealed = db.get(defaultFamily, FamilyNames.SECRET_KEY);
    if (sealed != null) {
      secret = FamilyNames.openSecret(sealed, masterKeys).orElseThrow(() -> new StoreDamagedException(
          "The journal store's record of its column families does not open under this home's"
          + " key: it is damaged or from another home. Restore the home from a backup.", null));
    } else if (hashedFamilies) {
      throw new StoreDamagedException("The journal store has lost the record of its column"
          + " families, so none of them can be read. Restore the home from a backup.", null);
    } else if (readOnly) {
      // A store made before names were hashed, on a full disk: read it as it is.
      if (legacy.size() != Column.values().length) {
        throw new DiskFullException("The disk holding the journal store is full, so the store"
            + " could not be set up; free some space on that disk and try again.", null);
      }
      families.putAll(legacy);
      return;
    } else {
      secret = randomness.bytes(FamilyNames.SECRET_LENGTH);
      try (WriteOptions synced = new WriteOptions().setSync(true)) {
        db.put(defaultFamily, synced, FamilyNames.SECRET_KEY,
            FamilyNames.seal(secret, masterKeys.get(0), randomness));
      }
    }
    FamilyNames names = FamilyNames.of(secret);
    for (Column column : names.inCreationOrder()) {
      String name = new String(names.nameOf(column), StandardCharsets.US_ASCII);
      ColumnFamilyHandle handle = handles.get(name);
      if (handle == null && readOnly) {
        handle = legacy.get(column);
        if (handle == null) {
          throw new DiskFullException("The disk holding the journal store is full, so the"
              + " store could not be set up; free some space on that disk and try again.",
              null);
        }
      } else if (handle == null) {
        handle = db.createColumnFamily(new ColumnFamilyDescriptor(names.nameOf(column),
            columnOptions));
        handles.put(name, handle);
      }
      families.put(column, handle);
    }
    if (!legacy.isEmpty()) {
      if (readOnly) {
        // An unfinished move: the old families are whole until the move drops them.
        families.putAll(legacy);
      } else {
        migrate(legacy);
      }
    }
  }

  /**
   * Moves the families of a store made before names were hashed into the hashed ones: copies
   * each in synced chunks, so that the copy is exactly the old family, and only then drops the
   * old ones. A crash at any point leaves old families, which the next open copies again.
   */
  private void migrate(Map<Column, ColumnFamilyHandle> legacy) throws RocksDBException {
    try (WriteOptions synced = new WriteOptions().setSync(true)) {
      for (Map.Entry<Column, ColumnFamilyHandle> e : legacy.entrySet()) {
        copyExactly(e.getValue(), families.get(e.getKey()), synced);
      }
      for (Map.Entry<Column, ColumnFamilyHandle> e : legacy.entrySet()) {
        db.dropColumnFamily(e.getValue());
        handles.values().remove(e.getValue());
        e.getValue().close();
      }
    }
    // The copies leave the log for table files, and the old families' files go with it.
    flushAll();
    migrated = true;
  }

  /** Makes {@code to} hold exactly what {@code from} holds, a chunk per synced write. */
  private void copyExactly(ColumnFamilyHandle from, ColumnFamilyHandle to, WriteOptions synced)
      throws RocksDBException {
    try (Chunks chunks = new Chunks(synced)) {
      // What an earlier, interrupted copy left that the old family no longer holds goes first.
      try (RocksIterator it = db.newIterator(to)) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          if (db.get(from, it.key()) == null) {
            chunks.batch().delete(to, it.key());
            chunks.writeIfFull();
          }
        }
        it.status();
      }
      try (RocksIterator it = db.newIterator(from)) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          chunks.batch().put(to, it.key(), it.value());
          chunks.writeIfFull();
        }
        it.status();
      }
      chunks.write();
    }
  }

  /** A write batch written, synced, whenever it holds a chunk of records. */
  private final class Chunks implements AutoCloseable {
    private final WriteOptions synced;
    private WriteBatch batch = new WriteBatch();

    Chunks(WriteOptions synced) {
      this.synced = synced;
    }

    WriteBatch batch() {
      return batch;
    }

    void writeIfFull() throws RocksDBException {
      if (batch.count() >= MIGRATION_CHUNK) {
        write();
      }
    }

    void write() throws RocksDBException {
      if (batch.count() > 0) {
        db.write(synced, batch);
        batch.close();
        batch = new WriteBatch();
      }
    }

    @Override
    public void close() {
      batch.close();
    }
  }

  /**
   * Keeps the write-ahead logs bounded: each session adds a log file that stays until its
   * records reach a table file, so past {@link #MAX_LOG_FILES} files, or a write buffer's worth
   * of bytes, this open flushes them. Such a table file dates one session in many, not each.
   */
  private void boundLogs() throws StorageException {
    long count = 0;
    long bytes = 0;
    try (Stream<Path> files = Files.list(directory)) {
      for (Path log : files.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
        count++;
        bytes += Files.size(log);
      }
    } catch (IOException e) {
      throw new StorageException("Could not list " + directory + ": " + e.getMessage(), e);
    }
    if (count > MAX_LOG_FILES || bytes > writeBufferBytes) {
      try {
        flushAll();
      } catch (RocksDBException e) {
        // The logs stay as they are, readable; a full disk is reported by the next write.
        writeFailure("flush", e);
      }
    }
  }

  private void flushAll() throws RocksDBException {
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      db.flush(flush, new ArrayList<>(handles.values()));
    }
  }

  /** Opens the store of a new home, creating it, with its master key. */
  public static Store open(Path directory, StoreOptions options, SecretBytes masterKey)
      throws StorageException {
    return openEvenOnFullDisk(directory, options, true, List.of(masterKey));
  }

  /**
   * Opens the store of an existing home. A home's keystore and store are made together, so a
   * missing store is damage (a partial copy of the home), never an empty journal.
   */
  public static Store openExisting(Path directory, StoreOptions options, SecretBytes masterKey)
      throws StorageException {
    return openExisting(directory, options, List.of(masterKey));
  }

  /**
   * Opens an existing home's store to re-seal it from {@code from} to {@code to}: its values,
   * and the record of its family names, may be under either after an interrupted change.
   */
  public static Store openForReseal(Path directory, StoreOptions options, SecretBytes from,
      SecretBytes to) throws StorageException {
    return openExisting(directory, options, List.of(from, to));
  }

  private static Store openExisting(Path directory, StoreOptions options,
      List<SecretBytes> masterKeys) throws StorageException {
    if (!Files.isDirectory(directory)) {
      throw new StoreDamagedException("The journal store " + directory + " is missing although"
          + " the home's keystore is there; the home is incomplete. Restore it from a backup.",
          null);
    }
    return openEvenOnFullDisk(directory, options, false, masterKeys);
  }

  /**
   * Opening replays the write-ahead log into memory, which needs no space for table files; a
   * disk without a byte free refuses even the new manifest an open writes, and then the store
   * opens read-only, says it cannot write, and refuses every write as the full disk would.
   */
  private static Store openEvenOnFullDisk(Path directory, StoreOptions options, boolean create,
      List<SecretBytes> masterKeys) throws StorageException {
    List<Opening> ways = create ? List.of(Opening.USUAL)
        : List.of(Opening.USUAL, Opening.READ_ONLY);
    RocksDBException full = null;
    for (Opening opening : ways) {
      Store store = null;
      try {
        store = new Store(directory, options, create, opening);
        store.prepare(masterKeys);
        if (store.migrated) {
          // Opened afresh, RocksDB writes a new manifest, without the old families' names.
          store.close();
          store = null;
          return openEvenOnFullDisk(directory, options, create, masterKeys);
        }
        if (store.readOnly) {
          store.health.failed(true);
        } else {
          store.boundLogs();
        }
        return store;
      } catch (RocksDBException e) {
        if (store != null) {
          store.close();
        }
        if (!isNoSpace(e)) {
          throw openFailure(directory, e);
        }
        full = e;
      } catch (StorageException | RuntimeException e) {
        if (store != null) {
          store.close();
        }
        throw e;
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
      List<ColumnFamilyHandle> all = new ArrayList<>(handles.values());
      db.flush(flush, all);
      for (ColumnFamilyHandle handle : all) {
        db.compactRange(handle, null, null, compact);
      }
    } catch (RocksDBException e) {
      throw writeFailure("compact", e);
    }
  }

  /** Seals the secret behind the family names under {@code masterKey}, in a synced write. */
  void resealFamilyNames(SecretBytes masterKey) throws StorageException {
    refuseIfReadOnly();
    if (secret == null) {
      throw new IllegalStateException("a store opened read-only on its old names has no secret");
    }
    try (WriteOptions synced = new WriteOptions().setSync(true)) {
      db.put(defaultFamily, synced, FamilyNames.SECRET_KEY,
          FamilyNames.seal(secret, masterKey, randomness));
    } catch (RocksDBException e) {
      throw writeFailure("write", e);
    }
  }

  /** The RocksDB names of this store's families; never written anywhere in the clear. */
  public FamilyNames familyNames() {
    if (secret == null) {
      throw new IllegalStateException("a store opened read-only on its old names has no secret");
    }
    return FamilyNames.of(secret);
  }

  /** Whether the store can write now; a full disk is reported with the time it filled. */
  public StoreState state() {
    return health.state();
  }

  @Override
  public void close() {
    for (ColumnFamilyHandle handle : handles.values()) {
      handle.close();
    }
    db.close();
    writeOptions.close();
    columnOptions.close();
    dbOptions.close();
    health.close();
    if (secret != null) {
      Arrays.fill(secret, (byte) 0);
    }
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
