package org.tend.node.api.journal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of journal entry, following the rupture-and-repair practice. */
public enum EntryKind {
  CHECK_IN("check-in"),
  RUPTURE("rupture"),
  NEED("need"),
  STABILISATION("stabilisation"),
  HONOURING("honouring"),
  REFLECTION("reflection"),
  RE_ENGAGEMENT("re-engagement"),
  RECONNECTION("reconnection"),
  PATTERN_NOTE("pattern-note"),
  NOTE("note");

  private final String label;

  EntryKind(String label) {
    this.label = label;
  }

  /** The name members type and see, such as {@code check-in}. */
  public String label() {
    return label;
  }

  /** Parses a label, accepting the American spelling and underscores too. */
  public static Optional<EntryKind> parse(String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace("ization", "isation");
    return Arrays.stream(values()).filter(k -> k.label.equals(wanted)).findFirst();
  }
}
