package org.tend.node.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;
import org.tend.node.TestHomes;
import org.tend.node.keystore.UnlockedKeys;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;

/**
 * Puts a home's store into the layouts older code and interrupted moves leave, with RocksDB's
 * own API: the values stay exactly as the node sealed them.
 */
final class OldLayout implements AutoCloseable {
  private final DBOptions options = new DBOptions();
  private final WriteOptions synced = new WriteOptions().setSync(true);
  private final RocksDB db;
  private final Map<String, ColumnFamilyHandle> families = new LinkedHashMap<>();
  private final SecretBytes masterKey;

  private OldLayout(Path home) throws Exception {
    Path store = TestHomes.storeOf(home);
    try (UnlockedKeys keys = StoreMetadataAtRestTest.unlock(home)) {
      masterKey = SecretBytes.copyOf(keys.masterKey().exposeSecret());
    }
    List<byte[]> names;
    try (Options listing = new Options()) {
      names = RocksDB.listColumnFamilies(listing, store.toString());
    }
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    names.forEach(n -> descriptors.add(new ColumnFamilyDescriptor(n)));
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    db = RocksDB.open(options, store.toString(), descriptors, handles);
    for (int i = 0; i < names.size(); i++) {
      families.put(new String(names.get(i), StandardCharsets.UTF_8), handles.get(i));
    }
  }

  /**
   * Renames every family to its column's name in the code, made in the code's order, and
   * removes the sealed secret: a store as homes made before names were hashed hold it.
   */
  static void convert(Path home) throws Exception {
    try (OldLayout store = new OldLayout(home)) {
      FamilyNames names = FamilyNames.unseal(store.secretRecord(), store.masterKey).orElseThrow();
      for (Column column : Column.values()) {
        ColumnFamilyHandle hashed = store.families.remove(ascii(names.nameOf(column)));
        ColumnFamilyHandle named = store.create(column.familyName());
        store.copy(hashed, named, 1);
        store.db.dropColumnFamily(hashed);
        hashed.close();
      }
      store.db.delete(store.families.get("default"), store.synced, FamilyNames.SECRET_KEY);
      store.flush();
    }
  }

  /**
   * As a move interrupted while copying leaves a store: a new secret, every hashed family made,
   * one record in {@code every} copied into it, and {@code strayKey} in the entries' copy.
   */
  static void copyPart(Path home, int every, byte[] strayKey) throws Exception {
    try (OldLayout store = new OldLayout(home)) {
      FamilyNames names = store.newSecret();
      for (Column column : names.inCreationOrder()) {
        ColumnFamilyHandle hashed = store.create(ascii(names.nameOf(column)));
        store.copy(store.families.get(column.familyName()), hashed, every);
        if (column == Column.ENTRIES) {
          store.db.put(hashed, store.synced, strayKey, new byte[] {1, 2, 3});
        }
      }
      store.flush();
    }
  }

  /** As a move interrupted while dropping leaves a store: {@code dropped} already gone. */
  static void copyAllThenDrop(Path home, Column... dropped) throws Exception {
    try (OldLayout store = new OldLayout(home)) {
      FamilyNames names = store.newSecret();
      for (Column column : names.inCreationOrder()) {
        ColumnFamilyHandle hashed = store.create(ascii(names.nameOf(column)));
        store.copy(store.families.get(column.familyName()), hashed, 1);
      }
      for (Column column : dropped) {
        ColumnFamilyHandle named = store.families.remove(column.familyName());
        store.db.dropColumnFamily(named);
        named.close();
      }
      store.flush();
    }
  }

  private byte[] secretRecord() throws Exception {
    return db.get(families.get("default"), FamilyNames.SECRET_KEY);
  }

  private FamilyNames newSecret() throws Exception {
    byte[] secret = Randomness.secure().bytes(FamilyNames.SECRET_LENGTH);
    db.put(families.get("default"), synced, FamilyNames.SECRET_KEY,
        FamilyNames.seal(secret, masterKey, Randomness.secure()));
    return FamilyNames.of(secret);
  }

  private ColumnFamilyHandle create(String name) throws Exception {
    ColumnFamilyHandle handle = db.createColumnFamily(
        new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8)));
    families.put(name, handle);
    return handle;
  }

  private void copy(ColumnFamilyHandle from, ColumnFamilyHandle to, int every) throws Exception {
    int i = 0;
    try (RocksIterator it = db.newIterator(from)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        if (i++ % every == 0) {
          db.put(to, synced, it.key(), it.value());
        }
      }
      it.status();
    }
  }

  private void flush() throws Exception {
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      db.flush(flush, new ArrayList<>(families.values()));
    }
  }

  private static String ascii(byte[] name) {
    return new String(name, StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    families.values().forEach(ColumnFamilyHandle::close);
    db.close();
    synced.close();
    options.close();
    masterKey.close();
  }
}
