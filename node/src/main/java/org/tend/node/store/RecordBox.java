package org.tend.node.store;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import org.tend.node.api.home.HomeDamagedException;
import org.tend.node.api.home.StoreDamagedException;
import org.tend.node.api.home.TendException;
import org.tend.protocol.crypto.AuthenticationException;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;

/**
 * Sealed protobuf records of one column, keyed by random ids, under a key of their own derived
 * from the master key and the column's name. Used for small collections such as repairs and
 * crisis resources.
 *
 * <p>A guarded box ({@link #guarded}) also keeps its column's {@link Ledger}: for records whose
 * older value must never come back (log heads, invites). Its records are checked at open and at
 * every read, and its writes go through {@link #write}.
 */
public final class RecordBox<M extends MessageLite> {
  public static final int ID_LENGTH = 16;
  private static final HexFormat HEX = HexFormat.of();

  private final Store store;
  private final Column column;
  private final Sealer sealer;
  private final Parser<M> parser;
  private final Randomness randomness;
  private final Ledger ledger;

  public RecordBox(Store store, Column column, SecretBytes masterKey, Parser<M> parser,
      Randomness randomness) {
    this.store = store;
    this.column = column;
    this.parser = parser;
    this.randomness = randomness;
    try (SecretBytes key = Reseal.recordKey(masterKey, column)) {
      this.sealer = new Sealer(key, Labels.STORE_RECORD, randomness);
    }
    this.ledger = null;
  }

  private RecordBox(Store store, Column column, SecretBytes masterKey, Parser<M> parser,
      Randomness randomness, boolean guarded) throws TendException {
    this.store = store;
    this.column = column;
    this.parser = parser;
    this.randomness = randomness;
    Sealer legacy;
    try (SecretBytes key = Reseal.recordKey(masterKey, column)) {
      this.sealer = new Sealer(key, Labels.STORE_GUARDED_RECORD, randomness);
      legacy = new Sealer(key, Labels.STORE_RECORD, randomness);
    }
    this.ledger = Ledger.open(store, column, masterKey, randomness, sealer, legacy);
  }

  /**
   * A box whose column is counted in a ledger: opening it checks every record, and refuses
   * ({@link StoreDamagedException}) a record put back from an older copy, brought back after
   * deletion, or removed. Records of a home written before are guarded at this first open.
   * The caller serialises every use of the box.
   */
  public static <M extends MessageLite> RecordBox<M> guarded(Store store, Column column,
      SecretBytes masterKey, Parser<M> parser, Randomness randomness) throws TendException {
    return new RecordBox<>(store, column, masterKey, parser, randomness, true);
  }

  /** A record with its id in lowercase hex. */
  public record Stored<M>(String id, M message) {}

  public String newId() {
    return HEX.formatHex(randomness.bytes(ID_LENGTH));
  }

  public void put(String id, M message) throws TendException {
    write(stage(new WriteSet(), id, message));
  }

  /**
   * Adds the sealed record to {@code set}, to be written with others in one batch: by
   * {@link #write} if this box is guarded, so its ledger changes in the same write.
   */
  public WriteSet stage(WriteSet set, String id, M message) {
    byte[] key = HEX.parseHex(id);
    byte[] plain = message.toByteArray();
    if (ledger != null) {
      ledger.stage(HEX.formatHex(key), plain);
    }
    return set.put(column, key, sealer.seal(key, plain));
  }

  /** Adds the record's deletion to {@code set}. */
  public WriteSet stageDelete(WriteSet set, String id) {
    byte[] key = HEX.parseHex(id);
    if (ledger != null) {
      ledger.stageDelete(HEX.formatHex(key));
    }
    return set.delete(column, key);
  }

  /** Writes {@code set} atomically, with this box's new ledger if it is guarded. */
  public void write(WriteSet set) throws TendException {
    if (ledger == null) {
      store.write(set);
    } else {
      ledger.write(set);
    }
  }

  public void delete(String id) throws TendException {
    write(stageDelete(new WriteSet(), id));
    store.purgeDeleted();
  }

  public Optional<M> get(String id) throws TendException {
    byte[] key = HEX.parseHex(id);
    Optional<byte[]> stored = store.get(column, key);
    if (stored.isEmpty()) {
      if (ledger != null) {
        ledger.checkAbsent(HEX.formatHex(key));
      }
      return Optional.empty();
    }
    return Optional.of(open(key, stored.get()));
  }

  /**
   * Every record that opens. A damaged record is left out rather than hiding all the others;
   * {@link #get} names it when asked for directly.
   */
  public List<Stored<M>> all() throws TendException {
    List<Stored<M>> out = new ArrayList<>();
    List<TendException> refused = new ArrayList<>();
    int[] read = new int[1];
    store.forEach(column, (key, value) -> {
      read[0]++;
      try {
        out.add(new Stored<>(HEX.formatHex(key), open(key, value)));
      } catch (StoreDamagedException e) {
        refused.add(e); // a guarded record: its older value must never be acted on
      } catch (TendException e) {
        // left out; see above
      }
    });
    if (!refused.isEmpty()) {
      throw refused.get(0);
    }
    if (ledger != null) {
      ledger.checkComplete(read[0]);
    }
    return out;
  }

  /** The one id starting with {@code prefix}, if exactly one does. */
  public Optional<String> resolve(String prefix) throws TendException {
    String wanted = prefix.trim().toLowerCase(Locale.ROOT);
    List<String> matches = new ArrayList<>();
    store.forEach(column, (key, value) -> {
      String hex = HEX.formatHex(key);
      if (!wanted.isEmpty() && hex.startsWith(wanted)) {
        matches.add(hex);
      }
    });
    return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
  }

  private M open(byte[] key, byte[] value) throws TendException {
    byte[] plain;
    try {
      plain = sealer.open(key, value);
    } catch (AuthenticationException e) {
      if (ledger != null) {
        throw ledger.notLastWritten(HEX.formatHex(key));
      }
      throw damaged(key);
    }
    if (ledger != null) {
      ledger.check(HEX.formatHex(key), plain);
    }
    try {
      return parser.parseFrom(plain);
    } catch (InvalidProtocolBufferException e) {
      throw damaged(key);
    }
  }

  private HomeDamagedException damaged(byte[] key) {
    return new HomeDamagedException("A stored " + column.familyName() + " record ("
        + HEX.formatHex(key).substring(0, 8) + ") is damaged or was altered on disk.");
  }
}
