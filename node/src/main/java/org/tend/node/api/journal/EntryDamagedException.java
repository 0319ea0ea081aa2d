package org.tend.node.api.journal;

import org.tend.node.api.home.TendException;

/** An entry's stored value failed authentication: it was altered or damaged on disk. */
public final class EntryDamagedException extends TendException {
  private final EntryId entry;

  public EntryDamagedException(EntryId entry) {
    super("Journal entry " + entry.shortForm() + " is damaged or was altered on disk and cannot"
        + " be read; every other entry is unaffected.");
    this.entry = entry;
  }

  public EntryId entry() {
    return entry;
  }
}
