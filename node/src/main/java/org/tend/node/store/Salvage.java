package org.tend.node.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.rocksdb.AbstractRocksIterator;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LiveFileMetaData;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.SstFileReader;
import org.rocksdb.SstFileReaderIterator;
import org.rocksdb.TableProperties;
import org.rocksdb.WALRecoveryMode;
import org.tend.node.api.home.StorageException;
import org.tend.node.api.home.StoreDamagedException;
import org.tend.protocol.crypto.SecretBytes;

/**
 * Reads every record a damaged store still holds, without writing to it. The store is opened
 * read-only as it is; failing that, with damaged write-ahead-log records skipped; failing that,
 * each table file is read on its own. Within a table file, a damaged block costs only the
 * records in it (see {@link DamageSkippingScan}). Values stay sealed: a value that reads here
 * still has to open under its key later, so damage RocksDB missed is caught by name there.
 */
public final class Salvage {
  static {
    NativeLibrary.load();
  }

  /** One record read back, still sealed. */
  public record Record(Column column, byte[] key, byte[] value) {}

  /**
   * Records a table file held that could not be read.
   *
   * @param column the kind, when the store still says which
   * @param records how many, or -1 when the file could not be read at all
   */
  public record Loss(String file, Optional<Column> column, long records) {}

  /**
   * @param notes what else was damaged, in sentences for the member
   */
  public record Result(List<Record> records, List<Loss> losses, List<String> notes) {
    public boolean complete() {
      return losses.isEmpty() && notes.isEmpty();
    }
  }

  private static final String DEFAULT =
      new String(RocksDB.DEFAULT_COLUMN_FAMILY, StandardCharsets.UTF_8);

  private Salvage() {}

  /**
   * Reads the store at {@code directory} without changing it. Its write-ahead log is replayed
   * into a fresh database made in {@code scratch}, which is removed afterwards: that checks
   * the log as strictly as the node does, whatever state the table files are in.
   */
  public static Result read(Path directory, Path scratch, SecretBytes masterKey)
      throws StorageException {
    if (!Files.isDirectory(directory)) {
      throw new StoreDamagedException("The journal store " + directory + " is missing, so there"
          + " is nothing in it to salvage. Restore the home from a backup.", null);
    }
    List<String> notes = new ArrayList<>();
    Map<String, Raw> newest = new LinkedHashMap<>();
    List<RawLoss> losses = new ArrayList<>();
    Map<String, Long> ids = new LinkedHashMap<>();
    List<byte[]> names = tableFilesInto(directory, newest, losses, notes, ids);
    try {
      if (names.isEmpty()) {
        names = familiesInOrderMade(directory, scratch, newest, ids, masterKey);
      }
      newest.putAll(writeAheadLog(directory, scratch, names, notes));
    } finally {
      deleteTree(scratch);
    }
    return placed(newest, losses, notes, masterKey);
  }

  /**
   * The store's families in the order it made them, which is the order of their numbers in the
   * write-ahead log, worked out without the catalogue: a store made before names were hashed
   * made them in the code's order; a later one made the hashed families in the order of their
   * names, after whatever old families it moved (their table files say where the numbers start).
   */
  private static List<byte[]> familiesInOrderMade(Path directory, Path scratch,
      Map<String, Raw> newest, Map<String, Long> ids, SecretBytes masterKey)
      throws StorageException {
    Optional<byte[]> secret = secretIn(newest, masterKey);
    if (secret.isEmpty()) {
      // The sealed names may be only in the log, whose default family is always number 0.
      try {
        secret = secretIn(replay(filesEndingIn(directory, ".log"), scratch,
            List.of(RocksDB.DEFAULT_COLUMN_FAMILY), WALRecoveryMode.SkipAnyCorruptedRecords),
            masterKey);
      } catch (RocksDBException e) {
        // then the code's order is the best guess
      }
    }
    List<byte[]> order = new ArrayList<>();
    order.add(RocksDB.DEFAULT_COLUMN_FAMILY);
    if (secret.isEmpty()) {
      for (Column column : Column.values()) {
        order.add(column.familyName().getBytes(StandardCharsets.UTF_8));
      }
      return order;
    }
    FamilyNames names = FamilyNames.of(secret.get());
    Arrays.fill(secret.get(), (byte) 0);
    List<Column> made = names.inCreationOrder();
    long before = 0;
    for (int rank = 0; rank < made.size(); rank++) {
      Long id = ids.get(new String(names.nameOf(made.get(rank)), StandardCharsets.US_ASCII));
      if (id != null) {
        before = Math.max(0, id - 1 - rank);
        break;
      }
    }
    for (int i = 0; i < before; i++) {
      order.add((i < Column.values().length ? Column.values()[i].familyName() : "unused-" + i)
          .getBytes(StandardCharsets.UTF_8));
    }
    for (Column column : made) {
      order.add(names.nameOf(column));
    }
    return order;
  }

