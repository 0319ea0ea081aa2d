package org.tend.node.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.NodeConfig;
import org.tend.node.RawStore;
import org.tend.node.TendNode;
import org.tend.node.TestHomes;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.Rules;
import org.tend.node.api.home.StoreDamagedException;
import org.tend.node.api.transport.PeerAddress;
import org.tend.node.api.transport.TransportLimits;
import org.tend.node.collective.Collective;
import org.tend.node.keystore.HomeFiles;
import org.tend.node.keystore.Keystores;
import org.tend.node.keystore.UnlockedKeys;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;

/**
 * Someone who can read and write the member's disk more than once keeps a copy of the home,
 * lets the member go on, then puts older sealed values back. Each value still opens (its seal
 * binds only its key), so the store must tell an older value from the one last written: an
 * older log head would have the node sign a second event at a sequence it already used, and an
 * older invite would have uses that were already spent.
 */
class SealedRollbackTest {
  @TempDir
  Path root;

  @Test
  void refusesToOpenWhenAnOlderLogHeadIsPutBackUnderItsKey() throws Exception {
    NodeConfig config = TestHomes.config(root.resolve("ana"));
    CollectiveId id;
    try (TendNode ana = TestHomes.init(config)) {
      id = ana.collectives().create("Riverside Care", "Ana", Rules.defaults()).id();
      ana.replication().board().post(id, "Circle moves to Thursday 7pm");
    }
    Path earlier = root.resolve("ana-earlier");
    TestHomes.copyHome(root.resolve("ana"), earlier);
    try (TendNode ana = TestHomes.open(config)) {
      ana.replication().board().post(id, "Bring a dish to share");
    }

    int spliced = putBack(earlier, root.resolve("ana"), Column.EVENT_HEADS);

    assertEquals(1, spliced, "the one head that moved on was put back");
    StoreDamagedException refused =
        assertThrows(StoreDamagedException.class, () -> TestHomes.open(config));
    assertTrue(refused.getMessage().contains("event-heads"), refused.getMessage());
  }

  @Test
  void refusesToOpenWhenAnInviteIsPutBackWithUsesAlreadySpent() throws Exception {
    Path anaHome = root.resolve("ana");
    NodeConfig anaConfig = TestHomes.config(anaHome);
    Path earlier = root.resolve("ana-earlier");
    int port = freePort();
    try (Collective nodes = new Collective(root)) {
      TendNode ana = listeningAt(anaConfig, port, true);
      CollectiveId id = ana.collectives().create("Riverside Care", "Ana", Rules.defaults()).id();
      String code = ana.collectives().invite(id, 1, Duration.ofHours(1),
          List.of(Collective.address(ana))).code();
      ana.close();
      TestHomes.copyHome(anaHome, earlier);
      ana = listeningAt(anaConfig, port, false);
      try {
        nodes.node("bo").collectives().join(code, "Bo");
      } finally {
        ana.close();
      }
    }

    assertEquals(1, putBack(earlier, anaHome, Column.INVITES),
        "the spent invite's record was put back as it was before its use");
    StoreDamagedException refused =
        assertThrows(StoreDamagedException.class, () -> TestHomes.open(anaConfig));
    assertTrue(refused.getMessage().contains("invites"), refused.getMessage());
  }

  @Test
  void refusesToSignWhereItsOwnLogAlreadyHoldsAnEventWhenHeadsComeBackWithTheirLedger()
      throws Exception {
    NodeConfig config = TestHomes.config(root.resolve("ana"));
    CollectiveId id;
    try (TendNode ana = TestHomes.init(config)) {
      id = ana.collectives().create("Riverside Care", "Ana", Rules.defaults()).id();
      ana.replication().board().post(id, "Circle moves to Thursday 7pm");
    }
    Path earlier = root.resolve("ana-earlier");
    TestHomes.copyHome(root.resolve("ana"), earlier);
    try (TendNode ana = TestHomes.open(config)) {
      ana.replication().board().post(id, "Bring a dish to share");
    }
    // The whole column and its ledger, as they were: consistent with each other, but not with
    // the events the log holds.
    assertEquals(1, putBack(earlier, root.resolve("ana"), Column.EVENT_HEADS));
    putBackKey(earlier, root.resolve("ana"), Column.LEDGERS, Ledger.keyOf(Column.EVENT_HEADS));

    try (TendNode ana = TestHomes.open(config)) {
      assertEquals(1, ana.replication().board().list(id).size(), "the head hides the second");
      assertThrows(StoreDamagedException.class,
          () -> ana.replication().board().post(id, "Quiet room is upstairs"));
    }
  }

