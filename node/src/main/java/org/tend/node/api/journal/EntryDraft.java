package org.tend.node.api.journal;

import java.util.Objects;
import java.util.Optional;

/** An entry about to be written. */
public record EntryDraft(EntryKind kind, String text, Optional<EntryDetails> details,
    Optional<RepairLink> repair) {

  /** Longest text one entry may hold, in UTF-8 bytes. */
  public static final int MAX_TEXT_BYTES = 256 * 1024;

  public EntryDraft {
    Objects.requireNonNull(kind, "kind");
    checkText(text);
  }

  /** Checks an entry's text against the size limit. */
  public static void checkText(String text) {
    Objects.requireNonNull(text, "text");
    if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
      throw new IllegalArgumentException(
          "an entry holds at most " + MAX_TEXT_BYTES / 1024 + " KiB of text");
    }
  }

  public static EntryDraft of(EntryKind kind, String text) {
    return new EntryDraft(kind, text, Optional.empty(), Optional.empty());
  }
}
