package org.tend.node;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.tend.node.api.home.TendException;
import org.tend.node.keystore.HomeFiles;
import org.tend.node.keystore.Keystores;
import org.tend.node.keystore.UnlockedKeys;
import org.tend.node.store.Column;
import org.tend.node.store.FamilyNames;
import org.tend.protocol.crypto.SecretBytes;

/**
 * A home's store opened with RocksDB's own API, bypassing the node: to see exactly what is on
 * disk, and to damage it. Opens every column family the database lists. Families are named as
 * the code names them ({@link Column#familyName}): the hashed names on disk are translated with
 * the home's master key, unlocked with the test passphrase, or the one given.
 */
public final class RawStore implements AutoCloseable {
  static {
    RocksDB.loadLibrary();
  }

  /** One key and value exactly as stored. */
  public record KeyValue(String family, byte[] key, byte[] value) {}

  private final DBOptions options;
  private final RocksDB db;
  private final Map<String, ColumnFamilyHandle> families = new LinkedHashMap<>();
  private final Map<String, String> diskNames = new LinkedHashMap<>();

  private RawStore(Path directory, boolean readOnly, SecretBytes masterKey)
      throws RocksDBException {
    List<byte[]> names;
    try (Options listing = new Options()) {
      names = RocksDB.listColumnFamilies(listing, directory.toString());
    }
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (byte[] name : names) {
      descriptors.add(new ColumnFamilyDescriptor(name));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    this.options = new DBOptions();
    this.db = readOnly
        ? RocksDB.openReadOnly(options, directory.toString(), descriptors, handles)
        : RocksDB.open(options, directory.toString(), descriptors, handles);
    Optional<FamilyNames> hashed = Optional.empty();
    for (int i = 0; i < names.size(); i++) {
      if (Arrays.equals(names.get(i), RocksDB.DEFAULT_COLUMN_FAMILY) && masterKey != null) {
        byte[] sealed = db.get(handles.get(i), FamilyNames.recordKey());
        if (sealed != null) {
          hashed = FamilyNames.unseal(sealed, masterKey);
        }
      }
    }
    for (int i = 0; i < names.size(); i++) {
      byte[] name = names.get(i);
      String shown = hashed.flatMap(n -> n.columnOf(name)).map(Column::familyName)
          .orElse(new String(name, StandardCharsets.UTF_8));
      families.put(shown, handles.get(i));
      diskNames.put(shown, new String(name, StandardCharsets.UTF_8));
    }
  }

  public static RawStore readOnly(Path storeDirectory) throws RocksDBException {
    return new RawStore(storeDirectory, true, testHomeKey(storeDirectory).orElse(null));
  }

  public static RawStore writable(Path storeDirectory) throws RocksDBException {
    return new RawStore(storeDirectory, false, testHomeKey(storeDirectory).orElse(null));
  }

  public static RawStore readOnly(Path storeDirectory, SecretBytes masterKey)
      throws RocksDBException {
    return new RawStore(storeDirectory, true, masterKey);
  }

  /** The master key of the home holding the store, if the test passphrase unlocks it. */
  private static Optional<SecretBytes> testHomeKey(Path storeDirectory) {
    HomeFiles files = new HomeFiles(storeDirectory.toAbsolutePath().getParent());
    if (!Files.exists(files.keystore())) {
      return Optional.empty();
    }
    try (UnlockedKeys keys = Keystores.unlock(files, TestHomes.passphrase())) {
      return Optional.of(SecretBytes.copyOf(keys.masterKey().exposeSecret()));
    } catch (TendException e) {
      return Optional.empty();
    }
  }

  /** The name RocksDB keeps for the family the code calls {@code family}. */
  public String diskName(String family) {
    handle(family);
    return diskNames.get(family);
  }

  public List<String> familyNames() {
    return List.copyOf(families.keySet());
  }

  /** Every key and value of every column family, the default one included. */
  public List<KeyValue> dump() {
    List<KeyValue> all = new ArrayList<>();
    families.forEach((name, handle) -> {
      try (RocksIterator it = db.newIterator(handle)) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          all.add(new KeyValue(name, it.key(), it.value()));
        }
      }
    });
    return all;
  }

  public byte[] get(String family, byte[] key) throws RocksDBException {
    return db.get(handle(family), key);
  }

  public void put(String family, byte[] key, byte[] value) throws RocksDBException {
    db.put(handle(family), key, value);
  }

  public void delete(String family, byte[] key) throws RocksDBException {
    db.delete(handle(family), key);
  }

  private ColumnFamilyHandle handle(String family) {
    ColumnFamilyHandle handle = families.get(family);
    if (handle == null) {
      throw new IllegalArgumentException("no column family " + family + " in " + families.keySet());
    }
    return handle;
  }

  @Override
  public void close() {
    families.values().forEach(ColumnFamilyHandle::close);
    db.close();
    options.close();
  }
}
