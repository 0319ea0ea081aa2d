package org.tend.node.journal;

import java.util.HexFormat;

/** Lowercase hex for ids. */
final class Hex {
  private static final HexFormat FORMAT = HexFormat.of();

  private Hex() {}

  static String encode(byte[] bytes) {
    return FORMAT.formatHex(bytes);
  }

  static byte[] decode(String hex) {
    return FORMAT.parseHex(hex);
  }
}
