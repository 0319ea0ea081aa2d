package org.tend.node.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tend.node.collective.History.member;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.api.collective.InviteRule;
import org.tend.node.keystore.NodeIdentity;
import org.tend.node.store.Store;
import org.tend.node.store.StoreOptions;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.EpochKeys;
import org.tend.protocol.proto.KeysRotated;
import org.tend.protocol.proto.SignedDocument;

/**
 * A collective of a thousand members, on nodes with real stores: a removal makes the
 * facilitator's node rotate in parts, stored together, and another member's node takes the
 * parts in whatever order they come, acting on none until all are in.
 */
class RotationPartsIngestTest {
  private static final int MEMBERS = 1_000;

  @TempDir
  Path root;
  private final Randomness randomness = new java.security.SecureRandom()::nextBytes;
  private final SecretBytes masterKey = SecretBytes.random(randomness, 32);
  private final List<Store> stores = new ArrayList<>();
  private final List<CollectiveManager> managers = new ArrayList<>();
  private History h;
  private List<NodeIdentity> everyone;
  private NodeIdentity removed;

  @BeforeEach
  void grow() {
    h = new History(43, InviteRule.ANY_MEMBER, 1);
    everyone = Parts.grow(h, MEMBERS - 1);
    removed = everyone.get(MEMBERS / 2);
  }

  @AfterEach
  void close() {
    managers.forEach(CollectiveManager::close);
    stores.forEach(Store::close);
  }

  private CollectiveManager node(String name, NodeIdentity identity) throws Exception {
    Store store = Store.open(root.resolve(name), StoreOptions.defaults(), masterKey);
    stores.add(store);
    CollectiveManager manager = new CollectiveManager(
        new CollectiveBook(store, masterKey, randomness), identity, Clock.systemUTC(), randomness);
    managers.add(manager);
    return manager;
  }

  /** The founder's node, holding the history, having removed a member and rotated. */
  private CollectiveManager removedAndRotated() throws Exception {
    CollectiveManager founder = node("founder", h.founder);
    founder.adopt(h.id, h.genesis.hash(), h.docs());
    new MembershipChanges(founder).remove(h.id, member(removed), "shared the keys");
    return founder;
  }

  private List<VerifiedDocument> rotationParts(CollectiveManager node) throws Exception {
    List<VerifiedDocument> out = new ArrayList<>();
    for (SignedDocument signed : node.documents(h.id)) {
      VerifiedDocument doc = VerifiedDocument.verify(signed);
      if (doc.body().hasKeysRotated()) {
        out.add(doc);
      }
    }
    out.sort((a, b) -> Integer.compare(a.body().getKeysRotated().getPart(),
        b.body().getKeysRotated().getPart()));
    return out;
  }

  @Test
  void aRemovalInAThousandMemberCollectiveRotatesInFourPartsSealedToEveryoneElse()
      throws Exception {
    CollectiveManager founder = removedAndRotated();

    List<VerifiedDocument> parts = rotationParts(founder);
    assertEquals(4, parts.size());
    int sealed = 0;
    for (int p = 0; p < parts.size(); p++) {
      KeysRotated part = parts.get(p).body().getKeysRotated();
      assertEquals(p, part.getPart());
      assertEquals(4, part.getParts());
      assertTrue(part.getKeysCount() <= MembershipLimits.MAX_RECIPIENTS_PER_PART);
      assertTrue(parts.get(p).signed().getSerializedSize() <= MembershipLimits.MAX_DOCUMENT_BYTES);
      sealed += part.getKeysCount();
    }
    assertEquals(MEMBERS - 1, sealed);
    Roster roster = founder.rosterOf(h.id).orElseThrow();
    assertEquals(1, roster.epoch());
    assertEquals(Optional.empty(), roster.rotationDue());
    EpochKeys keys = founder.keysOf(h.id).get(1);
    for (NodeIdentity m : everyone) {
      Optional<EpochKeys> opened = roster.sealedKeys().get(member(m)).stream()
          .filter(s -> s.slot().epoch() == 1).findFirst()
          .flatMap(s -> EpochKeySeal.open(m, h.id, s));
      assertEquals(m == removed ? Optional.empty() : Optional.of(keys), opened);
    }
  }

  @Test
  void theRotationsPartsAreKeptTogetherWhenTheNodeRestarts() throws Exception {
    removedAndRotated();
    close();
    managers.clear();
    stores.clear();
    CollectiveManager again = node("founder", h.founder);
    assertEquals(4, rotationParts(again).size());
    assertEquals(1, again.rosterOf(h.id).orElseThrow().epoch());
    assertTrue(again.keysOf(h.id).containsKey(1));
  }

  @Test
  void partsArrivingOutOfOrderAndAgainTakeEffectOnlyOnceAllAreIn() throws Exception {
    List<VerifiedDocument> parts = rotationParts(removedAndRotated());
    EpochKeys keys = managers.get(0).keysOf(h.id).get(1);
    VerifiedDocument removal = removalOf(managers.get(0));
    // the member whose turn to rotate comes last, so it waits for the parts
    NodeIdentity ana = everyone.stream().filter(m -> m != removed)
        .max((a, b) -> Arrays.compareUnsigned(a.signing().publicKey(), b.signing().publicKey()))
        .orElseThrow();
    CollectiveManager node = node("ana", ana);
    node.adopt(h.id, h.genesis.hash(), h.docs());
    node.ingest(h.id, List.of(removal.signed()));
    assertFalse(node.isMember(h.id, member(removed)));

    for (int p : new int[] {2, 0, 3}) {
      assertEquals(1, node.ingest(h.id, List.of(parts.get(p).signed())).size());
      assertEquals(0, node.rosterOf(h.id).orElseThrow().epoch(), "parts held: not yet");
      assertFalse(node.keysOf(h.id).containsKey(1));
    }
    assertEquals(1, node.ingest(h.id, List.of(parts.get(1).signed())).size());
    assertEquals(1, node.rosterOf(h.id).orElseThrow().epoch());
    assertEquals(keys, node.keysOf(h.id).get(1));

    List<SignedDocument> again = parts.stream().map(VerifiedDocument::signed).toList();
    assertEquals(List.of(), node.ingest(h.id, again), "replayed parts are nothing new");
    assertEquals(1, node.rosterOf(h.id).orElseThrow().epoch());
  }

  private static VerifiedDocument removalOf(CollectiveManager node) throws Exception {
    for (SignedDocument signed : node.documents(node.list().get(0).id())) {
      VerifiedDocument doc = VerifiedDocument.verify(signed);
      if (doc.body().hasRemovalProposed()) {
        return doc;
      }
    }
    throw new AssertionError("no removal");
  }
}
