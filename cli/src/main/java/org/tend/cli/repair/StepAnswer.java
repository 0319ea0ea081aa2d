package org.tend.cli.repair;

import java.util.Optional;
import org.tend.node.api.journal.EntryDetails;

/** What the member wrote for one step; saved only when it holds something. */
record StepAnswer(String text, Optional<EntryDetails> details) {
  boolean isEmpty() {
    return text.isBlank() && details.isEmpty();
  }
}
