package org.tend.node.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
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
    Sealer old;
    Sealer next;
    try (SecretBytes oldKey = recordKey(from, column); SecretBytes nextKey = recordKey(to, column)) {
      old = new Sealer(oldKey, Labels.STORE_RECORD, randomness);
      next = new Sealer(nextKey, Labels.STORE_RECORD, randomness);
    }
    return (key, value) -> {
      byte[] plain;
      try {
        plain = old.open(key, value);
      } catch (AuthenticationException e) {
        next.open(key, value);
        return null;
      }
      try {
        byte[] moved = newKey.of(key, plain);
        return new Moved(moved, next.seal(moved, plain));
      } finally {
        Arrays.fill(plain, (byte) 0);
      }
    };
  }

  /**
   * Applies {@code rewrites} to every value of the store in one atomic, synced write, then purges
   * the replaced values from the store's files. Every column needs a rewrite, so a column added
   * later cannot be left under the old key unnoticed.
   *
   * @throws IllegalArgumentException if a column has no rewrite
   */
  public static Outcome apply(Store store, Map<Column, Rewrite> rewrites) throws TendException {
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
    store.write(set);
    store.purgeDeleted();
    return new Outcome(counts[0], counts[1], counts[2]);
  }
}
