package org.tend.node.collective;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.home.TendException;
import org.tend.node.store.Column;
import org.tend.node.store.RecordBox;
import org.tend.node.store.Store;
import org.tend.node.store.WriteSet;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.InviteRecord;
import org.tend.protocol.proto.KnownAddress;
import org.tend.protocol.proto.MembershipRecord;
import org.tend.protocol.proto.SignedDocument;

/**
 * Everything this node keeps about its collectives, sealed in the store: memberships, their
 * documents, the invites it issued and the addresses it knows. Documents are also held in
 * memory, de-duplicated by hash. Each write is durable when its method returns. Not
 * thread-safe: the collective manager serialises access.
 */
final class CollectiveBook {
  private final Store store;
  private final RecordBox<SignedDocument> documents;
  private final RecordBox<MembershipRecord> memberships;
  private final RecordBox<InviteRecord> invites;
  private final RecordBox<KnownAddress> addresses;
  private final Map<CollectiveId, Map<DocumentHash, VerifiedDocument>> byCollective =
      new LinkedHashMap<>();
  private final Map<CollectiveId, DocumentHash> anchors = new LinkedHashMap<>();

  CollectiveBook(Store store, SecretBytes masterKey, Randomness randomness) throws TendException {
    this.store = store;
    this.documents = new RecordBox<>(store, Column.COLLECTIVE_DOCUMENTS, masterKey,
        SignedDocument.parser(), randomness);
    this.memberships = new RecordBox<>(store, Column.MEMBERSHIPS, masterKey,
        MembershipRecord.parser(), randomness);
    // Guarded: an older invite put back would have uses that were already spent.
    this.invites = RecordBox.guarded(store, Column.INVITES, masterKey, InviteRecord.parser(),
        randomness);
    this.addresses = new RecordBox<>(store, Column.ADDRESSES, masterKey, KnownAddress.parser(),
        randomness);
    for (RecordBox.Stored<MembershipRecord> m : memberships.all()) {
      try {
        anchors.put(CollectiveId.of(m.message().getCollectiveId().toByteArray()),
            DocumentHash.of(m.message().getGenesisHash().toByteArray()));
      } catch (DocumentException | IllegalArgumentException e) {
        // a damaged membership record: that collective is left out
      }
    }
    for (RecordBox.Stored<SignedDocument> stored : documents.all()) {
      try {
        VerifiedDocument doc = VerifiedDocument.verify(stored.message());
        byCollective.computeIfAbsent(doc.collective(), c -> new LinkedHashMap<>())
            .putIfAbsent(doc.hash(), doc);
      } catch (DocumentException e) {
        // stored by this node, so only damage gets here; the document is left out
      }
    }
  }

  Map<CollectiveId, DocumentHash> anchors() {
    return new LinkedHashMap<>(anchors);
  }

  /** Records that this node belongs to {@code collective}, whose genesis is {@code genesis}. */
  void anchor(CollectiveId collective, DocumentHash genesis) throws TendException {
    if (anchors.containsKey(collective)) {
      return;
    }
    memberships.put(memberships.newId(), MembershipRecord.newBuilder()
        .setCollectiveId(ByteString.copyFrom(collective.bytes()))
        .setGenesisHash(genesis.byteString()).build());
    anchors.put(collective, genesis);
  }

  List<VerifiedDocument> documents(CollectiveId collective) {
    return new ArrayList<>(byCollective.getOrDefault(collective, Map.of()).values());
  }

  boolean has(VerifiedDocument doc) {
    return has(doc.collective(), doc.hash());
  }

  boolean has(CollectiveId collective, DocumentHash hash) {
    return byCollective.getOrDefault(collective, Map.of()).containsKey(hash);
  }

  int count(CollectiveId collective) {
    return byCollective.getOrDefault(collective, Map.of()).size();
  }

  /** Stores a document unless already held; returns whether it was new. */
  boolean add(VerifiedDocument doc) throws TendException {
    Map<DocumentHash, VerifiedDocument> docs =
        byCollective.computeIfAbsent(doc.collective(), c -> new LinkedHashMap<>());
    if (docs.containsKey(doc.hash())) {
      return false;
    }
    documents.put(documents.newId(), doc.signed());
    docs.put(doc.hash(), doc);
    return true;
  }

  /**
   * Stores the documents not already held, all in one durable write, so a crash keeps all of
   * them or none (the parts of one rotation); returns those that were new.
   */
  List<VerifiedDocument> addAll(List<VerifiedDocument> docs) throws TendException {
    WriteSet set = new WriteSet();
    List<VerifiedDocument> fresh = new ArrayList<>();
    java.util.Set<DocumentHash> staged = new java.util.HashSet<>();
    for (VerifiedDocument doc : docs) {
      if (!has(doc) && staged.add(doc.hash())) {
        documents.stage(set, documents.newId(), doc.signed());
        fresh.add(doc);
      }
    }
    if (!set.isEmpty()) {
      store.write(set);
    }
    for (VerifiedDocument doc : fresh) {
      byCollective.computeIfAbsent(doc.collective(), c -> new LinkedHashMap<>())
          .put(doc.hash(), doc);
    }
    return fresh;
  }

  List<RecordBox.Stored<InviteRecord>> invites() throws TendException {
    return invites.all();
  }

  void putInvite(String id, InviteRecord record) throws TendException {
    invites.put(id, record);
  }

  String newInviteId() {
    return invites.newId();
  }

  List<KnownAddress> addresses() throws TendException {
    return addresses.all().stream().map(RecordBox.Stored::message).toList();
  }

  /** Forgets an address (of a member, host and port), however it was learnt. */
  void forgetAddress(KnownAddress address) throws TendException {
    for (RecordBox.Stored<KnownAddress> stored : addresses.all()) {
      KnownAddress a = stored.message();
      if (a.getCollectiveId().equals(address.getCollectiveId())
          && a.getMember().equals(address.getMember()) && a.getHost().equals(address.getHost())
          && a.getPort() == address.getPort()) {
        addresses.delete(stored.id());
      }
    }
  }

  /** Remembers where a member was reached, replacing an older record of the same place. */
  void putAddress(KnownAddress address) throws TendException {
    Optional<String> existing = Optional.empty();
    for (RecordBox.Stored<KnownAddress> stored : addresses.all()) {
      KnownAddress a = stored.message();
      if (a.getCollectiveId().equals(address.getCollectiveId())
          && a.getMember().equals(address.getMember()) && a.getHost().equals(address.getHost())
          && a.getPort() == address.getPort()) {
        existing = Optional.of(stored.id());
      }
    }
    addresses.put(existing.orElseGet(addresses::newId), address);
  }
}
