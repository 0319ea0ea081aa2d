package org.tend.node.store;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tend.node.api.home.StoreDamagedException;
import org.tend.node.api.home.TendException;
import org.tend.protocol.crypto.AuthenticationException;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.crypto.Sha256;
import org.tend.protocol.proto.ColumnLedger;

/**
 * What a guarded column holds now: one digest per record, over its plaintext, in one record of
 * {@link Column#LEDGERS} sealed under the master key. Every change to the column is written in
 * the same atomic write as the new ledger, so a record's older sealed value put back under its
 * key (which its seal alone cannot tell from the current one), a deleted record brought back, or
 * a record removed, no longer matches, and the store refuses it as damaged.
 *
 * <p>It cannot tell a whole column put back together with its ledger, as from a copy of the
 * home: what owns the column checks that against what it cannot roll back (signed events and
 * documents, and peers).
 *
 * <p>Not thread-safe: the owner of the column serialises staging and writing.
 */
final class Ledger {
  private static final HexFormat HEX = HexFormat.of();

  private final Store store;
  private final Column column;
  private final Sealer sealer;
  private final byte[] key;
  /** Record id to the digest of its plaintext, as the ledger on disk says. */
  private Map<String, ByteString> digests;
  private long writes;
  /** Changes staged but not yet written: an id to its new digest, or to null when deleted. */
  private final Map<String, ByteString> pending = new LinkedHashMap<>();

  private Ledger(Store store, Column column, SecretBytes masterKey, Randomness randomness) {
    this.store = store;
    this.column = column;
    try (SecretBytes ledgerKey = Reseal.recordKey(masterKey, Column.LEDGERS)) {
      this.sealer = new Sealer(ledgerKey, Labels.STORE_LEDGER, randomness);
    }
    this.key = keyOf(column);
  }

  /** The ledger's key in {@link Column#LEDGERS}: fixed per column, the same under any master key. */
  static byte[] keyOf(Column column) {
    return Arrays.copyOf(Sha256.hash(Labels.STORE_LEDGER,
        column.familyName().getBytes(StandardCharsets.UTF_8)), RecordBox.ID_LENGTH);
  }

  ByteString digest(byte[] plaintext) {
    return ByteString.copyFrom(Sha256.hash(Labels.STORE_LEDGER,
        column.familyName().getBytes(StandardCharsets.UTF_8), plaintext));
  }

  /**
   * Opens the ledger of {@code column} and checks every record against it. A home written before
   * columns were guarded has records sealed under {@code legacy} and no ledger: they are sealed
   * again under {@code guarded} and counted in a new ledger, in one write (trusting them once, as
   * they are at this first open).
   *
   * @throws StoreDamagedException if a record does not match the ledger, the ledger is missing
   *     while guarded records exist, or a record opens under neither seal
   */
  static Ledger open(Store store, Column column, SecretBytes masterKey, Randomness randomness,
      Sealer guarded, Sealer legacy) throws TendException {
    Ledger ledger = new Ledger(store, column, masterKey, randomness);
    Map<String, ByteString> found = new HashMap<>();
    Map<String, byte[]> unguarded = new LinkedHashMap<>();
    List<String> damaged = new ArrayList<>();
    store.forEach(column, (k, v) -> {
      String id = HEX.formatHex(k);
      try {
        found.put(id, ledger.digest(guarded.open(k, v)));
      } catch (AuthenticationException e) {
        try {
          unguarded.put(id, legacy.open(k, v));
        } catch (AuthenticationException e2) {
          damaged.add(id);
        }
      }
    });
    if (!damaged.isEmpty()) {
      throw ledger.damage("a " + column.familyName() + " record (" + damaged.get(0)
          .substring(0, 8) + ") opens under no key");
    }
    Optional<byte[]> stored = store.get(Column.LEDGERS, ledger.key);
    if (stored.isEmpty()) {
      if (!found.isEmpty()) {
        throw ledger.damage("the ledger of " + column.familyName() + " is missing");
      }
      ledger.digests = new HashMap<>();
      WriteSet set = new WriteSet();
      unguarded.forEach((id, plain) -> {
        byte[] k = HEX.parseHex(id);
        set.put(column, k, guarded.seal(k, plain));
        ledger.pending.put(id, ledger.digest(plain));
      });
      ledger.write(set);
      return ledger;
    }
    if (!unguarded.isEmpty()) {
      throw ledger.damage("a " + column.familyName() + " record (" + unguarded.keySet()
          .iterator().next().substring(0, 8) + ") was sealed before the column was guarded");
    }
    ColumnLedger onDisk = ledger.openLedger(stored.get());
    if (!sorted(found.values()).equals(onDisk.getDigestsList())) {
      throw ledger.damage("the " + column.familyName() + " records differ from their ledger");
    }
    ledger.digests = found;
    ledger.writes = onDisk.getWrites();
    return ledger;
  }