  @Test
  void refusesToOpenWhenARemovedLedgerWouldLetOlderRecordsBack() throws Exception {
    NodeConfig config = TestHomes.config(root.resolve("ana"));
    try (TendNode ana = TestHomes.init(config)) {
      CollectiveId id = ana.collectives().create("Riverside Care", "Ana", Rules.defaults()).id();
      ana.replication().board().post(id, "Circle moves to Thursday 7pm");
    }
    try (RawStore raw = RawStore.writable(TestHomes.storeOf(root.resolve("ana")))) {
      raw.delete(Column.LEDGERS.familyName(), Ledger.keyOf(Column.EVENT_HEADS));
    }

    assertThrows(StoreDamagedException.class, () -> TestHomes.open(config));
  }

  @Test
  void guardsTheRecordsOfAHomeWrittenBeforeColumnsWereGuarded() throws Exception {
    NodeConfig config = TestHomes.config(root.resolve("ana"));
    CollectiveId id;
    try (TendNode ana = TestHomes.init(config)) {
      id = ana.collectives().create("Riverside Care", "Ana", Rules.defaults()).id();
      ana.replication().board().post(id, "Circle moves to Thursday 7pm");
    }
    Path store = TestHomes.storeOf(root.resolve("ana"));
    byte[] ledgerKey = Ledger.keyOf(Column.EVENT_HEADS);
    byte[] ledger;
    try (RawStore raw = RawStore.writable(store)) {
      ledger = raw.get(Column.LEDGERS.familyName(), ledgerKey);
      raw.delete(Column.LEDGERS.familyName(), ledgerKey);
    }
    // A home as written before: heads sealed as plain records and no ledger. It opens, and its
    // heads are guarded from then on.
    unguard(config, Column.EVENT_HEADS);

    try (TendNode ana = TestHomes.open(config)) {
      assertEquals(1, ana.replication().board().list(id).size());
      ana.replication().board().post(id, "Bring a dish to share");
    }
    try (TendNode ana = TestHomes.open(config)) {
      assertEquals(2, ana.replication().board().list(id).size());
    }
    try (RawStore raw = RawStore.readOnly(store)) {
      assertTrue(raw.get(Column.LEDGERS.familyName(), ledgerKey) != null);
      assertTrue(!Arrays.equals(ledger, raw.get(Column.LEDGERS.familyName(), ledgerKey)));
    }
  }

  private static TendNode listeningAt(NodeConfig config, int port, boolean create)
      throws Exception {
    TendNode node = create ? TestHomes.init(config) : TestHomes.open(config);
    node.startNetwork(Optional.of(new PeerAddress.Tcp("127.0.0.1", port)),
        TransportLimits.defaults(), Duration.ofMillis(200));
    return node;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * Makes a closed home's {@code column} as Tend wrote it before columns were guarded: each
   * record sealed as a plain record, and no ledger.
   */
  static void unguard(NodeConfig config, Column column) throws Exception {
    HomeFiles files = new HomeFiles(config.home().toAbsolutePath());
    try (UnlockedKeys keys = Keystores.unlock(files, TestHomes.passphrase());
        SecretBytes key = Reseal.recordKey(keys.masterKey(), column);
        RawStore raw = RawStore.writable(files.store())) {
      Randomness randomness = Randomness.secure();
      Sealer guarded = new Sealer(key, Labels.STORE_GUARDED_RECORD, randomness);
      Sealer plain = new Sealer(key, Labels.STORE_RECORD, randomness);
      for (RawStore.KeyValue kv : raw.dump()) {
        if (kv.family().equals(column.familyName())) {
          raw.put(kv.family(), kv.key(), plain.seal(kv.key(), guarded.open(kv.key(), kv.value())));
        }
      }
      raw.delete(Column.LEDGERS.familyName(), Ledger.keyOf(column));
    }
  }

  static void putBackKey(Path earlier, Path home, Column column, byte[] key) throws Exception {
    try (RawStore old = RawStore.readOnly(TestHomes.storeOf(earlier));
        RawStore now = RawStore.writable(TestHomes.storeOf(home))) {
      now.put(column.familyName(), key, old.get(column.familyName(), key));
    }
  }

  /**
   * Puts every value of {@code column} that differs between the two homes back as it was in
   * {@code earlier}, through RocksDB's own API; returns how many.
   */
  static int putBack(Path earlier, Path home, Column column) throws Exception {
    int count = 0;
    try (RawStore old = RawStore.readOnly(TestHomes.storeOf(earlier));
        RawStore now = RawStore.writable(TestHomes.storeOf(home))) {
      for (RawStore.KeyValue kv : old.dump()) {
        if (kv.family().equals(column.familyName())
            && !Arrays.equals(kv.value(), now.get(column.familyName(), kv.key()))) {
          now.put(column.familyName(), kv.key(), kv.value());
          count++;
        }
      }
    }
    return count;
  }
}
