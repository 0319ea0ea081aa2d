package org.tend.node.patterns;

import java.time.Clock;
import org.tend.node.api.journal.Journal;
import org.tend.node.api.patterns.Patterns;
import org.tend.node.api.repair.Repairs;

/** Builds the pattern view of an unlocked home. */
public final class PatternsFactory {
  private PatternsFactory() {}

  public static Patterns create(Journal journal, Repairs repairs, Clock clock) {
    return new JournalPatterns(journal, repairs, clock);
  }
}
