package org.tend.node.api.repair;

import java.util.List;
import org.tend.node.api.home.TendException;
import org.tend.node.api.journal.Entry;
import org.tend.node.api.journal.EntryDetails;
import java.util.Optional;

/**
 * The member's own part of repairs. Each answered step is saved as a journal entry linked to
 * the repair; skipping a step saves nothing about it.
 */
public interface Repairs {

  Repair begin(String title) throws TendException;

  /** Saves the answer to {@code step} and moves the repair past it. */
  Entry answer(RepairId repair, RepairStep step, String text, Optional<EntryDetails> details)
      throws TendException;

  /** Moves past {@code step} without saving anything for it. */
  Repair skip(RepairId repair, RepairStep step) throws TendException;

  Repair get(RepairId repair) throws TendException;

  /** Every repair, most recently begun first. */
  List<Repair> list() throws TendException;

  Repair close(RepairId repair, RepairStatus outcome) throws TendException;

  /**
   * Deletes the repair and every step saved for it, for good, as the journal deletes an entry.
   * The steps go first: a crash part way leaves the repair with fewer steps, to delete again.
   */
  void delete(RepairId repair) throws TendException;

  /** Finds the one repair whose id starts with {@code prefix}. */
  RepairId resolve(String prefix) throws TendException;
}
