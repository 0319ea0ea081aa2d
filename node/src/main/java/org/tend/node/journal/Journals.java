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
  private Journals() {}

  public static Journal open(Store store, SecretBytes masterKey, Clock clock,
      Randomness randomness) {
    try (SecretBytes indexKey = Hkdf.deriveKey(masterKey, Labels.STORE_INDEX, 32)) {
      return new EncryptedJournal(store, new Sealer(indexKey, Labels.STORE_INDEX, randomness),
          clock, randomness);
    }
  }
}
