package org.tend.node.journal;

import java.time.Clock;
import org.tend.node.api.journal.Journal;
import org.tend.node.store.Sealer;
import org.tend.node.store.Store;
import org.tend.protocol.crypto.Hkdf;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;

/** Builds the journal of an unlocked home. */
public final class Journals {
  static final int INDEX_PADDED_BYTES = 96;

  private Journals() {}

  public static Journal open(Store store, SecretBytes masterKey, Clock clock,
      Randomness randomness) {
    try (SecretBytes indexKey = Hkdf.deriveKey(masterKey, Labels.STORE_INDEX, 32)) {
      // An index part frames to 53..91 bytes (amended, in a repair, or neither): padding all to
      // 96 hides which.
      return new EncryptedJournal(store,
          new Sealer(indexKey, Labels.STORE_INDEX, randomness, INDEX_PADDED_BYTES), clock,
          randomness);
    }
  }
}
