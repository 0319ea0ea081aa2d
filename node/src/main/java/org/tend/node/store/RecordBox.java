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
import org.tend.node.api.home.TendException;
import org.tend.protocol.crypto.AuthenticationException;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;

/**
 * Sealed protobuf records of one column, keyed by random ids, under a key of their own derived
 * from the master key and the column's name. Used for small collections such as repairs and
 * crisis resources.
 */
public final class RecordBox<M extends MessageLite> {
  public static final int ID_LENGTH = 16;
  private static final HexFormat HEX = HexFormat.of();

  private final Store store;
  private final Column column;
  private final Sealer sealer;
  private final Parser<M> parser;
  private final Randomness randomness;

  public RecordBox(Store store, Column column, SecretBytes masterKey, Parser<M> parser,
      Randomness randomness) {
    this.store = store;
    this.column = column;
    this.parser = parser;
    this.randomness = randomness;
    try (SecretBytes key = Reseal.recordKey(masterKey, column)) {
      this.sealer = new Sealer(key, Labels.STORE_RECORD, randomness);
    }
  }

  /** A record with its id in lowercase hex. */
  public record Stored<M>(String id, M message) {}

  public String newId() {
    return HEX.formatHex(randomness.bytes(ID_LENGTH));
  }

  public void put(String id, M message) throws TendException {
    byte[] key = HEX.parseHex(id);
    store.write(new WriteSet().put(column, key, sealer.seal(key, message.toByteArray())));
  }

  /** Adds the sealed record to {@code set}, to be written with others in one batch. */
  public WriteSet stage(WriteSet set, String id, M message) {
    byte[] key = HEX.parseHex(id);
    return set.put(column, key, sealer.seal(key, message.toByteArray()));
  }

  /** Adds the record's deletion to {@code set}. */
  public WriteSet stageDelete(WriteSet set, String id) {
    return set.delete(column, HEX.parseHex(id));
  }

  public void delete(String id) throws TendException {
    store.write(new WriteSet().delete(column, HEX.parseHex(id)));
    store.purgeDeleted();
  }

  public Optional<M> get(String id) throws TendException {
    byte[] key = HEX.parseHex(id);
    Optional<byte[]> stored = store.get(column, key);
    return stored.isEmpty() ? Optional.empty() : Optional.of(open(key, stored.get()));
  }

  /**
   * Every record that opens. A damaged record is left out rather than hiding all the others;
   * {@link #get} names it when asked for directly.
   */
  public List<Stored<M>> all() throws TendException {
    List<Stored<M>> out = new ArrayList<>();
    store.forEach(column, (key, value) -> {
      try {
        out.add(new Stored<>(HEX.formatHex(key), open(key, value)));
      } catch (TendException e) {
        // left out; see above
      }
    });
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
    try {
      return parser.parseFrom(sealer.open(key, value));
    } catch (AuthenticationException | InvalidProtocolBufferException e) {
      throw new HomeDamagedException("A stored " + column.familyName() + " record ("
          + HEX.formatHex(key).substring(0, 8) + ") is damaged or was altered on disk.");
    }
  }
}
