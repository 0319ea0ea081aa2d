package org.tend.node.api.journal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tend.node.api.home.TendException;

/**
 * The member's private journal. Every method that writes returns only once the write is
 * durable: a member told "saved" never loses the entry to a crash.
 */
public interface Journal {

  Entry write(EntryDraft draft) throws TendException;

  /** Writes several entries in one durable batch: all of them, or none. */
  List<Entry> writeAll(List<EntryDraft> drafts) throws TendException;

  /** Adds a revision with new text to the chain of {@code entry}; the earlier text stays. */
  Entry amend(EntryId entry, String newText) throws TendException;

  /** Latest revisions, newest first, optionally only of one kind and since a time. */
  Listing list(Optional<EntryKind> kind, Optional<Instant> since) throws TendException;

  EntryHistory show(EntryId entry) throws TendException;

  /** Entries whose latest text contains every word of the query, case-insensitively. */
  Listing search(String query) throws TendException;

  /**
   * Deletes the entry with all its revisions and compacts the store, so that nothing that
   * could recover it stays on disk, even for someone holding the passphrase.
   */
  void delete(EntryId entry) throws TendException;

  /** Finds the one entry whose id starts with {@code prefix} (at least four hex characters). */
  EntryId resolve(String prefix) throws TendException;

  /** Every revision written for a repair, oldest first. */
  List<Entry> forRepair(org.tend.node.api.repair.RepairId repair) throws TendException;
}
