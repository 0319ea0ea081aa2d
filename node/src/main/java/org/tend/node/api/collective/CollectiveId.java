package org.tend.node.api.collective;

import java.util.HexFormat;
import java.util.regex.Pattern;

/** A collective's identifier: 16 random bytes chosen by its founder, written as 32 hex digits. */
public record CollectiveId(String hex) {
  /** Length of the identifier in bytes. */
  public static final int LENGTH = 16;
  private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

  public CollectiveId {
    if (!FORMAT.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a collective id: " + hex);
    }
  }

  /** @throws IllegalArgumentException unless {@code bytes} is {@link #LENGTH} bytes */
  public static CollectiveId of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a collective id is " + LENGTH + " bytes");
    }
    return new CollectiveId(HexFormat.of().formatHex(bytes));
  }

  public byte[] bytes() {
    return HexFormat.of().parseHex(hex);
  }

  @Override
  public String toString() {
    return hex;
  }
}
