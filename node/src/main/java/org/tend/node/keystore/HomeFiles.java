package org.tend.node.keystore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalLong;
import java.util.Set;
import org.tend.node.api.home.StorageException;

/** Where things live inside a home directory. */
public record HomeFiles(Path home) {
  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  public Path keystore() {
    return home.resolve("keystore");
  }

  /** Present only while a passphrase change replaces the master key; see KeyRotation. */
  public Path keyRotation() {
    return home.resolve("keystore.rotation");
  }

  public Path store() {
    return home.resolve("store");
  }

  public Path lock() {
    return home.resolve("lock");
  }

  /** The running node's process id, present while `tend up` runs. */
  public Path nodePid() {
    return home.resolve("node.pid");
  }

  /** Output of a node started with `tend up --detach`. */
  public Path nodeLog() {
    return home.resolve("node.log");
  }

  /** The control socket, when its path is short enough for a Unix socket address. */
  public Path controlSocket() {
    return home.resolve("control.sock");
  }

  /** Names the control socket's path when it had to live outside the home. */
  public Path controlSocketRecord() {
    return home.resolve("control.path");
  }

  /**
   * The pid in {@link #nodePid()} if that process is alive. A node killed with SIGKILL leaves
   * the file behind, and its pid may since belong to another process: the home lock, not this
   * file, decides whether the home is in use.
   */
  public OptionalLong livingNodePid() {
    try {
      long pid = Long.parseLong(Files.readString(nodePid(), StandardCharsets.US_ASCII).strip());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent()
          ? OptionalLong.of(pid)
          : OptionalLong.empty();
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * Makes every folder of the home 0700 and every file 0600, on each open: RocksDB creates its
   * files with the process's umask, and a home loosened by hand or copied must not stay open to
   * other users. Symbolic links are left alone, never followed.
   */
  public void restrictToOwner() throws StorageException {
    try {
      Files.walkFileTree(home, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
            throws IOException {
          Files.setPosixFilePermissions(dir, DIRECTORY);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
            throws IOException {
          if (!attrs.isSymbolicLink() && !attrs.isDirectory()) {
            Files.setPosixFilePermissions(file, FILE);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          // A file RocksDB removed while we walked: nothing left to protect.
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (FAT sticks): modes are not kept there at all.
    } catch (IOException e) {
      throw new StorageException("Could not make " + home + " private to you: "
          + e.getMessage(), e);
    }
  }

  public boolean exists() {
    return Files.isRegularFile(keystore());
  }
}
