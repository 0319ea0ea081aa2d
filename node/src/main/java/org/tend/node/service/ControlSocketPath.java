package org.tend.node.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HexFormat;
import java.util.Optional;
import org.tend.node.api.home.StorageException;
import org.tend.node.keystore.HomeFiles;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Sha256;

/**
 * Where a home's control socket lives: {@code <home>/control.sock} when that path fits in a
 * Unix socket address, otherwise {@code <runtime>/tend-<hash of the home's path>/control.sock}
 * in a private directory, with the chosen path written to {@code <home>/control.path} so that
 * clients, whose environment may differ from the node's, find it.
 */
final class ControlSocketPath {
  /**
   * A socket address holds 108 bytes on Linux and 104 on macOS, the terminating NUL included;
   * staying within both keeps a home usable when it moves between them.
   */
  static final int MAX_BYTES = 103;
  static final String FALLBACK_PREFIX = "tend-";
  static final String SOCKET_NAME = "control.sock";

  private ControlSocketPath() {}

  /** The path a node for {@code files} binds, before anything is created. */
  static Path choose(HomeFiles files, Path runtimeDirectory) throws StorageException {
    if (fits(files.controlSocket())) {
      return files.controlSocket();
    }
    byte[] hash = Sha256.hash(Labels.CONTROL_SOCKET_DIRECTORY,
        files.home().toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
    Path fallback = runtimeDirectory.toAbsolutePath()
        .resolve(FALLBACK_PREFIX + HexFormat.of().formatHex(hash, 0, 8))
        .resolve(SOCKET_NAME);
    if (!fits(fallback)) {
      throw new StorageException("The home's path is too long for a control socket, and so is "
          + fallback + "; set XDG_RUNTIME_DIR to a short directory or move the home.", null);
    }
    return fallback;
  }

  static boolean fits(Path socket) {
    return socket.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length
        <= MAX_BYTES;
  }

  static boolean isFallback(HomeFiles files, Path socket) {
    return !socket.equals(files.controlSocket());
  }

  /** Where a running node's socket should be, if there is a socket file there at all. */
  static Optional<Path> find(HomeFiles files) {
    Path socket = recorded(files).orElse(files.controlSocket());
    return Files.exists(socket, LinkOption.NOFOLLOW_LINKS) ? Optional.of(socket) : Optional.empty();
  }

  static void record(HomeFiles files, Path socket) throws IOException {
    OwnerOnly.writeFile(files.controlSocketRecord(), socket.toAbsolutePath() + "\n");
  }

  /**
   * Removes a socket, its record and its private directory: at a clean stop, and at start for
   * whatever a killed node left. Only socket files are deleted, so a damaged record cannot
   * point this at a member's own file.
   */
  static void remove(HomeFiles files) throws IOException {
    Optional<Path> recorded = recorded(files);
    deleteSocket(files.controlSocket());
    if (recorded.isPresent()) {
      Path socket = recorded.get();
      deleteSocket(socket);
      Path directory = socket.getParent();
      if (directory != null && directory.getFileName().toString().startsWith(FALLBACK_PREFIX)) {
        try (var left = Files.list(directory)) {
          if (left.findAny().isEmpty()) {
            Files.deleteIfExists(directory);
          }
        } catch (NoSuchFileException gone) {
          // Already removed.
        }
      }
    }
    Files.deleteIfExists(files.controlSocketRecord());
  }

  private static Optional<Path> recorded(HomeFiles files) {
    try {
      String text = Files.readString(files.controlSocketRecord(), StandardCharsets.UTF_8).strip();
      Path socket = Path.of(text);
      return socket.isAbsolute() ? Optional.of(socket) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void deleteSocket(Path socket) throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(socket, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      if (attributes.isOther()) {
        Files.deleteIfExists(socket);
      }
    } catch (NoSuchFileException gone) {
      // Nothing to remove.
    }
  }
}