  /** Whether the record {@code id} opened to {@code plaintext} is the one the ledger counts. */
  void check(String id, byte[] plaintext) throws StoreDamagedException {
    ByteString expected = digests.get(id);
    if (expected == null || !expected.equals(digest(plaintext))) {
      throw notLastWritten(id);
    }
  }

  /** Whether the ledger agrees that {@code id} holds no record. */
  void checkAbsent(String id) throws StoreDamagedException {
    if (digests.containsKey(id)) {
      throw damage("a " + column.familyName() + " record (" + id.substring(0, 8)
          + ") was removed");
    }
  }

  StoreDamagedException notLastWritten(String id) {
    return damage("a " + column.familyName() + " record (" + id.substring(0, 8)
        + ") is not the one last written");
  }

  /** Whether exactly the records the ledger counts were read. */
  void checkComplete(int recordsRead) throws StoreDamagedException {
    if (recordsRead != digests.size()) {
      throw damage("the " + column.familyName() + " column holds " + recordsRead
          + " records where its ledger counts " + digests.size());
    }
  }

  void stage(String id, byte[] plaintext) {
    pending.put(id, digest(plaintext));
  }

  void stageDelete(String id) {
    pending.put(id, null);
  }

  /** Writes {@code set} with the ledger that its staged changes make, in one atomic write. */
  void write(WriteSet set) throws TendException {
    if (pending.isEmpty()) {
      store.write(set);
      return;
    }
    Map<String, ByteString> next = new HashMap<>(digests);
    pending.forEach((id, digest) -> {
      if (digest == null) {
        next.remove(id);
      } else {
        next.put(id, digest);
      }
    });
    pending.clear();
    ColumnLedger ledger = ColumnLedger.newBuilder()
        .setColumn(column.familyName())
        .addAllDigests(sorted(next.values()))
        .setWrites(writes + 1)
        .build();
    set.put(Column.LEDGERS, key.clone(), sealer.seal(key, ledger.toByteArray()));
    store.write(set);
    digests = next;
    writes++;
  }

  private ColumnLedger openLedger(byte[] stored) throws StoreDamagedException {
    try {
      ColumnLedger ledger = ColumnLedger.parseFrom(sealer.open(key, stored));
      if (!ledger.getColumn().equals(column.familyName())) {
        throw damage("the ledger of " + column.familyName() + " names another column");
      }
      return ledger;
    } catch (AuthenticationException | InvalidProtocolBufferException e) {
      throw damage("the ledger of " + column.familyName() + " is damaged");
    }
  }

  private static List<ByteString> sorted(java.util.Collection<ByteString> digests) {
    List<ByteString> out = new ArrayList<>(digests);
    out.sort(ByteString.unsignedLexicographicalComparator());
    return out;
  }

  private StoreDamagedException damage(String what) {
    return new StoreDamagedException("The journal store was altered on disk: " + what
        + ". An older copy of part of this home may have been put back. Tend will not act on"
        + " it; restore the whole home from a backup you trust.", null);
  }
}
