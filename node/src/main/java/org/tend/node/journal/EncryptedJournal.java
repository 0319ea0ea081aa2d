package org.tend.node.journal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tend.node.api.home.TendException;
import org.tend.node.api.journal.Entry;
import org.tend.node.api.journal.EntryDamagedException;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryHistory;
import org.tend.node.api.journal.EntryId;
import org.tend.node.api.journal.EntryKind;
import org.tend.node.api.journal.EntryNotFoundException;
import org.tend.node.api.journal.Journal;
import org.tend.node.api.journal.Listing;
import org.tend.node.api.repair.RepairId;
import org.tend.node.store.Column;
import org.tend.node.store.Sealer;
import org.tend.node.store.Store;
import org.tend.node.store.WriteSet;
import org.tend.protocol.crypto.AuthenticationException;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.BodyRecord;
import org.tend.protocol.proto.IndexRecord;
import org.tend.protocol.proto.Sealed;
import org.tend.protocol.proto.StoredEntry;

/**
 * The journal over the encrypted store. Each entry is one value under a random id holding two
 * sealed parts: the index part (kind, time, links and the entry's own random content key)
 * under the index key, and the body (text and details) under the entry's content key.
 * Deleting the entry destroys the only copy of that key.
 */
final class EncryptedJournal implements Journal {
  static final int ID_LENGTH = 16;
  static final int INDEX_FORMAT = 1;
  static final int STORED_FORMAT = 1;

  private final Store store;
  private final Sealer index;
  private final Clock clock;
  private final Randomness randomness;

  EncryptedJournal(Store store, Sealer index, Clock clock, Randomness randomness) {
    this.store = store;
    this.index = index;
    this.clock = clock;
    this.randomness = randomness;
  }

  @Override
  public Entry write(EntryDraft draft) throws TendException {
    return writeAll(List.of(draft)).get(0);
  }

  @Override
  public List<Entry> writeAll(List<EntryDraft> drafts) throws TendException {
    WriteSet set = new WriteSet();
    List<IndexRecord.Builder> records = new ArrayList<>(drafts.size());
    List<BodyRecord> bodies = new ArrayList<>(drafts.size());
    for (EntryDraft draft : drafts) {
      IndexRecord.Builder record = IndexRecord.newBuilder()
          .setKind(org.tend.protocol.proto.EntryKind.valueOf(draft.kind().name()));
      draft.repair().ifPresent(link -> record
          .setRepairId(ByteString.copyFrom(Hex.decode(link.repair().hex())))
          .setRepairStep(org.tend.protocol.proto.RepairStep.valueOf(link.step().name())));
      records.add(record);
      bodies.add(BodyCodec.encode(draft.text(), draft.details()));
    }
    List<Entry> written = put(set, records, bodies);
    store.write(set);
    return written;
  }

  @Override
  public Entry amend(EntryId entry, String newText) throws TendException {
    EntryDraft.checkText(newText);
    Index all = Index.load(store, index);
    List<IndexedEntry> chain = all.chain(find(all, entry).chain());
    IndexedEntry latestIndex = chain.get(chain.size() - 1);
    Entry latest = decrypt(latestIndex);
    IndexRecord.Builder record = latestIndex.record().toBuilder()
        .setRevises(ByteString.copyFrom(Hex.decode(latest.chain().hex())))
        .setRevision(latestIndex.revision() + 1);
    WriteSet set = new WriteSet();
    Entry amended =
        put(set, List.of(record), List.of(BodyCodec.encode(newText, latest.details()))).get(0);
    store.write(set);
    return amended;
  }

  @Override
  public Listing list(Optional<EntryKind> kind, Optional<Instant> since) throws TendException {
    Index all = Index.load(store, index);
    // Opening bodies is independent per entry and most of the cost: spread it over the cores.
    List<Opened> opened = all.latestRevisions().parallelStream()
        .filter(latest -> kind.isEmpty() || latest.kind() == kind.get())
        .filter(latest -> since.isEmpty() || !latest.createdAt().isBefore(since.get()))
        .map(this::tryDecrypt)
        .toList();
    List<Entry> entries = new ArrayList<>(opened.size());
    List<EntryId> unreadable = new ArrayList<>(all.unreadable());
    for (Opened o : opened) {
      o.entry().ifPresentOrElse(entries::add, () -> unreadable.add(o.id()));
    }
    entries.sort(Comparator.comparing(Entry::createdAt).reversed());
    return new Listing(entries, unreadable);
  }

