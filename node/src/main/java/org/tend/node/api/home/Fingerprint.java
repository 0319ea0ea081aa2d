package org.tend.node.api.home;

import java.util.regex.Pattern;

/**
 * A short, human-comparable rendering of a member's signing key: eight groups of four base32
 * characters (160 bits), for reading aloud or comparing on two screens.
 */
public record Fingerprint(String value) {
  private static final Pattern FORMAT = Pattern.compile("([A-Z2-7]{4} ){7}[A-Z2-7]{4}");

  public Fingerprint {
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("not a fingerprint: " + value);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
