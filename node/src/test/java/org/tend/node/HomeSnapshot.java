package org.tend.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every directory and file under a root, by relative name, with each file's size and SHA-256:
 * two snapshots are equal only if nothing was added, removed, renamed or changed.
 */
public record HomeSnapshot(Map<String, String> entries) {

  public static HomeSnapshot of(Path root) {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path path : all.toList()) {
        String name = root.relativize(path).toString();
        if (Files.isDirectory(path)) {
          entries.put(name + "/", "directory");
        } else {
          byte[] bytes = Files.readAllBytes(path);
          entries.put(name, bytes.length + " bytes, sha256 " + sha256(bytes));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new HomeSnapshot(entries);
  }

  /** What changed from this snapshot to {@code later}, one line per name; empty if nothing. */
  public List<String> changesTo(HomeSnapshot later) {
    List<String> changes = new ArrayList<>();
    entries.forEach((name, was) -> {
      String now = later.entries.get(name);
      if (now == null) {
        changes.add("removed " + name);
      } else if (!now.equals(was)) {
        changes.add("changed " + name + ": " + was + " -> " + now);
      }
    });
    later.entries.forEach((name, now) -> {
      if (!entries.containsKey(name)) {
        changes.add("added " + name + " (" + now + ")");
      }
    });
    return changes;
  }

  /** The same snapshot without the entries whose names start with {@code prefix}. */
  public HomeSnapshot without(String prefix) {
    Map<String, String> kept = new TreeMap<>(entries);
    kept.keySet().removeIf(name -> name.startsWith(prefix));
    return new HomeSnapshot(kept);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
