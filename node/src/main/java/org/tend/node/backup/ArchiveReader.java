package org.tend.node.backup;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.tend.node.api.home.BackupDamagedException;
import org.tend.node.api.home.TendException;
import org.tend.node.store.Column;
import org.tend.protocol.crypto.AesGcm;
import org.tend.protocol.crypto.AuthenticationException;
import org.tend.protocol.crypto.Hkdf;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.BackupChunk;
import org.tend.protocol.proto.BackupHeader;
import org.tend.protocol.proto.BackupRecord;
import org.tend.protocol.proto.Sealed;

/** Reads an archive, authenticating every chunk before handing out any of its records. */
public final class ArchiveReader {
  /** Receives the records of one authenticated chunk. */
  public interface ChunkSink {
    void accept(java.util.List<Record> records) throws TendException;
  }

  /** One stored record from the archive, still sealed as it was in the home. */
  public record Record(Column column, byte[] key, byte[] value) {}

  private final Path archive;
  private final byte[] header;
  private final BackupHeader parsedHeader;

  private ArchiveReader(Path archive, byte[] header, BackupHeader parsedHeader) {
    this.archive = archive;
    this.header = header;
    this.parsedHeader = parsedHeader;
  }

  /** Reads the magic bytes and the header; says clearly when the file is no archive at all. */
  public static ArchiveReader open(Path archive) throws TendException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
      readMagic(in);
      BackupHeader parsed = BackupHeader.parseDelimitedFrom(in);
      if (parsed == null || parsed.getFormat() != ArchiveFormat.FORMAT
          || parsed.getArchiveSalt().size() != ArchiveFormat.SALT_LENGTH) {
        throw damaged(archive);
      }
      return new ArchiveReader(archive, parsed.toByteArray(), parsed);
    } catch (NoSuchFileException e) {
      throw new TendException("There is no backup file at " + archive + ".");
    } catch (InvalidProtocolBufferException e) {
      throw damaged(archive);
    } catch (IOException e) {
      throw new TendException("Could not read " + archive + ": " + e.getMessage(), e);
    }
  }

  public byte[] keystore() {
    return parsedHeader.getKeystore().toByteArray();
  }

  /**
   * Authenticates every chunk in order and passes each chunk's records to {@code sink}. Fails
   * on the first damaged, reordered or missing chunk, or on anything after the last one.
   *
   * @return the number of records read
   */
  public long read(SecretBytes masterKey, ChunkSink sink) throws TendException {
    long records = 0;
    try (SecretBytes chunkKey = Hkdf.deriveKey(masterKey, Labels.BACKUP_CHUNK,
            parsedHeader.getArchiveSalt().toByteArray(), 32);
        InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
      AesGcm aead = AesGcm.withKey(chunkKey);
      readMagic(in);
      BackupHeader.parseDelimitedFrom(in);
      for (long index = 0; ; index++) {
        Sealed sealed = readChunk(in);
        OpenedChunk chunk = open(aead, sealed, index).orElseThrow(() -> damaged(archive));
        java.util.List<Record> batch = new java.util.ArrayList<>();
        for (BackupRecord record : chunk.chunk().getRecordsList()) {
          batch.add(new Record(column(record.getColumn()), record.getKey().toByteArray(),
              record.getValue().toByteArray()));
        }
        sink.accept(batch);
        records += batch.size();
        if (chunk.last()) {
          if (in.read() != -1) {
            throw damaged(archive);
          }
          return records;
        }
      }
    } catch (IOException e) {
      throw damaged(archive);
    }
  }

  private Sealed readChunk(InputStream in) throws IOException, TendException {
    int first = in.read();
    if (first == -1) {
      throw damaged(archive); // truncated: the last chunk never came
    }
    int size = CodedInputStream.readRawVarint32(first, in);
    if (size < 0 || size > ArchiveFormat.MAX_SEALED_CHUNK_BYTES) {
      throw damaged(archive);
    }
    byte[] bytes = in.readNBytes(size);
    if (bytes.length != size) {
      throw damaged(archive);
    }
    Sealed sealed = Sealed.parseFrom(bytes);
    if (sealed.getNonce().size() != AesGcm.NONCE_LENGTH) {
      throw damaged(archive);
    }
    return sealed;
  }

  private record OpenedChunk(BackupChunk chunk, boolean last) {}

  /** Opens a chunk as either a middle or the last chunk; the flag is bound in its tag. */
  private Optional<OpenedChunk> open(AesGcm aead, Sealed sealed, long index) throws IOException {
    for (boolean last : new boolean[] {false, true}) {
      try {
        byte[] plain = aead.decrypt(sealed.getNonce().toByteArray(),
            sealed.getCiphertext().toByteArray(),
            ArchiveFormat.chunkAssociatedData(header, index, last));
        return Optional.of(new OpenedChunk(BackupChunk.parseFrom(plain), last));
      } catch (AuthenticationException e) {
        // try the other flag
      }
    }
    return Optional.empty();
  }

  private Column column(String name) throws TendException {
    return Arrays.stream(Column.values()).filter(c -> c.familyName().equals(name)).findFirst()
        .orElseThrow(() -> damaged(archive));
  }

  private static void readMagic(InputStream in) throws IOException, TendException {
    byte[] magic = in.readNBytes(ArchiveFormat.MAGIC.length);
    if (!Arrays.equals(magic, ArchiveFormat.MAGIC)) {
      throw new TendException("This file is not a Tend backup archive.");
    }
  }

  private static TendException damaged(Path archive) {
    return new BackupDamagedException(archive);
  }
}
