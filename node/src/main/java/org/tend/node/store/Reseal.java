package org.tend.node.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.tend.node.api.home.TendException;
import org.tend.protocol.crypto.AuthenticationException;
import org.tend.protocol.crypto.Hkdf;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;

/**
 * Moves every value of a store from keys derived from one master key to keys derived from
 * another, in one atomic write: after a crash the store is wholly under the old or wholly under
 * the new master key. A rewrite is idempotent, so an interrupted change can run it again: a
 * value that already opens under the new key stays as it is.
 */
public final class Reseal {
  /** How one column's values move to the new master key. */
  @FunctionalInterface
  public interface Rewrite {
    /**
     * The value under the new master key, at its (possibly new) record key; {@code null} when the
     * value already opens under the new key.
     *
     * @throws AuthenticationException if the value opens under neither key (it was damaged)
     */
    Moved rewrite(byte[] key, byte[] value) throws AuthenticationException;
  }

  /** A value re-sealed under the new master key, at {@code key}. */
  public record Moved(byte[] key, byte[] value) {}

  /** What a rewrite did: values moved, values already under the new key, damaged values left. */
  public record Outcome(int moved, int alreadyNew, int damaged) {}

  private Reseal() {}

  /** The key of a {@link RecordBox} column, derived from a master key. */
  static SecretBytes recordKey(SecretBytes masterKey, Column column) {
    return Hkdf.deriveKey(masterKey, Labels.STORE_RECORD,
        column.familyName().getBytes(StandardCharsets.UTF_8), 32);
  }

  /** Where a record belongs under the new master key, given its plaintext. */
  @FunctionalInterface
  public interface NewKey {
    /** @throws AuthenticationException if the plaintext does not say (the record is damaged) */
    byte[] of(byte[] key, byte[] plaintext) throws AuthenticationException;
  }

  /**
   * The rewrite of a {@link RecordBox} column whose record keys do not depend on the master key
   * (random ids). Holds derived keys: use it within the rotation and forget it.
   */
  public static Rewrite recordBox(Column column, SecretBytes from, SecretBytes to,
      Randomness randomness) {
    return recordBox(column, from, to, randomness, (key, plaintext) -> key);
  }

  /** The rewrite of a {@link RecordBox} column whose records move to {@code newKey}. */
  public static Rewrite recordBox(Column column, SecretBytes from, SecretBytes to,
      Randomness randomness, NewKey newKey) {
    return sealed(column, List.of(Labels.STORE_RECORD), from, to, randomness, newKey);
  }

  /**
   * The rewrite of a guarded {@link RecordBox} column ({@link RecordBox#guarded}). Each record
   * keeps the seal it had, guarded or not yet: a home that was never opened since columns were
   * guarded is guarded at its next open, and its ledger, whose digests are of plaintexts, stays
   * true as it is.
   */
  public static Rewrite guardedBox(Column column, SecretBytes from, SecretBytes to,
      Randomness randomness, NewKey newKey) {
    return sealed(column, List.of(Labels.STORE_GUARDED_RECORD, Labels.STORE_RECORD),
        from, to, randomness, newKey);
  }

  /** The rewrite of the guarded columns' ledgers, which stay at their keys. */
  public static Rewrite ledgers(SecretBytes from, SecretBytes to, Randomness randomness) {
    return sealed(Column.LEDGERS, List.of(Labels.STORE_LEDGER), from, to,
        randomness, (key, plaintext) -> key);
  }

  private static Rewrite sealed(Column column, List<String> labels,
      SecretBytes from, SecretBytes to, Randomness randomness, NewKey newKey) {
    List<Sealer> old = new ArrayList<>();
    List<Sealer> next = new ArrayList<>();
    try (SecretBytes oldKey = recordKey(from, column); SecretBytes nextKey = recordKey(to, column)) {
      for (String label : labels) {
        old.add(new Sealer(oldKey, label, randomness));
        next.add(new Sealer(nextKey, label, randomness));
      }
    }
    return (key, value) -> {
      for (int i = 0; i < old.size(); i++) {
        byte[] plain;
        try {
          plain = old.get(i).open(key, value);
        } catch (AuthenticationException e) {
          continue;
        }
        try {
          byte[] moved = newKey.of(key, plain);
          return new Moved(moved, next.get(i).seal(moved, plain));
        } finally {
          Arrays.fill(plain, (byte) 0);
        }
      }
      for (Sealer sealer : next) {
        try {
          sealer.open(key, value);
          return null;
        } catch (AuthenticationException e) {
          // try the next seal
        }
      }
      throw new AuthenticationException();
    };
  }

  /**
   * Applies {@code rewrites} to every value of the store in one atomic, synced write, and seals
   * the store's family names under {@code to} (see {@link FamilyNames}), then purges
   * the replaced values from the store's files. Every column needs a rewrite, so a column added
   * later cannot be left under the old key unnoticed.
   *
   * @throws IllegalArgumentException if a column has no rewrite
   */
  public static Outcome apply(Store store, SecretBytes to, Map<Column, Rewrite> rewrites)
      throws TendException {
    Map<Column, Rewrite> all = new EnumMap<>(rewrites);
    for (Column column : Column.values()) {
      if (!all.containsKey(column)) {
        throw new IllegalArgumentException("no re-sealing for column " + column.familyName());
      }
    }
    WriteSet set = new WriteSet();
    int[] counts = new int[3];
    for (Column column : Column.values()) {
      Rewrite rewrite = all.get(column);
      store.forEach(column, (key, value) -> {
        Moved moved;
        try {
          moved = rewrite.rewrite(key, value);
        } catch (AuthenticationException e) {
          // Damaged before the change: it opened under no key then and opens under none now.
          counts[2]++;
          return;
        }
        if (moved == null) {
          counts[1]++;
          return;
        }
        if (!Arrays.equals(moved.key(), key)) {
          set.delete(column, key);
        }
        set.put(column, moved.key(), moved.value());
        counts[0]++;
      });
    }
    // The store was opened under either key, so the names may be re-sealed first, on their own.
    store.resealFamilyNames(to);
    store.write(set);
    store.purgeDeleted();
    return new Outcome(counts[0], counts[1], counts[2]);
  }
}