  /**
   * The families {@code numbers} names, placed so that a database making them in this order
   * gives each its number: numbers left by dropped families are taken by placeholders.
   */
  private static List<byte[]> inOrderOfNumbers(Map<String, Long> numbers) {
    Map<Long, String> byNumber = new java.util.TreeMap<>();
    numbers.forEach((name, number) -> byNumber.put(number, name));
    List<byte[]> order = new ArrayList<>();
    long next = 0;
    for (Map.Entry<Long, String> e : byNumber.entrySet()) {
      for (; next < e.getKey(); next++) {
        order.add(("unused-" + next).getBytes(StandardCharsets.UTF_8));
      }
      order.add(e.getValue().getBytes(StandardCharsets.UTF_8));
      next = e.getKey() + 1;
    }
    return order;
  }

  private static Optional<byte[]> secretIn(Map<String, Raw> records, SecretBytes masterKey) {
    return Optional.ofNullable(records.get(idOf(DEFAULT, FamilyNames.SECRET_KEY)))
        .flatMap(r -> FamilyNames.openSecret(r.value(), List.of(masterKey)));
  }

  /** A record as read, under its family's name in RocksDB. */
  private record Raw(String family, byte[] key, byte[] value) {}

  /** Records of a table file that could not be read, under its family's name if known. */
  private record RawLoss(String file, Optional<String> family, long records) {}

  /**
   * Places each record in its column: by the family names sealed in the default family, or,
   * for a store made before names were hashed, by the names themselves.
   */
  private static Result placed(Map<String, Raw> newest, List<RawLoss> rawLosses,
      List<String> notes, SecretBytes masterKey) {
    Raw sealed = newest.get(idOf(DEFAULT, FamilyNames.SECRET_KEY));
    Optional<FamilyNames> names = Optional.ofNullable(sealed)
        .flatMap(r -> FamilyNames.openSecret(r.value(), List.of(masterKey)))
        .map(FamilyNames::of);
    Map<String, Record> records = new LinkedHashMap<>();
    Map<String, Long> unplaced = new LinkedHashMap<>();
    for (Raw raw : newest.values()) {
      Optional<Column> column = columnOf(raw.family(), names);
      if (column.isPresent()) {
        records.put(idOf(column.get().name(), raw.key()),
            new Record(column.get(), raw.key(), raw.value()));
      } else if (!raw.family().equals(DEFAULT)) {
        unplaced.merge(raw.family(), 1L, Long::sum);
      }
    }
    List<Loss> losses = new ArrayList<>();
    for (RawLoss loss : rawLosses) {
      losses.add(new Loss(loss.file(), loss.family().flatMap(f -> columnOf(f, names)),
          loss.records()));
    }
    if (!unplaced.isEmpty()) {
      notes.add("The store's record of which column family holds what is "
          + (sealed == null ? "lost" : "damaged") + ", so " + unplaced.values().stream()
          .mapToLong(Long::longValue).sum() + " records in " + unplaced.size()
          + " families could not be placed.");
    }
    return new Result(new ArrayList<>(records.values()), losses, notes);
  }

  private static Optional<Column> columnOf(String family, Optional<FamilyNames> names) {
    byte[] name = family.getBytes(StandardCharsets.UTF_8);
    Optional<Column> legacy = FamilyNames.legacyColumnOf(name);
    return legacy.isPresent() ? legacy : names.flatMap(n -> n.columnOf(name));
  }