  @Override
  public EntryHistory show(EntryId entry) throws TendException {
    Index all = Index.load(store, index);
    List<IndexedEntry> chain = all.chain(find(all, entry).chain());
    List<Entry> revisions = new ArrayList<>(chain.size());
    for (IndexedEntry revision : chain) {
      revisions.add(decrypt(revision));
    }
    Entry latest = revisions.remove(revisions.size() - 1);
    return new EntryHistory(latest, revisions);
  }

  @Override
  public Listing search(String query) throws TendException {
    List<String> words = List.of(query.toLowerCase(Locale.ROOT).trim().split("\\s+"));
    Listing all = list(Optional.empty(), Optional.empty());
    List<Entry> matches = all.entries().parallelStream()
        .filter(entry -> {
          String text = entry.text().toLowerCase(Locale.ROOT);
          return words.stream().allMatch(text::contains);
        })
        .toList();
    return new Listing(matches, all.unreadable());
  }

  @Override
  public void delete(EntryId entry) throws TendException {
    Index all = Index.load(store, index);
    WriteSet set = new WriteSet();
    if (all.unreadable().contains(entry)) {
      // A damaged entry can still be removed, though its revisions can no longer be traced.
      store.write(set.delete(Column.ENTRIES, Hex.decode(entry.hex())));
      store.purgeDeleted();
      return;
    }
    IndexedEntry found = all.find(entry).orElseThrow(() -> new EntryNotFoundException(entry.hex()));
    for (IndexedEntry revision : all.chain(found.chain())) {
      set.delete(Column.ENTRIES, Hex.decode(revision.id().hex()));
    }
    store.write(set);
    store.purgeDeleted();
  }

  @Override
  public EntryId resolve(String prefix) throws TendException {
    String wanted = prefix.trim().toLowerCase(Locale.ROOT);
    if (wanted.length() < 4 || !wanted.matches("[0-9a-f]+")) {
      throw new EntryNotFoundException(prefix,
          "is not an entry id (use at least the first four characters shown by `journal list`).");
    }
    List<EntryId> matches = new ArrayList<>();
    store.forEach(Column.ENTRIES, (key, value) -> {
      String hex = Hex.encode(key);
      if (hex.startsWith(wanted)) {
        matches.add(new EntryId(hex));
      }
    });
    if (matches.isEmpty()) {
      throw new EntryNotFoundException(prefix);
    }
    if (matches.size() > 1) {
      throw new EntryNotFoundException(prefix, "matches " + matches.size()
          + " entries; give more characters of the id.");
    }
    return matches.get(0);
  }

  @Override
  public List<Entry> forRepair(RepairId repair) throws TendException {
    Index all = Index.load(store, index);
    List<Entry> entries = new ArrayList<>();
    for (IndexedEntry candidate : all.readable()) {
      if (candidate.repair().map(link -> link.repair().equals(repair)).orElse(false)) {
        entries.add(decrypt(candidate));
      }
    }
    entries.sort(Comparator.comparing(Entry::createdAt)
        .thenComparing(e -> e.repair().map(link -> link.step().ordinal()).orElse(0)));
    return entries;
  }

  /** The readable index part of {@code entry}, or why there is none. */
  private static IndexedEntry find(Index all, EntryId entry) throws TendException {
    if (all.unreadable().contains(entry)) {
      throw new EntryDamagedException(entry);
    }
    return all.find(entry).orElseThrow(() -> new EntryNotFoundException(entry.hex()));
  }

