package org.tend.node.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.DiskScan;
import org.tend.node.RawStore;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.keystore.NodeIdentity;
import org.tend.node.store.Column;
import org.tend.node.store.Store;
import org.tend.node.store.StoreOptions;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.ForkEvidence;
import org.tend.protocol.proto.LogHead;
import org.tend.protocol.proto.SignedEvent;

/**
 * Members' logs sealed in the RocksDB store: they survive reopening, and neither keys nor files
 * say who wrote what, in which collective, or what a notice says.
 */
class SealedEventStoreTest {
  private static final int WINDOW = 8;

  @TempDir
  Path temp;

  private final LogFixture f = new LogFixture(29);
  private final NodeIdentity alice = f.member();
  private final NodeIdentity bob = f.member();
  private final MemberKey aliceKey = LogFixture.key(alice);
  private final MemberKey bobKey = LogFixture.key(bob);
  private final SecretBytes masterKey = SecretBytes.random(f.randomness, 32);
  private final EventChain aliceChain = f.chain(alice);
  private final EventChain bobChain = f.chain(bob);

  private Path directory() {
    return temp.resolve("store");
  }

  private interface WithStore {
    void accept(SealedEventStore events, Store store) throws Exception;
  }

  private void withStore(WithStore body) throws Exception {
    try (Store store = Store.open(directory(), StoreOptions.defaults(), masterKey)) {
      body.accept(new SealedEventStore(store, masterKey, f.randomness), store);
    }
  }

  /** Three events of alice's, and bob's log forked at its second event. */
  private Written writeLogs(SealedEventStore events) throws Exception {
    Written w = new Written();
    EventLog log = f.log(events);
    w.alice.addAll(aliceChain.nextEvents(3));
    w.bob.add(bobChain.next());
    EventChain rival = bobChain.branch();
    w.bob.add(bobChain.next());
    w.rival = rival.next();
    List<SignedEvent> batch = new ArrayList<>(w.alice);
    batch.addAll(w.bob);
    EventLog.Outcome outcome = log.ingest(f.membership, batch);
    assertEquals(5, outcome.added().size());
    assertEquals(1, log.ingest(f.membership, List.of(w.rival)).forks().size());
    return w;
  }

  private static final class Written {
    final List<SignedEvent> alice = new ArrayList<>();
    final List<SignedEvent> bob = new ArrayList<>();
    SignedEvent rival;
  }

  @Test
  void headsEventsAndForkEvidenceSurviveReopening() throws Exception {
    Written[] written = new Written[1];
    withStore((events, store) -> written[0] = writeLogs(events));
    Written w = written[0];

    withStore((events, store) -> {
      Map<MemberKey, LogHead> heads = events.heads(f.collective);
      assertEquals(2, heads.size());
      LogHead a = heads.get(aliceKey);
      assertEquals(3, a.getSequence());
      assertEquals(LogFixture.id(w.alice.get(2)).hex(), HexFormat.of().formatHex(
          a.getHash().toByteArray()));
      assertEquals(0, a.getForkedAt());
      assertEquals(2, heads.get(bobKey).getForkedAt());
      for (int i = 0; i < 3; i++) {
        assertEquals(Optional.of(w.alice.get(i)), events.event(f.collective, aliceKey, i + 1));
      }
      assertEquals(Optional.empty(), events.event(f.collective, aliceKey, 4));
      List<ForkEvidence> forks = events.forks(f.collective);
      assertEquals(1, forks.size());
      assertEquals(w.bob.get(1), forks.get(0).getFirst());
      assertEquals(w.rival, forks.get(0).getSecond());
    });
  }

  @Test
  void aLogReopenedOnTheStoreGoesOnWhereItStopped() throws Exception {
    withStore((events, store) -> writeLogs(events));

    withStore((events, store) -> {
      EventLog log = f.log(events);
      assertEquals(5, log.eventCount());
      assertEquals(3, log.head(aliceKey).sequence());
      assertTrue(log.head(bobKey).forked());
      EventLog.Outcome outcome = log.ingest(f.membership,
          List.of(aliceChain.next(), bobChain.next()));
      assertEquals(List.of(4L), outcome.added().stream().map(VerifiedEvent::sequence).toList());
      assertEquals(1, outcome.refused(), "bob's log stays forked");
    });
    withStore((events, store) -> assertEquals(4, f.log(events).head(aliceKey).sequence()));
  }

  @Test
  void logsOfTwoCollectivesInOneStoreAreKeptApart() throws Exception {
    LogFixture other = new LogFixture(31);
    NodeIdentity carol = other.member();
    withStore((events, store) -> {
      writeLogs(events);
      EventChain carolChain = other.chain(carol);
      SignedEvent first = carolChain.next();
      EventChain rival = carolChain.branch();
      other.log(events).ingest(other.membership, List.of(first, carolChain.next(), rival.next()));
    });

    withStore((events, store) -> {
      assertEquals(Map.of(LogFixture.key(carol), 2L), sequences(events.heads(other.collective)));
      assertEquals(Map.of(aliceKey, 3L, bobKey, 2L), sequences(events.heads(f.collective)));
      assertEquals(1, events.forks(f.collective).size());
      assertEquals(1, events.forks(other.collective).size());
      assertEquals(Optional.empty(), events.event(other.collective, aliceKey, 1));
    });
  }