  /**
   * Reads the live table files the store's catalogue names, oldest first so that a newer
   * file's version of a key replaces an older one's; without a readable catalogue, every table
   * file in the directory.
   *
   * @return the column families in the order the store numbers them; none without a catalogue
   */
  private static List<byte[]> tableFilesInto(Path directory, Map<String, Raw> newest,
      List<RawLoss> losses, List<String> notes, Map<String, Long> ids)
      throws StorageException {
    List<byte[]> names = List.of(RocksDB.DEFAULT_COLUMN_FAMILY);
    try (Options options = new Options()) {
      List<byte[]> listed = RocksDB.listColumnFamilies(options, directory.toString());
      if (listed.isEmpty()) {
        throw new RocksDBException("the store names no column families");
      }
      names = listed;
      try (DBOptions dbOptions = new DBOptions()
              // Damaged or missing table files must not stop the catalogue from being read.
              .setParanoidChecks(false)
              .setSkipCheckingSstFileSizesOnDbOpen(true);
          ColumnFamilyOptions columnOptions = new ColumnFamilyOptions()) {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (byte[] name : names) {
          descriptors.add(new ColumnFamilyDescriptor(name, columnOptions));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        List<LiveFileMetaData> files;
        try (RocksDB db = RocksDB.openReadOnly(dbOptions, directory.toString(), descriptors,
            handles)) {
          files = new ArrayList<>(db.getLiveFilesMetaData());
          Map<String, Long> numbers = new LinkedHashMap<>();
          for (int i = 0; i < names.size(); i++) {
            numbers.put(new String(names.get(i), StandardCharsets.UTF_8),
                (long) handles.get(i).getID());
          }
          names = inOrderOfNumbers(numbers);
          handles.forEach(ColumnFamilyHandle::close);
        }
        files.sort(Comparator.comparingLong(LiveFileMetaData::largestSeqno));
        for (LiveFileMetaData file : files) {
          String family = new String(file.columnFamilyName(), StandardCharsets.UTF_8);
          String name = file.fileName().replace("/", "");
          if (!readTable(directory.resolve(name), family,
              file.numEntries() - file.numDeletions(), newest, losses)) {
            // The catalogue names the file's family but not, without the file, its count.
            losses.add(new RawLoss(name, Optional.of(family), -1));
          }
        }
        return names;
      }
    } catch (RocksDBException | IllegalArgumentException catalogue) {
      notes.add("The store's catalogue of table files is damaged, so each table file was read"
          + " on its own.");
      throughTableFiles(directory, newest, losses, ids);
      return List.of();
    }
  }

  /**
   * The records still only in the write-ahead log: its files are replayed into a fresh database
   * with the store's column families, strictly first, then skipping damaged records.
   */
  private static Map<String, Raw> writeAheadLog(Path directory, Path scratch,
      List<byte[]> names, List<String> notes) throws StorageException {
    List<Path> logs = filesEndingIn(directory, ".log");
    if (logs.isEmpty()) {
      return Map.of();
    }
    try {
      return replay(logs, scratch, names, WALRecoveryMode.AbsoluteConsistency);
    } catch (RocksDBException strict) {
      // read it again below, past the damage
    }
    try {
      Map<String, Raw> records = replay(logs, scratch, names,
          WALRecoveryMode.SkipAnyCorruptedRecords);
      notes.add("The store's write-ahead log (the most recent writes) is damaged: writes in"
          + " the damaged part could not be read.");
      return records;
    } catch (RocksDBException lenient) {
      notes.add("The store's write-ahead log (the most recent writes) could not be read.");
      return Map.of();
    }
  }

  private static Map<String, Raw> replay(List<Path> logs, Path scratch, List<byte[]> names,
      WALRecoveryMode mode) throws RocksDBException, StorageException {
    deleteTree(scratch);
    try (DBOptions create = new DBOptions().setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true);
        DBOptions replay = new DBOptions().setParanoidChecks(true).setWalRecoveryMode(mode)
            // What is replayed stays in memory, where it is read.
            .setAvoidFlushDuringRecovery(true).setAvoidFlushDuringShutdown(true);
        ColumnFamilyOptions columnOptions = new ColumnFamilyOptions()
            .setDisableAutoCompactions(true)) {
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      for (byte[] name : names) {
        descriptors.add(new ColumnFamilyDescriptor(name, columnOptions));
      }
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      // Column families are numbered in the order they are made, as the store made them.
      try (RocksDB fresh = RocksDB.open(create, scratch.toString(), descriptors, handles)) {
        handles.forEach(ColumnFamilyHandle::close);
      }
      handles.clear();
      try {
        for (Path own : filesEndingIn(scratch, ".log")) {
          Files.delete(own);
        }
        for (Path log : logs) {
          Files.copy(log, scratch.resolve(log.getFileName()));
        }
      } catch (IOException e) {
        throw new StorageException("Could not copy the write-ahead log to read it: "
            + e.getMessage(), e);
      }
      Map<String, Raw> records = new LinkedHashMap<>();
      try (RocksDB db = RocksDB.open(replay, scratch.toString(), descriptors, handles)) {
        try {
          for (int i = 0; i < names.size(); i++) {
            String family = new String(names.get(i), StandardCharsets.UTF_8);
            try (RocksIterator it = db.newIterator(handles.get(i))) {
              for (it.seekToFirst(); it.isValid(); it.next()) {
                records.put(idOf(family, it.key()), new Raw(family, it.key(), it.value()));
              }
              it.status();
            }
          }
        } finally {
          handles.forEach(ColumnFamilyHandle::close);
        }
      }
      return records;
    }
  }

