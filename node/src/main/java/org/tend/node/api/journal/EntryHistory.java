package org.tend.node.api.journal;

import java.util.List;

/** An entry's latest revision with every earlier one, oldest first. */
public record EntryHistory(Entry latest, List<Entry> earlier) {
  public EntryHistory {
    earlier = List.copyOf(earlier);
  }
}
