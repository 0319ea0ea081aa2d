package org.tend.node.journal;

import java.time.Instant;
import java.util.Optional;
import org.tend.node.api.journal.EntryId;
import org.tend.node.api.journal.EntryKind;
import org.tend.node.api.journal.RepairLink;
import org.tend.node.api.repair.RepairId;
import org.tend.node.api.repair.RepairStep;
import org.tend.protocol.proto.IndexRecord;
import org.tend.protocol.proto.Sealed;

/** One entry's decrypted index part with its id, and its body still sealed. */
record IndexedEntry(EntryId id, IndexRecord record, Sealed body) {

  EntryId chain() {
    return record.getRevises().isEmpty() ? id : new EntryId(Hex.encode(record.getRevises().toByteArray()));
  }

  EntryKind kind() {
    return EntryKind.valueOf(record.getKind().name());
  }

  Instant createdAt() {
    return Instant.ofEpochMilli(record.getCreatedAtMillis());
  }

  int revision() {
    return record.getRevision();
  }

  Optional<EntryId> revises() {
    return record.getRevises().isEmpty() ? Optional.empty() : Optional.of(chain());
  }

  Optional<RepairLink> repair() {
    if (record.getRepairId().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RepairLink(new RepairId(Hex.encode(record.getRepairId().toByteArray())),
        RepairStep.valueOf(record.getRepairStep().name())));
  }
}
