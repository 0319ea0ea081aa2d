package org.tend.node.api.journal;

import java.util.regex.Pattern;

/**
 * Identifies one journal entry (one revision): 16 random bytes in lowercase hex. Ids carry no
 * time, kind or order, so the store's keys reveal nothing.
 */
public record EntryId(String hex) {
  private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

  public EntryId {
    if (!FORMAT.matcher(hex).matches()) {
      throw new IllegalArgumentException("not an entry id: " + hex);
    }
  }

  /** The first eight characters, enough to name an entry on the command line. */
  public String shortForm() {
    return hex.substring(0, 8);
  }

  @Override
  public String toString() {
    return shortForm();
  }
}
