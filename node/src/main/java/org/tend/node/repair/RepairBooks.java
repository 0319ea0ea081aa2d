package org.tend.node.repair;

import java.time.Clock;
import org.tend.node.api.journal.Journal;
import org.tend.node.api.repair.Repairs;
import org.tend.node.store.Column;
import org.tend.node.store.RecordBox;
import org.tend.node.store.Store;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.RepairRecord;

/** Builds the repairs of an unlocked home. */
public final class RepairBooks {
  private RepairBooks() {}

  public static Repairs open(Store store, SecretBytes masterKey, Journal journal, Clock clock,
      Randomness randomness) {
    return new RepairBook(
        new RecordBox<>(store, Column.REPAIRS, masterKey, RepairRecord.parser(), randomness),
        journal, store, clock);
  }
}
