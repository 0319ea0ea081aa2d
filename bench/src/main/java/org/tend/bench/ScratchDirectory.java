package org.tend.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Throwaway directories for benchmark homes and raw databases, under {@code java.io.tmpdir}. */
final class ScratchDirectory {
  private ScratchDirectory() {}

  static Path create(String purpose) throws IOException {
    return Files.createTempDirectory("tend-bench-" + purpose + "-");
  }

  /** Deletes the directory and everything in it; a missing directory is not an error. */
  static void delete(Path directory) {
    if (directory == null || !Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + directory, e);
    }
  }
}
