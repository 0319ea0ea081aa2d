package org.tend.node.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.DiskScan;
import org.tend.node.NodeConfig;
import org.tend.node.RawStore;
import org.tend.node.TendNode;
import org.tend.node.StoredEntries;
import org.tend.node.TestHomes;
import org.tend.node.api.journal.Entry;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryId;
import org.tend.node.api.journal.EntryKind;
import org.tend.node.api.journal.EntryNotFoundException;
import org.tend.node.api.journal.Listing;
import org.tend.node.api.resources.CrisisResource;

/**
 * Deleting is real: once the member deletes an entry, nothing that could recover it stays in
 * any file of the home, even for someone who holds the passphrase.
 */
class RealDeletionTest {
  /** Any surviving copy of 63 or more contiguous bytes of a value contains one such window. */
  private static final int WINDOW = 32;

  @TempDir
  Path temp;

  private Path home() {
    return temp.resolve("home");
  }

  @Test
  void deletedEntryLeavesNoStoredByteInAnyFileAndIsGoneAfterReopening() throws Exception {
    // A clock that moves between writes: the list's newest-first order has no ties to break.
    org.tend.node.MutableClock clock =
        new org.tend.node.MutableClock(java.time.Instant.parse("2026-03-01T10:00:00Z"));
    NodeConfig config = TestHomes.config(home()).withClock(clock);
    Entry doomed;
    Entry kept1;
    Entry kept2;
    try (TendNode node = TestHomes.init(config)) {
      kept1 = node.journal().write(EntryDraft.of(EntryKind.CHECK_IN, "before"));
      clock.advance(java.time.Duration.ofMinutes(1));
      doomed = node.journal().write(EntryDraft.of(EntryKind.RUPTURE, "delete me for good"));
      clock.advance(java.time.Duration.ofMinutes(1));
      kept2 = node.journal().write(EntryDraft.of(EntryKind.NOTE, "after"));
    }
    Map<String, byte[]> stored = storedRecords(List.of(doomed.id()));
    stored.forEach((what, value) -> assertFalse(DiskScan.filesContaining(home(), value).isEmpty(),
        what + " is on disk before the delete (so the scan below can see it)"));

    try (TendNode node = TestHomes.open(config)) {
      node.journal().delete(doomed.id());
    }

    assertEquals(List.of(), survivingWindows(stored));
    try (RawStore raw = RawStore.readOnly(TestHomes.storeOf(home()))) {
      assertNull(raw.get(StoredEntries.FAMILY, key(doomed.id())));
    }
    try (TendNode node = TestHomes.open(config)) {
      assertThrows(EntryNotFoundException.class, () -> node.journal().show(doomed.id()));
      assertEquals("before", node.journal().show(kept1.id()).latest().text());
      assertEquals("after", node.journal().show(kept2.id()).latest().text());
      assertEquals(List.of(kept2.id(), kept1.id()),
          node.journal().list(Optional.empty(), Optional.empty()).entries().stream()
              .map(Entry::id).toList());
    }
  }

  @Test
  void deletingAnAmendedEntryRemovesEveryRevision() throws Exception {
    NodeConfig config = TestHomes.config(home());
    Entry original;
    Entry second;
    Entry third;
    Entry kept;
    try (TendNode node = TestHomes.init(config)) {
      original = node.journal().write(EntryDraft.of(EntryKind.REFLECTION, "first draft"));
      second = node.journal().amend(original.id(), "second draft");
      third = node.journal().amend(original.id(), "third draft");
      kept = node.journal().write(EntryDraft.of(EntryKind.NOTE, "unrelated"));
    }
    Map<String, byte[]> stored = storedRecords(List.of(original.id(), second.id(), third.id()));

    try (TendNode node = TestHomes.open(config)) {
      node.journal().delete(third.id());
    }

    assertEquals(List.of(), survivingWindows(stored));
    try (TendNode node = TestHomes.open(config)) {
      for (Entry revision : List.of(original, second, third)) {
        assertThrows(EntryNotFoundException.class, () -> node.journal().show(revision.id()),
            revision.text());
      }
      assertEquals(List.of(kept), node.journal().list(Optional.empty(), Optional.empty())
          .entries());
    }
  }

