package org.tend.node.backup;

import com.google.protobuf.ByteString;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tend.node.api.home.StorageException;
import org.tend.node.api.home.TendException;
import org.tend.node.store.Column;
import org.tend.node.store.Salvage;
import org.tend.node.store.Store;
import org.tend.protocol.crypto.AesGcm;
import org.tend.protocol.crypto.Hkdf;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.BackupChunk;
import org.tend.protocol.proto.BackupHeader;
import org.tend.protocol.proto.BackupRecord;
import org.tend.protocol.proto.Sealed;

/** Writes an archive of a home: its keystore and every stored record, still sealed. */
public final class ArchiveWriter {
  private ArchiveWriter() {}

  /**
   * Writes the archive beside {@code target} and renames it into place once synced, so a crash
   * never leaves a half archive under the requested name.
   *
   * @return the number of records written
   */
  public static long write(Path target, byte[] keystore, Store store, SecretBytes masterKey,
      Randomness randomness) throws TendException {
    if (Files.exists(target)) {
      throw new TendException("Refusing to overwrite " + target + "; choose a new file name.");
    }
    List<BackupRecord> records = new ArrayList<>();
    for (Column column : Column.values()) {
      store.forEach(column, (key, value) -> records.add(record(column, key, value)));
    }
    return write(target, keystore, records, masterKey, randomness);
  }

  /** Writes an archive of what a damaged store still held, readable by the normal restore. */
  public static long write(Path target, byte[] keystore, Salvage.Result salvaged,
      SecretBytes masterKey, Randomness randomness) throws TendException {
    List<BackupRecord> records = new ArrayList<>();
    for (Salvage.Record r : salvaged.records()) {
      records.add(record(r.column(), r.key(), r.value()));
    }
    return write(target, keystore, records, masterKey, randomness);
  }

  private static BackupRecord record(Column column, byte[] key, byte[] value) {
    return BackupRecord.newBuilder()
        .setColumn(column.familyName())
        .setKey(ByteString.copyFrom(key))
        .setValue(ByteString.copyFrom(value))
        .build();
  }

  private static long write(Path target, byte[] keystore, List<BackupRecord> records,
      SecretBytes masterKey, Randomness randomness) throws TendException {
    if (Files.exists(target)) {
      throw new TendException("Refusing to overwrite " + target + "; choose a new file name.");
    }
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    byte[] salt = randomness.bytes(ArchiveFormat.SALT_LENGTH);
    byte[] header = BackupHeader.newBuilder()
        .setFormat(ArchiveFormat.FORMAT)
        .setKeystore(ByteString.copyFrom(keystore))
        .setArchiveSalt(ByteString.copyFrom(salt))
        .build()
        .toByteArray();
    try (SecretBytes chunkKey = Hkdf.deriveKey(masterKey, Labels.BACKUP_CHUNK, salt, 32);
        FileChannel channel = createPrivate(partial)) {
      OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
      out.write(ArchiveFormat.MAGIC);
      BackupHeader.parseFrom(header).writeDelimitedTo(out);
      AesGcm aead = AesGcm.withKey(chunkKey);
      BackupChunk.Builder chunk = BackupChunk.newBuilder();
      long index = 0;
      long chunkBytes = 0;
      for (int i = 0; i < records.size(); i++) {
        chunk.addRecords(records.get(i));
        chunkBytes += records.get(i).getSerializedSize();
        boolean last = i == records.size() - 1;
        if (last || chunkBytes >= ArchiveFormat.CHUNK_BYTES) {
          writeChunk(out, aead, randomness, header, index++, last, chunk.build());
          chunk.clear();
          chunkBytes = 0;
        }
      }
      if (records.isEmpty()) {
        writeChunk(out, aead, randomness, header, 0, true, chunk.build());
      }
      out.flush();
      channel.force(true);
    } catch (FileAlreadyExistsException e) {
      throw new TendException("A partial archive " + partial + " is in the way; remove it first.");
    } catch (IOException e) {
      deleteQuietly(partial);
      throw new StorageException("Could not write the backup: " + e.getMessage(), e);
    }
    try {
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StorageException("Could not move the backup into place: " + e.getMessage(), e);
    }
    return records.size();
  }

  private static void writeChunk(OutputStream out, AesGcm aead, Randomness randomness,
      byte[] header, long index, boolean last, BackupChunk chunk) throws IOException {
    byte[] nonce = randomness.bytes(AesGcm.NONCE_LENGTH);
    byte[] ciphertext = aead.encrypt(nonce, chunk.toByteArray(),
        ArchiveFormat.chunkAssociatedData(header, index, last));
    Sealed.newBuilder()
        .setFormat(1)
        .setNonce(ByteString.copyFrom(nonce))
        .setCiphertext(ByteString.copyFrom(ciphertext))
        .build()
        .writeDelimitedTo(out);
  }

  /**
   * Creates the archive readable by its owner only: it holds the keystore, open to offline
   * guessing of the passphrase by anyone who can read it.
   */
  private static FileChannel createPrivate(Path path) throws IOException {
    Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    try {
      return FileChannel.open(path, options,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      return FileChannel.open(path, options); // no POSIX modes on this file system
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // The caller reports the original failure.
    }
  }
}
