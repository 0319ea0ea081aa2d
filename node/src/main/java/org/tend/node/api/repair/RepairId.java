package org.tend.node.api.repair;

import java.util.regex.Pattern;

/** Identifies one repair: 16 random bytes in lowercase hex. */
public record RepairId(String hex) {
  private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

  public RepairId {
    if (!FORMAT.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a repair id: " + hex);
    }
  }

  public String shortForm() {
    return hex.substring(0, 8);
  }

  @Override
  public String toString() {
    return shortForm();
  }
}
