package org.tend.node.replication;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.home.TendException;
import org.tend.node.store.Column;
import org.tend.node.store.RecordBox;
import org.tend.node.store.Reseal;
import org.tend.node.store.Store;
import org.tend.node.store.WriteSet;
import org.tend.protocol.crypto.AuthenticationException;
import org.tend.protocol.crypto.Hkdf;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.crypto.Sha256;
import org.tend.protocol.proto.EventHeader;
import org.tend.protocol.proto.ForkEvidence;
import org.tend.protocol.proto.LogHead;
import org.tend.protocol.proto.SignedEvent;

/**
 * Logs sealed in the member's store. An event's key is a keyed hash of collective, author and
 * sequence, so keys say nothing of who wrote what or how much; values are sealed like every
 * other record. Heads are few (one per author) and kept in memory after the first read.
 */
public final class SealedEventStore implements EventStore {
  private static final HexFormat HEX = HexFormat.of();
  private static final int KEY_LENGTH = 16;

  private final Store store;
  private final SecretBytes positionKey;
  private final RecordBox<SignedEvent> events;
  private final RecordBox<LogHead> heads;
  private final RecordBox<ForkEvidence> forks;
  private Map<CollectiveId, Map<MemberKey, LogHead>> headCache;

  /**
   * @throws org.tend.node.api.home.StoreDamagedException if a log head is not the one last
   *     written (an older copy put back) or was removed
   */
  public SealedEventStore(Store store, SecretBytes masterKey, Randomness randomness)
      throws TendException {
    this.store = store;
    this.positionKey = Hkdf.deriveKey(masterKey, Labels.STORE_EVENT_KEY, 32);
    this.events = new RecordBox<>(store, Column.EVENTS, masterKey, SignedEvent.parser(),
        randomness);
    // Guarded: an older head put back would have this node sign a second event at a sequence
    // it already used, forking its member's own log.
    this.heads = RecordBox.guarded(store, Column.EVENT_HEADS, masterKey, LogHead.parser(),
        randomness);
    this.forks = new RecordBox<>(store, Column.EVENT_FORKS, masterKey, ForkEvidence.parser(),
        randomness);
  }

  @Override
  public synchronized Map<MemberKey, LogHead> heads(CollectiveId collective)
      throws TendException {
    return Map.copyOf(headCache().getOrDefault(collective, Map.of()));
  }

  @Override
  public Optional<SignedEvent> event(CollectiveId collective, MemberKey author, long sequence)
      throws TendException {
    return events.get(eventKey(collective, author, sequence));
  }

  @Override
  public synchronized void write(CollectiveId collective, Changes changes) throws TendException {
    if (changes.isEmpty()) {
      return;
    }
    WriteSet set = new WriteSet();
    for (Stored e : changes.events()) {
      String key = eventKey(collective, e.author(), e.sequence());
      if (e.event() == null) {
        events.stageDelete(set, key);
      } else {
        events.stage(set, key, e.event());
      }
    }
    for (LogHead head : changes.heads()) {
      heads.stage(set, headKey(collective, MemberKey.of(head.getAuthor().toByteArray())), head);
    }
    for (ForkEvidence fork : changes.forks()) {
      forks.stage(set, forks.newId(), fork);
    }
    heads.write(set);
    Map<CollectiveId, Map<MemberKey, LogHead>> cache = headCache();
    for (LogHead head : changes.heads()) {
      cache.computeIfAbsent(collective, c -> new HashMap<>())
          .put(MemberKey.of(head.getAuthor().toByteArray()), head);
    }
  }

  @Override
  public List<ForkEvidence> forks(CollectiveId collective) throws TendException {
    List<ForkEvidence> out = new ArrayList<>();
    for (RecordBox.Stored<ForkEvidence> f : forks.all()) {
      try {
        if (VerifiedEvent.collectiveOf(f.message().getFirst()).equals(collective)) {
          out.add(f.message());
        }
      } catch (EventException e) {
        // evidence this node stored is whole; damage leaves the record out
      }
    }
    return out;
  }

  /** Drops retracted content for good: deleted values leave the disk. */
  public void purge() throws TendException {
    store.purgeDeleted();
  }

  private Map<CollectiveId, Map<MemberKey, LogHead>> headCache() throws TendException {
    if (headCache == null) {
      Map<CollectiveId, Map<MemberKey, LogHead>> loaded = new HashMap<>();
      for (RecordBox.Stored<LogHead> h : heads.all()) {
        LogHead head = h.message();
        if (head.getCollectiveId().size() == CollectiveId.LENGTH
            && head.getAuthor().size() == MemberKey.LENGTH) {
          loaded.computeIfAbsent(CollectiveId.of(head.getCollectiveId().toByteArray()),
              c -> new HashMap<>()).put(MemberKey.of(head.getAuthor().toByteArray()), head);
        }
      }
      headCache = loaded;
    }
    return headCache;
  }

  private String eventKey(CollectiveId collective, MemberKey author, long sequence) {
    return eventKey(positionKey, collective, author, sequence);
  }

  private String headKey(CollectiveId collective, MemberKey author) {
    return headKey(positionKey, collective, author);
  }

  private static String eventKey(SecretBytes positionKey, CollectiveId collective,
      MemberKey author, long sequence) {
    return position(positionKey, "event", collective, author, java.nio.ByteBuffer.allocate(8)
        .putLong(sequence).array());
  }

  private static String headKey(SecretBytes positionKey, CollectiveId collective,
      MemberKey author) {
    return position(positionKey, "head", collective, author, new byte[0]);
  }

  private static String position(SecretBytes positionKey, String kind, CollectiveId collective,
      MemberKey author, byte[] rest) {
    byte[] mac = Sha256.hmac(positionKey, Labels.STORE_EVENT_KEY,
        kind.getBytes(java.nio.charset.StandardCharsets.US_ASCII), collective.bytes(),
        author.bytes(), rest);
    return HEX.formatHex(mac, 0, KEY_LENGTH);
  }

  /**
   * Moves the logs to a new master key: values are re-sealed, and events and heads move to the
   * keys the new master key's keyed hash gives them, so an old master key neither opens them nor
   * tells which key holds whose event.
   */
  public static Map<Column, Reseal.Rewrite> reseal(SecretBytes from, SecretBytes to,
      Randomness randomness) {
    // Kept for the rotation's short life: the rewrites below hash with it.
    SecretBytes newPositions = Hkdf.deriveKey(to, Labels.STORE_EVENT_KEY, 32);
    Reseal.Rewrite events = Reseal.recordBox(Column.EVENTS, from, to, randomness,
        (key, plain) -> {
          try {
            EventHeader header = EventHeader.parseFrom(SignedEvent.parseFrom(plain).getHeader());
            return HEX.parseHex(eventKey(newPositions,
                CollectiveId.of(header.getCollectiveId().toByteArray()),
                MemberKey.of(header.getAuthor().toByteArray()), header.getSequence()));
          } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new AuthenticationException();
          }
        });
    Reseal.Rewrite heads = Reseal.guardedBox(Column.EVENT_HEADS, from, to, randomness,
        (key, plain) -> {
          try {
            LogHead head = LogHead.parseFrom(plain);
            return HEX.parseHex(headKey(newPositions,
                CollectiveId.of(head.getCollectiveId().toByteArray()),
                MemberKey.of(head.getAuthor().toByteArray())));
          } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new AuthenticationException();
          }
        });
    return Map.of(Column.EVENTS, events, Column.EVENT_HEADS, heads,
        Column.EVENT_FORKS, Reseal.recordBox(Column.EVENT_FORKS, from, to, randomness));
  }
}
