package org.tend.node.backup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Sha256;

/**
 * A backup archive: the magic bytes, a length-delimited {@code BackupHeader} in the clear
 * (format, the home's keystore as stored, a random salt), then length-delimited {@code Sealed}
 * chunks. Each chunk's associated data binds the header's hash, the chunk's index and whether it
 * is the last, so reordering, dropping, truncating or appending chunks all fail authentication.
 */
final class ArchiveFormat {
  static final byte[] MAGIC = "TENDBAK1".getBytes(StandardCharsets.US_ASCII);
  static final int FORMAT = 1;
  static final int SALT_LENGTH = 16;
  /** Records are grouped into chunks of about this many bytes. */
  static final int CHUNK_BYTES = 1 << 20;
  /** A chunk larger than this is refused before it is read. */
  static final int MAX_SEALED_CHUNK_BYTES = 64 << 20;

  private ArchiveFormat() {}

  static byte[] chunkAssociatedData(byte[] headerBytes, long index, boolean last) {
    return Labels.bind(Labels.BACKUP_CHUNK, Sha256.hash(Labels.BACKUP_HEADER, headerBytes),
        ByteBuffer.allocate(8).putLong(index).array(), new byte[] {(byte) (last ? 1 : 0)});
  }
}
