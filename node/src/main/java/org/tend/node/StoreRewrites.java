package org.tend.node;

import java.util.EnumMap;
import java.util.Map;
import org.tend.node.api.home.TendException;
import org.tend.node.journal.Journals;
import org.tend.node.keystore.HomeFiles;
import org.tend.node.keystore.MasterKeyRotation;
import org.tend.node.replication.SealedEventStore;
import org.tend.node.store.Column;
import org.tend.node.store.Reseal;
import org.tend.node.store.Store;
import org.tend.node.store.StoreOptions;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;

/**
 * Re-seals a closed home's whole store under a new master key, column by column, with each
 * column's own key derivation. {@link Reseal#apply} refuses to run if a column is missing here.
 */
final class StoreRewrites {
  private StoreRewrites() {}

  static MasterKeyRotation.StoreRewriter of(HomeFiles files, StoreOptions options,
      Randomness randomness) {
    return (from, to) -> {
      try (Store store = Store.openForReseal(files.store(), options, from, to)) {
        Reseal.apply(store, to, all(from, to, randomness));
      }
    };
  }

  static Map<Column, Reseal.Rewrite> all(SecretBytes from, SecretBytes to,
      Randomness randomness) {
    Map<Column, Reseal.Rewrite> rewrites = new EnumMap<>(Column.class);
    rewrites.put(Column.ENTRIES, Journals.reseal(from, to, randomness));
    for (Column column : new Column[] {Column.REPAIRS, Column.RESOURCES,
        Column.COLLECTIVE_DOCUMENTS, Column.MEMBERSHIPS, Column.ADDRESSES}) {
      rewrites.put(column, Reseal.recordBox(column, from, to, randomness));
    }
    rewrites.put(Column.INVITES, Reseal.guardedBox(Column.INVITES, from, to, randomness,
        (key, plaintext) -> key));
    rewrites.put(Column.LEDGERS, Reseal.ledgers(from, to, randomness));
    rewrites.putAll(SealedEventStore.reseal(from, to, randomness));
    return rewrites;
  }
}
