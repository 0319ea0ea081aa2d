package org.tend.node;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * A home's store opened with RocksDB's own API, bypassing the node: to see exactly what is on
 * disk, and to damage it. Opens every column family the database lists.
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

  private RawStore(Path directory, boolean readOnly) throws RocksDBException {
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
    for (int i = 0; i < names.size(); i++) {
      families.put(new String(names.get(i), StandardCharsets.UTF_8), handles.get(i));
    }
  }

  public static RawStore readOnly(Path storeDirectory) throws RocksDBException {
    return new RawStore(storeDirectory, true);
  }

  public static RawStore writable(Path storeDirectory) throws RocksDBException {
    return new RawStore(storeDirectory, false);
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
