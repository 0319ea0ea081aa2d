package org.tend.node.api.journal;

import java.time.Instant;
import java.util.Optional;

/**
 * One revision of a journal entry, decrypted. Entries are immutable: an amendment is a new
 * revision whose {@code revises} names the first revision of the chain.
 */
public record Entry(EntryId id, EntryKind kind, Instant createdAt, String text,
    Optional<EntryId> revises, Optional<RepairLink> repair, Optional<EntryDetails> details) {

  /** The id of the chain this revision belongs to: its original entry. */
  public EntryId chain() {
    return revises.orElse(id);
  }
}