  private static Map<MemberKey, Long> sequences(Map<MemberKey, LogHead> heads) {
    Map<MemberKey, Long> out = new LinkedHashMap<>();
    heads.forEach((k, h) -> out.put(k, h.getSequence()));
    return out;
  }

  // What the disk shows

  /** Every 8-byte window of {@code secret} that occurs in {@code bytes}. */
  private static boolean containsAnyWindow(byte[] bytes, byte[] secret) {
    for (int i = 0; i + WINDOW <= secret.length; i++) {
      if (DiskScan.indexOf(bytes, Arrays.copyOfRange(secret, i, i + WINDOW)) >= 0) {
        return true;
      }
    }
    return false;
  }

  @Test
  void storeKeysNameNeitherAuthorsNorTheCollective() throws Exception {
    withStore((events, store) -> writeLogs(events));
    List<byte[]> secrets = new ArrayList<>(List.of(aliceKey.bytes(), bobKey.bytes(),
        f.collective.bytes()));
    for (byte[] s : List.copyOf(secrets)) {
      secrets.add(HexFormat.of().formatHex(s).getBytes(StandardCharsets.US_ASCII));
    }

    Map<String, Integer> keysPerFamily = new LinkedHashMap<>();
    try (RawStore raw = RawStore.readOnly(directory(), masterKey)) {
      for (RawStore.KeyValue kv : raw.dump()) {
        keysPerFamily.merge(kv.family(), 1, Integer::sum);
        for (byte[] secret : secrets) {
          assertFalse(containsAnyWindow(kv.key(), secret), "a key in " + kv.family());
        }
        assertEquals(16, kv.key().length, "keys are 16-byte hashes or random ids");
      }
    }
    // The default family keeps the sealed secret behind the families' names.
    assertEquals(Map.of(Column.EVENTS.familyName(), 5, Column.EVENT_HEADS.familyName(), 2,
        Column.EVENT_FORKS.familyName(), 1, Column.LEDGERS.familyName(), 1, "default", 1),
        keysPerFamily);
  }

  @Test
  void noNoticeTextAuthorKeyOrCollectiveIdReachesAnyFile() throws Exception {
    String marker = "PLANTED-" + HexFormat.of().formatHex(f.randomness.bytes(8));
    Consumer<String> assertClean = when -> {
      assertEquals(List.of(), DiskScan.textsFound(directory(), List.of(marker)), when);
      for (byte[] secret : List.of(aliceKey.bytes(), f.collective.bytes())) {
        for (Path file : DiskScan.files(directory())) {
          assertFalse(containsAnyWindow(read(file), secret), when + ": " + file.getFileName());
        }
      }
    };
    withStore((events, store) -> {
      EventLog own = f.log(events);
      EventWriter writer = f.writer(alice);
      for (int i = 0; i < 3; i++) {
        own.appendOwn(writer.write(own, f.membership,
            LogFixture.notice("the meeting is at " + marker + " " + i), List.of()));
      }
      assertTrue(DiskScan.files(directory()).stream()
          .filter(p -> p.getFileName().toString().endsWith(".log"))
          .mapToLong(SealedEventStoreTest::size).sum() > 1000, "the events sit in the WAL");
      assertClean.accept("while open");
    });
    assertClean.accept("after closing");
  }

  @Test
  void droppedContentLeavesNoStoredByteInAnyFileOnceItIsPurged() throws Exception {
    Map<String, byte[]> before = new LinkedHashMap<>();
    withStore((events, store) -> {
      EventLog log = f.log(events);
      log.ingest(f.membership, aliceChain.nextEvents(3));
      store.forEach(Column.EVENTS, (k, v) -> before.put(HexFormat.of().formatHex(k), v));
      log.dropContent(aliceKey, 2, LogFixture.id(log.event(aliceKey, 2).orElseThrow()));
      events.purge();
    });

    List<String> changed = new ArrayList<>();
    withStore((events, store) -> {
      store.forEach(Column.EVENTS, (k, v) -> {
        if (!Arrays.equals(v, before.get(HexFormat.of().formatHex(k)))) {
          changed.add(HexFormat.of().formatHex(k));
        }
      });
      assertTrue(events.event(f.collective, aliceKey, 2).orElseThrow().getContent().isEmpty());
    });
    assertEquals(1, changed.size(), "only the dropped event was rewritten");
    byte[] old = before.get(changed.get(0));
    List<String> surviving = new ArrayList<>();
    for (int i = 0; i + 32 <= old.length; i += 16) {
      surviving.addAll(DiskScan.filesContaining(directory(), Arrays.copyOfRange(old, i, i + 32)));
    }
    assertEquals(List.of(), surviving);
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