  private static List<Path> filesEndingIn(Path directory, String suffix)
      throws StorageException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix))
          .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    } catch (IOException e) {
      throw new StorageException("Could not list " + directory + ": " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path root) throws StorageException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new StorageException("Could not remove " + root + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads every table file on its own, in the order of their numbers, so a newer file's version
   * of a key replaces an older one's. Deletions are not seen across files here; Tend purges a
   * deleted record from every file as it deletes it, so no older copy is left to come back.
   */
  private static void throughTableFiles(Path directory, Map<String, Raw> newest,
      List<RawLoss> losses, Map<String, Long> ids) throws StorageException {
    for (Path table : filesEndingIn(directory, ".sst")) {
      readTable(table, newest, losses, ids);
    }
  }

  private static void readTable(Path table, Map<String, Raw> newest, List<RawLoss> losses,
      Map<String, Long> ids) {
    String family;
    long expected;
    try (Options options = new Options(); SstFileReader reader = new SstFileReader(options)) {
      reader.open(table.toString());
      TableProperties properties = reader.getTableProperties();
      family = new String(properties.getColumnFamilyName(), StandardCharsets.UTF_8);
      ids.put(family, properties.getColumnFamilyId());
      expected = properties.getNumEntries() - properties.getNumDeletions();
    } catch (RocksDBException e) {
      losses.add(new RawLoss(table.getFileName().toString(), Optional.empty(), -1));
      return;
    }
    if (!readTable(table, family, expected, newest, losses)) {
      losses.add(new RawLoss(table.getFileName().toString(), Optional.of(family), -1));
    }
  }

  /**
   * Reads one table file's records into {@code newest}, stepping over damaged blocks and adding
   * what they cost to {@code losses}.
   *
   * @return false if the file could not be opened at all
   */
  private static boolean readTable(Path table, String family, long expected,
      Map<String, Raw> newest, List<RawLoss> losses) {
    try (Options options = new Options(); SstFileReader reader = new SstFileReader(options);
        ReadOptions read = new ReadOptions().setVerifyChecksums(true).setFillCache(false)) {
      reader.open(table.toString());
      Map<String, Raw> fromThisFile = new LinkedHashMap<>();
      int damaged;
      try (SstFileReaderIterator it = reader.newIterator(read)) {
        damaged = DamageSkippingScan.scan(cursor(it, it::key, it::value), (key, value) ->
            fromThisFile.put(idOf(family, key), new Raw(family, key, value)));
      }
      newest.putAll(fromThisFile);
      if (damaged > 0) {
        losses.add(new RawLoss(table.getFileName().toString(), Optional.of(family),
            Math.max(1, expected - fromThisFile.size())));
      }
      return true;
    } catch (RocksDBException e) {
      return false;
    }
  }

  private static String idOf(String family, byte[] key) {
    return family + "/" + java.util.HexFormat.of().formatHex(key);
  }

  private interface Bytes {
    byte[] get();
  }

  private static DamageSkippingScan.Cursor cursor(AbstractRocksIterator<?> it, Bytes key,
      Bytes value) {
    return new DamageSkippingScan.Cursor() {
      @Override
      public void seekToFirst() {
        it.seekToFirst();
      }

      @Override
      public void seek(byte[] target) {
        it.seek(target);
      }

      @Override
      public boolean isValid() {
        return it.isValid();
      }

      @Override
      public void next() {
        it.next();
      }

      @Override
      public byte[] key() {
        return key.get();
      }

      @Override
      public byte[] value() {
        return value.get();
      }

      @Override
      public void status() throws RocksDBException {
        it.status();
      }
    };
  }
}
