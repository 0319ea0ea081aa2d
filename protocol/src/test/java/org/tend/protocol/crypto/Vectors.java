package org.tend.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads test vector files (shared by the crypto and Noise tests) from {@code src/test/resources/vectors/}. */
public final class Vectors {

  private Vectors() {
  }

  public static String resource(String name) {
    try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
      assertNotNull(in, "missing vector file " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a text vector file: blocks separated by blank lines, {@code key = value} lines,
   * indented lines continuing the previous value, {@code #} comments.
   */
  public static List<Map<String, String>> blocks(String name) {
    List<Map<String, String>> blocks = new ArrayList<>();
    Map<String, String> current = new LinkedHashMap<>();
    String lastKey = null;
    for (String line : resource(name).split("\n", -1)) {
      if (line.startsWith("#")) {
        continue;
      }
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          blocks.add(current);
          current = new LinkedHashMap<>();
        }
        lastKey = null;
      } else if (Character.isWhitespace(line.charAt(0))) {
        current.merge(lastKey, line.trim(), String::concat);
      } else {
        int eq = line.indexOf('=');
        lastKey = line.substring(0, eq).trim();
        current.put(lastKey, line.substring(eq + 1).trim());
      }
    }
    if (!current.isEmpty()) {
      blocks.add(current);
    }
    return blocks;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> json(String name) {
    return (Map<String, Object>) Json.parse(resource(name));
  }

  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> list(Map<String, Object> object, String key) {
    return (List<Map<String, Object>>) object.get(key);
  }

  public static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  public static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