  /**
   * Seals new entries into {@code set}: every index part first, then every body. AES key setup
   * is the costly part of sealing a small record; sealing the index parts in a row under the one
   * index key does it once per batch instead of once per entry.
   */
  private List<Entry> put(WriteSet set, List<IndexRecord.Builder> records,
      List<BodyRecord> bodies) {
    List<byte[]> ids = new ArrayList<>(records.size());
    List<IndexRecord> indexRecords = new ArrayList<>(records.size());
    List<Sealed> sealedIndexes = new ArrayList<>(records.size());
    for (IndexRecord.Builder record : records) {
      byte[] id = randomness.bytes(ID_LENGTH);
      byte[] entryKey = randomness.bytes(32);
      IndexRecord indexRecord = record.setFormat(INDEX_FORMAT)
          .setEntryKey(ByteString.copyFrom(entryKey))
          .setCreatedAtMillis(clock.millis())
          .build();
      Arrays.fill(entryKey, (byte) 0);
      ids.add(id);
      indexRecords.add(indexRecord);
      sealedIndexes.add(index.sealed(id, indexRecord.toByteArray()));
    }
    List<Entry> entries = new ArrayList<>(records.size());
    for (int i = 0; i < ids.size(); i++) {
      byte[] id = ids.get(i);
      Sealed body;
      try (SecretBytes entryKey =
          SecretBytes.copyOf(indexRecords.get(i).getEntryKey().toByteArray())) {
        body = new Sealer(entryKey, Labels.STORE_BODY, randomness)
            .sealed(id, bodies.get(i).toByteArray());
      }
      set.put(Column.ENTRIES, id, StoredEntry.newBuilder()
          .setFormat(STORED_FORMAT)
          .setIndex(sealedIndexes.get(i))
          .setBody(body)
          .build()
          .toByteArray());
      entries.add(toEntry(new IndexedEntry(new EntryId(Hex.encode(id)), indexRecords.get(i), body),
          bodies.get(i)));
    }
    return entries;
  }

  /** An entry's body opened, or the id of an entry whose body did not open. */
  private record Opened(EntryId id, Optional<Entry> entry) {}

  private Opened tryDecrypt(IndexedEntry indexed) {
    try {
      return new Opened(indexed.id(), Optional.of(decrypt(indexed)));
    } catch (EntryDamagedException e) {
      return new Opened(indexed.id(), Optional.empty());
    }
  }

  private Entry decrypt(IndexedEntry indexed) throws EntryDamagedException {
    byte[] key = Hex.decode(indexed.id().hex());
    try (SecretBytes entryKey = SecretBytes.copyOf(indexed.record().getEntryKey().toByteArray())) {
      byte[] plain = new Sealer(entryKey, Labels.STORE_BODY, randomness).open(key, indexed.body());
      return toEntry(indexed, BodyRecord.parseFrom(plain));
    } catch (AuthenticationException | InvalidProtocolBufferException
        | IllegalArgumentException e) {
      throw new EntryDamagedException(indexed.id());
    }
  }

  private static Entry toEntry(IndexedEntry indexed, BodyRecord body) {
    return new Entry(indexed.id(), indexed.kind(), indexed.createdAt(), body.getText(),
        indexed.revises(), indexed.repair(), BodyCodec.details(body));
  }

  /** Decrypted index records of the whole journal, grouped into revision chains. */
  private record Index(List<IndexedEntry> readable, List<EntryId> unreadable,
      Map<EntryId, List<IndexedEntry>> chains) {

    static Index load(Store store, Sealer sealer) throws TendException {
      List<IndexedEntry> readable = new ArrayList<>();
      List<EntryId> unreadable = new ArrayList<>();
      store.forEach(Column.ENTRIES, (key, value) -> {
        EntryId id = new EntryId(Hex.encode(key));
        try {
          StoredEntry stored = StoredEntry.parseFrom(value);
          if (stored.getFormat() != STORED_FORMAT || !stored.hasBody()) {
            throw new IllegalArgumentException("not a stored entry");
          }
          IndexRecord record = IndexRecord.parseFrom(sealer.open(key, stored.getIndex()));
          readable.add(new IndexedEntry(id, record, stored.getBody()));
        } catch (AuthenticationException | InvalidProtocolBufferException
            | IllegalArgumentException e) {
          unreadable.add(id);
        }
      });
      Map<EntryId, List<IndexedEntry>> chains = new HashMap<>();
      for (IndexedEntry entry : readable) {
        chains.computeIfAbsent(entry.chain(), c -> new ArrayList<>()).add(entry);
      }
      chains.values().forEach(c -> c.sort(Comparator.comparingInt(IndexedEntry::revision)));
      return new Index(readable, unreadable, chains);
    }

    Optional<IndexedEntry> find(EntryId id) {
      return readable.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    List<IndexedEntry> chain(EntryId chain) {
      return chains.getOrDefault(chain, List.of());
    }

    List<IndexedEntry> latestRevisions() {
      return chains.values().stream().map(c -> c.get(c.size() - 1)).toList();
    }
  }
}
