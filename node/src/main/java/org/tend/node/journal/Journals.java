package org.tend.node.journal;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Clock;
import java.util.Arrays;
import org.tend.node.api.journal.Journal;
import org.tend.node.store.Reseal;
import org.tend.node.store.Sealer;
import org.tend.node.store.Store;
import org.tend.protocol.crypto.AuthenticationException;
import org.tend.protocol.crypto.Hkdf;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.StoredEntry;

/** Builds the journal of an unlocked home. */
public final class Journals {
  static final int INDEX_PADDED_BYTES = 96;

  private Journals() {}

  public static Journal open(Store store, SecretBytes masterKey, Clock clock,
      Randomness randomness) {
    return new EncryptedJournal(store, indexSealer(masterKey, randomness), clock, randomness);
  }

  /**
   * Moves entries to a new master key: each index part is re-sealed under the new index key.
   * Bodies stay as they are: their keys are random per entry and live only inside the index
   * part, so after the move only the new master key reaches them.
   */
  public static Reseal.Rewrite reseal(SecretBytes from, SecretBytes to, Randomness randomness) {
    Sealer old = indexSealer(from, randomness);
    Sealer next = indexSealer(to, randomness);
    return (key, value) -> {
      StoredEntry stored;
      try {
        stored = StoredEntry.parseFrom(value);
      } catch (InvalidProtocolBufferException e) {
        throw new AuthenticationException();
      }
      byte[] index;
      try {
        index = old.open(key, stored.getIndex());
      } catch (AuthenticationException e) {
        next.open(key, stored.getIndex());
        return null;
      }
      try {
        return new Reseal.Moved(key, stored.toBuilder()
            .setIndex(next.sealed(key, index))
            .build()
            .toByteArray());
      } finally {
        Arrays.fill(index, (byte) 0);
      }
    };
  }

  private static Sealer indexSealer(SecretBytes masterKey, Randomness randomness) {
    try (SecretBytes indexKey = Hkdf.deriveKey(masterKey, Labels.STORE_INDEX, 32)) {
      // An index part frames to 53..91 bytes (amended, in a repair, or neither): padding all to
      // 96 hides which.
      return new Sealer(indexKey, Labels.STORE_INDEX, randomness, INDEX_PADDED_BYTES);
    }
  }
}
