package org.tend.node.collective;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tend.node.collective.History.member;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.SmallDisk;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.InviteRule;
import org.tend.node.api.home.DiskFullException;
import org.tend.node.api.home.StorageException;
import org.tend.node.keystore.NodeIdentity;
import org.tend.node.store.Column;
import org.tend.node.store.Store;
import org.tend.node.store.StoreOptions;
import org.tend.node.store.WriteSet;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.SignedDocument;

/**
 * Documents that arrive in members' logs while the store cannot write are not lost: the event
 * that carried them is stored already, so nothing would bring them again before a restart, and
 * a history that missed a removal's rotation would stay on the old keys.
 */
class DocumentIntakeTest {
  @TempDir
  Path dir;
  private final Randomness randomness = new java.security.SecureRandom()::nextBytes;
  private final SecretBytes masterKey = SecretBytes.random(randomness, 32);
  private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1);
  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<Store> stores = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    thread.shutdownNow();
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private CollectiveManager node(Path at, NodeIdentity identity) throws Exception {
    Store store = Store.open(at, StoreOptions.defaults(), masterKey);
    open.add(store);
    stores.add(store);
    CollectiveManager manager = new CollectiveManager(
        new CollectiveBook(store, masterKey, randomness), identity, Clock.systemUTC(), randomness);
    open.add(manager::close);
    return manager;
  }

  /** Waits until the intake thread has done everything handed to it so far. */
  private void drained() throws Exception {
    thread.submit(() -> { }).get(30, TimeUnit.SECONDS);
  }

  @Test
  void aRemovalAndItsRotationRefusedByAFullDiskTakeEffectOnceTheDiskIsFreedWithNothingResent()
      throws Exception {
    History h = new History(71, InviteRule.ANY_MEMBER, 1);
    List<NodeIdentity> everyone = Parts.grow(h, 9);
    NodeIdentity removed = everyone.get(4);
    CollectiveManager founder = node(dir.resolve("founder"), h.founder);
    founder.adopt(h.id, h.genesis.hash(), h.docs());
    new MembershipChanges(founder).remove(h.id, member(removed), "shared the keys");
    List<SignedDocument> before = h.docs().stream().map(VerifiedDocument::signed).toList();
    List<SignedDocument> removalAndRotation = founder.documents(h.id).stream()
        .filter(d -> !before.contains(d)).toList();
    assertEquals(2, removalAndRotation.size(), "a removal and its one-document rotation");

    try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 16)) {
      CollectiveManager ana = node(disk.path().resolve("ana"), everyone.get(7));
      ana.adopt(h.id, h.genesis.hash(), h.docs());
      DocumentIntake intake = new DocumentIntake(ana::ingest, thread);
      disk.fill();
      fillUntilRefused(stores.get(1));

      intake.take(h.id, removalAndRotation);
      drained();
      assertTrue(ana.isMember(h.id, member(removed)), "the full disk kept the removal out");
      assertEquals(0, ana.rosterOf(h.id).orElseThrow().epoch());

      disk.free();
      await().atMost(Duration.ofSeconds(90)).until(() -> ana.rosterOf(h.id).orElseThrow()
          .epoch() == 1);
      assertFalse(ana.isMember(h.id, member(removed)));
      assertEquals(founder.keysOf(h.id).get(1), ana.keysOf(h.id).get(1),
          "the rotated keys, taken in without anyone sending the documents again");
    }
  }

  @Test
  void aFailedIntakeIsTriedAgainOnATimerAndWithWhatArrivesNext() throws Exception {
    CollectiveId collective = CollectiveId.of(randomness.bytes(CollectiveId.LENGTH));
    AtomicInteger refusals = new AtomicInteger(2);
    List<List<SignedDocument>> stored = new CopyOnWriteArrayList<>();
    DocumentIntake intake = new DocumentIntake((c, docs) -> {
      if (refusals.getAndDecrement() > 0) {
        throw new StorageException("The journal store could not write: Too many open files",
            null);
      }
      stored.add(List.copyOf(docs));
    }, thread);

    intake.take(collective, List.of(document(1, 100)));
    intake.take(collective, List.of(document(2, 100)));
    await().atMost(Duration.ofSeconds(10)).until(() -> !stored.isEmpty());

    assertEquals(List.of(List.of(document(1, 100), document(2, 100))), stored,
        "both, once, on the first try that wrote");
  }

  @Test
  void beyondTheBoundTheOldestAreLetGoAndTheLogsAreReadAgainOnceTheStoreWrites()
      throws Exception {
    CollectiveId collective = CollectiveId.of(randomness.bytes(CollectiveId.LENGTH));
    AtomicInteger refusals = new AtomicInteger(Integer.MAX_VALUE);
    List<Integer> sizes = new CopyOnWriteArrayList<>();
    List<CollectiveId> replayed = new CopyOnWriteArrayList<>();
    DocumentIntake intake = new DocumentIntake((c, docs) -> {
      if (refusals.get() > 0) {
        throw new StorageException("The journal store could not write", null);
      }
      sizes.add(docs.size());
    }, thread);
    intake.onLetGo(replayed::add);
    int mib = 1 << 20;
    int kept = (int) (DocumentIntake.MAX_PENDING_BYTES / mib);
    for (int i = 0; i < kept; i++) {
      intake.take(collective, List.of(document(i, mib - 64)));
    }
    drained();
    assertEquals(List.of(), replayed, "at the bound, nothing is let go");

    intake.take(collective, List.of(document(kept, mib - 64)));
    drained();
    refusals.set(0);
    await().atMost(Duration.ofSeconds(10)).until(() -> !replayed.isEmpty());

    assertEquals(List.of(kept), sizes, "one past the bound: the oldest let go, the rest taken");
    assertEquals(List.of(collective), replayed);
  }

  /**
   * RocksDB reserves room for its write-ahead log when it starts one, so a few megabytes still
   * fit on a full disk: writes (of entries the test does not need) until the store refuses.
   */
  private static void fillUntilRefused(Store store) {
    byte[] junk = new byte[256 * 1024];
    for (int i = 0; i < 1_000; i++) {
      try {
        store.write(new WriteSet().put(Column.ENTRIES, new byte[] {(byte) i, (byte) (i >> 8)},
            junk));
      } catch (DiskFullException full) {
        return;
      } catch (StorageException e) {
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("a 16 MiB disk took 250 MiB");
  }

  private static SignedDocument document(int n, int bytes) {
    byte[] body = new byte[bytes];
    body[0] = (byte) n;
    body[1] = (byte) (n >> 8);
    return SignedDocument.newBuilder().setBody(ByteString.copyFrom(body)).build();
  }
}
