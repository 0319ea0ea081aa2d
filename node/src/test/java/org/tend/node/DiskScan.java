package org.tend.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Searches the raw bytes of every file under a directory, whatever the file is. */
public final class DiskScan {
  private DiskScan() {}

  /** Names (relative to {@code root}) of the files whose bytes contain {@code needle}. */
  public static List<String> filesContaining(Path root, byte[] needle) {
    List<String> found = new ArrayList<>();
    for (Path file : files(root)) {
      if (indexOf(read(file), needle) >= 0) {
        found.add(root.relativize(file).toString());
      }
    }
    return found;
  }

  /**
   * Which of {@code texts} appear anywhere under {@code root} as UTF-8, UTF-16LE or UTF-16BE,
   * each reported with the file and encoding it was found in.
   */
  public static List<String> textsFound(Path root, List<String> texts) {
    List<String> found = new ArrayList<>();
    List<Path> files = files(root);
    for (Path file : files) {
      byte[] bytes = read(file);
      for (String text : texts) {
        for (var charset : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE,
            StandardCharsets.UTF_16BE)) {
          if (indexOf(bytes, text.getBytes(charset)) >= 0) {
            found.add(text + " as " + charset + " in " + root.relativize(file));
          }
        }
      }
    }
    return found;
  }

  /** Every regular file under {@code root}. */
  public static List<Path> files(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static int indexOf(byte[] haystack, byte[] needle) {
    if (needle.length == 0) {
      return 0;
    }
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (haystack[i] != needle[0]) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
