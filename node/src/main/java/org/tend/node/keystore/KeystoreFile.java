package org.tend.node.keystore;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.tend.node.api.home.HomeDamagedException;
import org.tend.node.api.home.HomeNotFoundException;
import org.tend.node.api.home.StorageException;
import org.tend.protocol.proto.Keystore;

/**
 * Reads and replaces the keystore file. A replacement is written to a temporary file, synced,
 * renamed over the old one atomically and the directory synced: a crash at any point leaves
 * either the old or the new keystore, whole.
 */
final class KeystoreFile {
  static final int FORMAT = 1;

  private KeystoreFile() {}

  static Keystore read(HomeFiles files) throws HomeNotFoundException, HomeDamagedException {
    try {
      Keystore keystore = Keystore.parseFrom(Files.readAllBytes(files.keystore()));
      if (keystore.getFormat() != FORMAT) {
        throw new HomeDamagedException("This home's keystore has format " + keystore.getFormat()
            + ", which this version of Tend does not know; upgrade Tend to open it.");
      }
      return keystore;
    } catch (NoSuchFileException e) {
      throw new HomeNotFoundException(files.home());
    } catch (InvalidProtocolBufferException e) {
      throw new HomeDamagedException("This home's keystore file is damaged and cannot be read.", e);
    } catch (IOException e) {
      throw new HomeDamagedException("Could not read the keystore: " + e.getMessage(), e);
    }
  }

  static void replace(HomeFiles files, Keystore keystore) throws StorageException {
    Path target = files.keystore();
    Path temporary = target.resolveSibling(target.getFileName() + ".new");
    try {
      try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(keystore.toByteArray());
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        out.force(true);
      }
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new StorageException("This file system cannot replace the keystore atomically.", e);
      }
      syncDirectory(files.home());
    } catch (IOException e) {
      throw new StorageException("Could not write the keystore: " + e.getMessage(), e);
    }
  }

  static void syncDirectory(Path directory) throws IOException {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
