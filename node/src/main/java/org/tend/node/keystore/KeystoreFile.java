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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.tend.node.api.home.HomeDamagedException;
import org.tend.node.api.home.HomeNotFoundException;
import org.tend.node.api.home.StorageException;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.proto.Keystore;

/**
 * Reads and replaces the keystore file. A replacement is written to a temporary file, synced,
 * renamed over the old one atomically and the directory synced: a crash at any point leaves
 * either the old or the new keystore, whole. The replaced file's contents are then overwritten
 * in place, so the old wrapped master key does not linger in the file system's free blocks.
 */
final class KeystoreFile {
  static final int FORMAT = 1;

  private KeystoreFile() {}

  static Keystore read(HomeFiles files) throws HomeNotFoundException, HomeDamagedException {
    try {
      byte[] bytes = Files.readAllBytes(files.keystore());
      Keystore keystore = Keystore.parseFrom(bytes);
      // Every keystore Tend ever wrote names its format; none has format 0, which is what an
      // empty or zeroed file parses as. Only a larger number is a newer Tend's keystore.
      if (keystore.getFormat() < FORMAT) {
        throw new HomeDamagedException(bytes.length == 0
            ? "This home's keystore file is empty (" + files.keystore() + "), so its identity"
                + " and the key to its journal are gone from it. Restore the home from a backup."
            : "This home's keystore file is damaged and cannot be read (" + files.keystore()
                + "). Restore the home from a backup.");
      }
      if (keystore.getFormat() != FORMAT) {
        throw new HomeDamagedException("This home's keystore has format " + keystore.getFormat()
            + ", which this version of Tend does not know; upgrade Tend to open it.");
      }
      return keystore;
    } catch (NoSuchFileException e) {
      throw new HomeNotFoundException(files.home());
    } catch (InvalidProtocolBufferException e) {
      throw new HomeDamagedException("This home's keystore file is damaged and cannot be read ("
          + files.keystore() + "). Restore the home from a backup.", e);
    } catch (IOException e) {
      throw new HomeDamagedException("Could not read the keystore: " + e.getMessage(), e);
    }
  }

  static void replace(HomeFiles files, Keystore keystore) throws StorageException {
    try {
      replace(files.keystore(), keystore.toByteArray());
    } catch (IOException e) {
      throw new StorageException("Could not write the keystore: " + e.getMessage(), e);
    }
  }

  /**
   * Puts {@code contents} at {@code target} atomically and durably, then overwrites what the
   * target held before with random bytes.
   */
  static void replace(Path target, byte[] contents) throws IOException {
    Path temporary = target.resolveSibling(target.getFileName() + ".new");
    try (FileChannel out = openPrivate(temporary)) {
      write(out, ByteBuffer.wrap(contents));
      out.force(true);
    }
    // A handle on the old file's inode outlives the rename: its blocks can still be reached.
    Optional<FileChannel> old = openExisting(target);
    try {
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("This file system cannot replace the keystore atomically.", e);
      }
      syncDirectory(target.getParent());
      if (old.isPresent()) {
        overwrite(old.get());
      }
    } finally {
      if (old.isPresent()) {
        old.get().close();
      }
    }
  }

  /** Overwrites {@code file} with random bytes, syncs it, and removes it; absent is fine. */
  static void destroy(Path file) throws IOException {
    Optional<FileChannel> channel = openExisting(file);
    if (channel.isEmpty()) {
      return;
    }
    try (FileChannel open = channel.get()) {
      overwrite(open);
    }
    Files.deleteIfExists(file);
  }

  static void syncDirectory(Path directory) throws IOException {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  /** Owner-only from creation on, so no other user ever gets a chance to read it. */
  private static FileChannel openPrivate(Path path) throws IOException {
    Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    try {
      FileChannel channel = FileChannel.open(path, options,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      // A file left by an interrupted write keeps the mode it was created with.
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
      return channel;
    } catch (UnsupportedOperationException e) {
      return FileChannel.open(path, options); // no POSIX modes on this file system
    }
  }

  private static Optional<FileChannel> openExisting(Path file) throws IOException {
    try {
      return Optional.of(FileChannel.open(file, StandardOpenOption.WRITE));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private static void overwrite(FileChannel channel) throws IOException {
    int size = (int) Math.max(channel.size(), 1);
    ByteBuffer noise = ByteBuffer.wrap(Randomness.secure().bytes(size));
    while (noise.hasRemaining()) {
      channel.write(noise, noise.position());
    }
    channel.force(true);
  }

  private static void write(FileChannel out, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
  }
}