  @Test
  void removedCrisisResourceLeavesNoStoredByteInAnyFile() throws Exception {
    NodeConfig config = TestHomes.config(home());
    CrisisResource doomed;
    CrisisResource kept;
    try (TendNode node = TestHomes.init(config)) {
      doomed = node.resources().add("An old advocate", "advocate@example.org", "moved away");
      kept = node.resources().add("Crisis line", "0800 000 000", "");
    }
    byte[] value;
    try (RawStore raw = RawStore.readOnly(TestHomes.storeOf(home()))) {
      value = raw.get("resources", HexFormat.of().parseHex(doomed.id()));
    }

    try (TendNode node = TestHomes.open(config)) {
      assertEquals(doomed, node.resources().remove(doomed.id().substring(0, 8)));
    }

    assertEquals(List.of(), survivingWindows(Map.of("resource value", value)));
    try (TendNode node = TestHomes.open(config)) {
      assertEquals(List.of(kept), node.resources().list());
    }
  }

  @Test
  void anEntryDamagedOnDiskCanStillBeDeleted() throws Exception {
    NodeConfig config = TestHomes.config(home());
    Entry damaged;
    Entry kept;
    try (TendNode node = TestHomes.init(config)) {
      damaged = node.journal().write(EntryDraft.of(EntryKind.NOTE, "damaged, then deleted"));
      kept = node.journal().write(EntryDraft.of(EntryKind.NOTE, "fine"));
    }
    Map<String, byte[]> stored = storedRecords(List.of(damaged.id()));
    try (RawStore raw = RawStore.writable(TestHomes.storeOf(home()))) {
      raw.put(StoredEntries.FAMILY, key(damaged.id()), StoredEntries.withIndexTagFlipped(
          raw.get(StoredEntries.FAMILY, key(damaged.id()))));
    }

    try (TendNode node = TestHomes.open(config)) {
      node.journal().delete(damaged.id());

      Listing listing = node.journal().list(Optional.empty(), Optional.empty());
      assertEquals(List.of(kept), listing.entries());
      assertEquals(List.of(), listing.unreadable());
    }
    assertEquals(List.of(), survivingWindows(stored));
  }

  @Test
  void deletingAnUnknownEntryChangesNothing() throws Exception {
    try (TendNode node = TestHomes.init(TestHomes.config(home()))) {
      Entry kept = node.journal().write(EntryDraft.of(EntryKind.NOTE, "stays"));
      EntryId unknown = new EntryId("0".repeat(32));

      assertThrows(EntryNotFoundException.class, () -> node.journal().delete(unknown));

      assertEquals(List.of(kept), node.journal().list(Optional.empty(), Optional.empty())
          .entries());
    }
  }

  /** The sealed index and body parts of entries exactly as stored, read around the node. */
  private Map<String, byte[]> storedRecords(List<EntryId> ids) throws Exception {
    Map<String, byte[]> stored = new LinkedHashMap<>();
    try (RawStore raw = RawStore.readOnly(TestHomes.storeOf(home()))) {
      for (EntryId id : ids) {
        byte[] value = raw.get(StoredEntries.FAMILY, key(id));
        assertFalse(value == null, "stored value of " + id);
        byte[] index = StoredEntries.indexPart(value);
        byte[] body = StoredEntries.bodyPart(value);
        assertFalse(index.length < 2 * WINDOW || body.length < 2 * WINDOW, "parts of " + id);
        stored.put("sealed index of " + id, index);
        stored.put("sealed body of " + id, body);
      }
    }
    return stored;
  }

  /** Each stored value cut into aligned windows; those still found in some file, by file. */
  private List<String> survivingWindows(Map<String, byte[]> stored) {
    List<String> found = new ArrayList<>();
    stored.forEach((what, value) -> {
      for (int at = 0; at + WINDOW <= value.length; at += WINDOW) {
        byte[] window = Arrays.copyOfRange(value, at, at + WINDOW);
        for (String file : DiskScan.filesContaining(home(), window)) {
          found.add("bytes " + at + ".." + (at + WINDOW) + " of the " + what + " in " + file);
        }
      }
    });
    return found;
  }

  private static byte[] key(EntryId id) {
    return HexFormat.of().parseHex(id.hex());
  }
}
