package org.tend.node.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;

/**
 * Loads RocksDB's native library from one file per library version in a per-user cache folder.
 *
 * <p>RocksJava's own loader copies the library into the temporary folder under a new name on
 * every start and deletes it only at a clean exit, so each killed or crashed node left 15 MB
 * behind. Here the copy is named by its size and checksum and reused by every later start.
 */
final class NativeLibrary {
  /** Overrides the cache folder; tests use it to stay inside their own temporary folder. */
  static final String DIRECTORY_PROPERTY = "tend.native.dir";

  private NativeLibrary() {}

  static void load() {
    String resource = Environment.getJniLibraryFileName("rocksdb");
    // RocksDB.loadLibrary(paths) looks for the name built from "rocksdbjni", not the name of the
    // library inside the jar; the copy takes the name it looks for.
    String fileName = Environment.getJniLibraryFileName("rocksdbjni");
    try {
      Path folder = cachedCopy(cacheRoot(), resource, fileName);
      RocksDB.loadLibrary(List.of(folder.toString()));
    } catch (IOException | UncheckedIOException | UnsatisfiedLinkError e) {
      // A read-only or odd home folder must not stop the node: fall back to RocksJava's loader.
      RocksDB.loadLibrary();
    }
  }

  static Path cacheRoot() {
    String override = System.getProperty(DIRECTORY_PROPERTY);
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank()
        ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("tend").resolve("native");
  }

  /** The folder holding {@code fileName}, copied from the jar unless an identical copy exists. */
  static Path cachedCopy(Path root, String resource, String fileName) throws IOException {
    String hash = resourceHash(resource);
    Path folder = root.resolve("rocksdb-" + hash);
    Path target = folder.resolve(fileName);
    if (Files.isRegularFile(target)) {
      return folder;
    }
    createPrivate(root);
    createPrivate(folder);
    Path partial = Files.createTempFile(folder, fileName, ".partial");
    try {
      try (InputStream in = resource(resource)) {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      }
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(partial);
    }
    return folder;
  }

  private static void createPrivate(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      return;
    }
    Files.createDirectories(folder);
    try {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the user's own profile folder protects it.
    }
  }

  /** Names a library build; a checksum is enough, since the jar is trusted as the code is. */
  private static String resourceHash(String fileName) throws IOException {
    try (CheckedInputStream in = new CheckedInputStream(resource(fileName), new CRC32())) {
      long size = in.transferTo(OutputStream.nullOutputStream());
      return Long.toHexString(size) + "-" + Long.toHexString(in.getChecksum().getValue());
    }
  }

  private static InputStream resource(String fileName) throws IOException {
    InputStream in = RocksDB.class.getClassLoader().getResourceAsStream(fileName);
    if (in == null) {
      throw new IOException(fileName + " is not in the RocksDB jar");
    }
    return in;
  }
}
