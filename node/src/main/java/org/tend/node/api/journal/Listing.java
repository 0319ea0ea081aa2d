package org.tend.node.api.journal;

import java.util.List;

/**
 * Latest revisions, newest first, and the ids of entries that failed authentication and were
 * left out (so one damaged value never hides the rest).
 */
public record Listing(List<Entry> entries, List<EntryId> unreadable) {
  public Listing {
    entries = List.copyOf(entries);
    unreadable = List.copyOf(unreadable);
  }
}
