package org.tend.node.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import java.util.Set;
import org.tend.node.api.home.StorageException;

/**
 * Owner-only permissions for what the service puts on disk. On a file system without POSIX
 * permissions these do nothing, as {@code tend init} does: the parent directory protects it.
 */
final class OwnerOnly {
  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnly() {}

  /** Takes group and other permissions off a directory; says what they were if it did. */
  static Optional<String> restrictDirectory(Path directory) throws StorageException {
    try {
      Set<PosixFilePermission> now = Files.getPosixFilePermissions(directory);
      if (DIRECTORY.containsAll(now)) {
        return Optional.empty();
      }
      Files.setPosixFilePermissions(directory, DIRECTORY);
      return Optional.of(PosixFilePermissions.toString(now));
    } catch (UnsupportedOperationException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException("Could not make " + directory + " private to you: "
          + e.getMessage(), e);
    }
  }

  static void restrictFile(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, FILE);
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system.
    }
  }

  /** Replaces {@code file} with {@code text}, readable and writable by the owner only. */
  static void writeFile(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } finally {
      if (Files.exists(file)) {
        restrictFile(file);
      }
    }
  }

  /**
   * Creates a directory only {@code owner} can enter, or accepts one left by an earlier run
   * only if it is a real directory (not a link), belongs to {@code owner} and is open to nobody
   * else. In a shared temporary directory anybody could have made it first.
   */
  static void privateDirectory(Path directory, UserPrincipal owner) throws StorageException {
    try {
      try {
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
      } catch (FileAlreadyExistsException e) {
        // Checked below, like the one just made.
      }
      PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isDirectory() || !attributes.owner().equals(owner)
          || !attributes.permissions().equals(DIRECTORY)) {
        throw new StorageException("The control socket's directory " + directory + " is not"
            + " a directory that only you can open (owner " + attributes.owner() + ", "
            + PosixFilePermissions.toString(attributes.permissions()) + "). Remove it, or"
            + " give your home a shorter path.", null);
      }
    } catch (UnsupportedOperationException e) {
      throw new StorageException("Cannot make a private directory for the control socket at "
          + directory + " on this file system; give your home a shorter path.", e);
    } catch (IOException e) {
      throw new StorageException("Could not make the control socket's directory " + directory
          + ": " + e.getMessage(), e);
    }
  }

  /** The OS user this process runs as: the owner of a file it has just made in {@code dir}. */
  static UserPrincipal currentUser(Path dir) throws StorageException {
    Path probe = null;
    try {
      probe = Files.createTempFile(dir, ".owner-", ".tmp");
      return Files.getOwner(probe);
    } catch (IOException e) {
      throw new StorageException("Could not write in " + dir + ": " + e.getMessage(), e);
    } finally {
      if (probe != null) {
        try {
          Files.deleteIfExists(probe);
        } catch (IOException ignored) {
          // An empty file in the member's own home; the next start tries nothing with it.
        }
      }
    }
  }
}
