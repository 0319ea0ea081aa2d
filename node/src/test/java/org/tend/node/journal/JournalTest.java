package org.tend.node.journal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.MutableClock;
import org.tend.node.NodeConfig;
import org.tend.node.RawStore;
import org.tend.node.TendNode;
import org.tend.node.StoredEntries;
import org.tend.node.TestHomes;
import org.tend.node.api.journal.Entry;
import org.tend.node.api.journal.EntryDamagedException;
import org.tend.node.api.journal.EntryDetails;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryHistory;
import org.tend.node.api.journal.EntryId;
import org.tend.node.api.journal.EntryKind;
import org.tend.node.api.journal.EntryNotFoundException;
import org.tend.node.api.journal.Journal;
import org.tend.node.api.journal.Listing;
import org.tend.node.api.repair.Need;
import org.tend.node.api.repair.SurvivalResponse;

/** Writing, listing, amending, searching and resolving journal entries. */
class JournalTest {
  private static final Instant START = Instant.parse("2025-01-06T09:00:00Z");

  @TempDir
  Path temp;

  private final MutableClock clock = new MutableClock(START);

  private NodeConfig config() {
    return TestHomes.config(temp.resolve("home")).withClock(clock);
  }

  @Test
  void listsLatestRevisionsNewestFirst() throws Exception {
    try (TendNode node = TestHomes.init(config())) {
      Journal journal = node.journal();
      Entry first = journal.write(EntryDraft.of(EntryKind.CHECK_IN, "first"));
      clock.advance(Duration.ofHours(1));
      Entry second = journal.write(EntryDraft.of(EntryKind.NOTE, "second"));
      clock.advance(Duration.ofHours(1));
      Entry third = journal.write(EntryDraft.of(EntryKind.RUPTURE, "third"));

      assertEquals(List.of(third, second, first), all(journal).entries());
      assertEquals(START, first.createdAt());
      assertEquals(START.plus(Duration.ofHours(2)), third.createdAt());
    }
  }

  @Test
  void filtersByKindAndSince() throws Exception {
    try (TendNode node = TestHomes.init(config())) {
      Journal journal = node.journal();
      Entry oldCheckIn = journal.write(EntryDraft.of(EntryKind.CHECK_IN, "old check-in"));
      clock.advance(Duration.ofDays(3));
      Instant since = clock.instant();
      Entry note = journal.write(EntryDraft.of(EntryKind.NOTE, "a note"));
      clock.advance(Duration.ofMinutes(1));
      Entry newCheckIn = journal.write(EntryDraft.of(EntryKind.CHECK_IN, "new check-in"));

      assertEquals(List.of(newCheckIn, oldCheckIn),
          journal.list(Optional.of(EntryKind.CHECK_IN), Optional.empty()).entries());
      assertEquals(List.of(newCheckIn, note),
          journal.list(Optional.empty(), Optional.of(since)).entries(), "since is inclusive");
      assertEquals(List.of(newCheckIn),
          journal.list(Optional.of(EntryKind.CHECK_IN), Optional.of(since)).entries());
      assertEquals(List.of(),
          journal.list(Optional.of(EntryKind.RUPTURE), Optional.empty()).entries());
      assertEquals(List.of(), journal.list(Optional.empty(),
          Optional.of(clock.instant().plusMillis(1))).entries());
    }
  }

  @Test
  void amendingAddsARevisionAndShowGivesTheLatestWithItsHistory() throws Exception {
    try (TendNode node = TestHomes.init(config())) {
      Journal journal = node.journal();
      Entry original = journal.write(new EntryDraft(EntryKind.STABILISATION, "walked",
          Optional.of(new EntryDetails.Stabilisation("settle", List.of("walking"))),
          Optional.empty()));
      clock.advance(Duration.ofMinutes(5));
      Entry second = journal.amend(original.id(), "walked by the river");
      clock.advance(Duration.ofMinutes(5));
      Entry third = journal.amend(second.id(), "walked by the river, slowly");

      EntryHistory history = journal.show(original.id());
      assertEquals(third, history.latest());
      assertEquals(List.of(original, second), history.earlier());
      assertEquals(history, journal.show(second.id()), "any revision shows the whole chain");
      assertEquals(history, journal.show(third.id()));
      assertAll(
          () -> assertEquals(Optional.of(original.id()), third.revises()),
          () -> assertEquals(original.id(), third.chain()),
          () -> assertEquals(EntryKind.STABILISATION, third.kind()),
          () -> assertEquals(original.details(), third.details()),
          () -> assertEquals(START.plus(Duration.ofMinutes(10)), third.createdAt()));
      assertEquals(List.of(third), all(journal).entries(), "listing shows latest revisions only");
    }
  }

  @Test
  void searchIsCaseInsensitiveAndNeedsEveryWordInTheLatestText() throws Exception {
    try (TendNode node = TestHomes.init(config())) {
      Journal journal = node.journal();
      Entry both = journal.write(EntryDraft.of(EntryKind.NOTE, "Sat by the RIVER near the Bridge"));
      clock.advance(Duration.ofMinutes(1));
      journal.write(EntryDraft.of(EntryKind.NOTE, "only the river today"));
      clock.advance(Duration.ofMinutes(1));
      journal.write(EntryDraft.of(EntryKind.NOTE, "a bridge, no water"));
      clock.advance(Duration.ofMinutes(1));
      Entry amended = journal.write(EntryDraft.of(EntryKind.NOTE, "nothing yet"));
      clock.advance(Duration.ofMinutes(1));
      Entry revised = journal.amend(amended.id(), "later: bridge over the river");

      assertEquals(List.of(revised, both), journal.search("river BRIDGE").entries());
      assertEquals(List.of(revised, both), journal.search("  bridge   river ").entries());
      assertEquals(List.of(), journal.search("nothing").entries(), "old text is not searched");
      assertEquals(List.of(), journal.search("river bridge ocean").entries());
    }
  }

  @Test
  void resolvesAnEntryByAPrefixOfFourOrMoreCharacters() throws Exception {
    try (TendNode node = TestHomes.init(config())) {
      Journal journal = node.journal();
      EntryId id = journal.write(EntryDraft.of(EntryKind.NOTE, "find me")).id();

      assertEquals(id, journal.resolve(id.hex()));
      assertEquals(id, journal.resolve(id.hex().substring(0, 4)));
      assertEquals(id, journal.resolve(id.shortForm().toUpperCase()));
      assertEquals(id, journal.resolve(" " + id.shortForm() + " "));
      assertThrows(EntryNotFoundException.class, () -> journal.resolve(id.hex().substring(0, 3)));
      assertThrows(EntryNotFoundException.class, () -> journal.resolve("zzzz"));
      String absent = id.hex().charAt(0) == '0' ? "1111" : "0000";
      assertThrows(EntryNotFoundException.class, () -> journal.resolve(absent));
    }
  }

  @Test
  void refusesAPrefixThatMatchesSeveralEntries() throws Exception {
    try (TendNode node = TestHomes.init(config())) {
      Journal journal = node.journal();
      String shared = null;
      Map<String, Integer> byPrefix = new HashMap<>();
      for (int batch = 0; batch < 10 && shared == null; batch++) {
        List<EntryDraft> drafts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
          drafts.add(EntryDraft.of(EntryKind.NOTE, "entry " + batch + "/" + i));
        }
        for (Entry entry : journal.writeAll(drafts)) {
          String prefix = entry.id().hex().substring(0, 4);
          if (byPrefix.merge(prefix, 1, Integer::sum) == 2) {
            shared = prefix;
          }
        }
      }
      assertTrue(shared != null, "thousands of random ids share some four-character prefix");

      String ambiguous = shared;
      EntryNotFoundException refused = assertThrows(EntryNotFoundException.class,
          () -> journal.resolve(ambiguous));
      String expected = "matches " + byPrefix.get(shared) + " entries";
      assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }
  }

  @Test
  void acceptsTextOfExactlyTheMaximumAndRefusesOneByteMore() throws Exception {
    String longest = "a".repeat(EntryDraft.MAX_TEXT_BYTES);
    String longestMultiByte = "\u00e9".repeat(EntryDraft.MAX_TEXT_BYTES / 2);
    assertEquals(EntryDraft.MAX_TEXT_BYTES,
        longestMultiByte.getBytes(StandardCharsets.UTF_8).length);

    assertThrows(IllegalArgumentException.class,
        () -> EntryDraft.of(EntryKind.NOTE, longest + "a"));
    assertThrows(IllegalArgumentException.class,
        () -> EntryDraft.of(EntryKind.NOTE, longestMultiByte.substring(1) + "\u00e9a"));
    try (TendNode node = TestHomes.init(config())) {
      Journal journal = node.journal();
      Entry written = journal.write(EntryDraft.of(EntryKind.NOTE, longest));
      Entry multiByte = journal.write(EntryDraft.of(EntryKind.NOTE, longestMultiByte));

      assertThrows(IllegalArgumentException.class,
          () -> journal.amend(written.id(), longest + "a"));
      assertEquals(longest, journal.show(written.id()).latest().text());
      assertEquals(longestMultiByte, journal.show(multiByte.id()).latest().text());
      assertEquals(List.of(), journal.show(written.id()).earlier());
    }
  }

  @Test
  void detailsSurviveClosingAndReopening() throws Exception {
    List<EntryDetails> details = List.of(
        new EntryDetails.Notice(List.of("tight chest", "hot face"),
            Optional.of(SurvivalResponse.FAWN), OptionalInt.of(0), "the working group"),
        new EntryDetails.Notice(List.of(), Optional.empty(), OptionalInt.empty(), ""),
        new EntryDetails.Needs(List.of(Need.SILENCE_AND_PRESENCE, Need.OTHER), "Friday",
            "the garden"),
        new EntryDetails.Stabilisation("come up", List.of("cold water", "music")),
        new EntryDetails.Readiness(true, false, true));
    List<Entry> written = new ArrayList<>();
    try (TendNode node = TestHomes.init(config())) {
      for (EntryDetails d : details) {
        written.add(node.journal().write(
            new EntryDraft(EntryKind.REFLECTION, "with details", Optional.of(d), Optional.empty())));
        clock.advance(Duration.ofSeconds(1));
      }
    }
    try (TendNode node = TestHomes.open(config())) {
      for (Entry entry : written) {
        assertEquals(entry, node.journal().show(entry.id()).latest());
      }
    }
  }

  @Test
  void aBodyDamagedOnDiskIsNamedByShowAndLeftOutOfListingsWithoutHidingTheRest()
      throws Exception {
    Entry damaged;
    List<Entry> others = new ArrayList<>();
    try (TendNode node = TestHomes.init(config())) {
      for (int i = 0; i < 5; i++) {
        Entry entry = node.journal().write(EntryDraft.of(EntryKind.NOTE, "entry " + i));
        others.add(0, entry);
        clock.advance(Duration.ofMinutes(1));
      }
      damaged = others.remove(2);
    }
    damage(damaged.id(), StoredEntries::withBodyTagFlipped);

    try (TendNode node = TestHomes.open(config())) {
      Journal journal = node.journal();
      EntryDamagedException refused = assertThrows(EntryDamagedException.class,
          () -> journal.show(damaged.id()));
      assertEquals(damaged.id(), refused.entry());
      assertTrue(refused.getMessage().contains(damaged.id().shortForm()), refused.getMessage());

      Listing listing = all(journal);
      assertEquals(others, listing.entries());
      assertEquals(List.of(damaged.id()), listing.unreadable());
      assertEquals(List.of(damaged.id()), journal.search("entry").unreadable());
      assertEquals(others, journal.search("entry").entries());
    }
  }

  @Test
  void anIndexRecordDamagedOnDiskIsReportedUnreadable() throws Exception {
    Entry damaged;
    Entry kept;
    try (TendNode node = TestHomes.init(config())) {
      damaged = node.journal().write(EntryDraft.of(EntryKind.NOTE, "index damaged"));
      kept = node.journal().write(EntryDraft.of(EntryKind.NOTE, "fine"));
    }
    damage(damaged.id(), StoredEntries::withIndexTagFlipped);

    try (TendNode node = TestHomes.open(config())) {
      EntryDamagedException refused = assertThrows(EntryDamagedException.class,
          () -> node.journal().show(damaged.id()));
      assertEquals(damaged.id(), refused.entry());
      Listing listing = all(node.journal());
      assertEquals(List.of(kept), listing.entries());
      assertEquals(List.of(damaged.id()), listing.unreadable());
    }
  }

  @Test
  void anEntryWhoseBodyIsMissingIsReportedUnreadable() throws Exception {
    Entry lost;
    Entry kept;
    try (TendNode node = TestHomes.init(config())) {
      lost = node.journal().write(EntryDraft.of(EntryKind.NOTE, "body removed behind our back"));
      kept = node.journal().write(EntryDraft.of(EntryKind.NOTE, "fine"));
    }
    try (RawStore raw = RawStore.writable(TestHomes.storeOf(temp.resolve("home")))) {
      raw.put(StoredEntries.FAMILY, key(lost.id()),
          StoredEntries.withoutBody(raw.get(StoredEntries.FAMILY, key(lost.id()))));
    }

    try (TendNode node = TestHomes.open(config())) {
      assertEquals(lost.id(), assertThrows(EntryDamagedException.class,
          () -> node.journal().show(lost.id())).entry());
      Listing listing = all(node.journal());
      assertEquals(List.of(kept), listing.entries());
      assertEquals(List.of(lost.id()), listing.unreadable());
    }
  }

  @Test
  void bodiesSwappedBetweenEntriesOnDiskFailToOpen() throws Exception {
    Entry a;
    Entry b;
    try (TendNode node = TestHomes.init(config())) {
      a = node.journal().write(EntryDraft.of(EntryKind.NOTE, "entry a"));
      b = node.journal().write(EntryDraft.of(EntryKind.NOTE, "entry b"));
    }
    try (RawStore raw = RawStore.writable(TestHomes.storeOf(temp.resolve("home")))) {
      byte[] storedA = raw.get(StoredEntries.FAMILY, key(a.id()));
      byte[] storedB = raw.get(StoredEntries.FAMILY, key(b.id()));
      raw.put(StoredEntries.FAMILY, key(a.id()), StoredEntries.withBodyOf(storedA, storedB));
      raw.put(StoredEntries.FAMILY, key(b.id()), StoredEntries.withBodyOf(storedB, storedA));
    }

    try (TendNode node = TestHomes.open(config())) {
      assertThrows(EntryDamagedException.class, () -> node.journal().show(a.id()));
      assertThrows(EntryDamagedException.class, () -> node.journal().show(b.id()));
    }
  }

  @Test
  void writeAllSavesEveryDraftAndStatusCountsThem() throws Exception {
    try (TendNode node = TestHomes.init(config())) {
      List<Entry> written = node.journal().writeAll(List.of(
          EntryDraft.of(EntryKind.CHECK_IN, "one"),
          EntryDraft.of(EntryKind.HONOURING, "two"),
          EntryDraft.of(EntryKind.RECONNECTION, "three")));

      assertEquals(3, written.stream().map(Entry::id).distinct().count());
      assertEquals(3, node.status().entries());
      for (Entry entry : written) {
        assertEquals(entry, node.journal().show(entry.id()).latest());
      }
    }
  }

  private static Listing all(Journal journal) throws Exception {
    return journal.list(Optional.empty(), Optional.empty());
  }

  /** Rewrites one entry's stored value behind the node's back. */
  private void damage(EntryId id, Damage damage) throws Exception {
    try (RawStore raw = RawStore.writable(TestHomes.storeOf(temp.resolve("home")))) {
      raw.put(StoredEntries.FAMILY, key(id), damage.apply(raw.get(StoredEntries.FAMILY, key(id))));
    }
  }

  private interface Damage {
    byte[] apply(byte[] value) throws Exception;
  }

  private static byte[] key(EntryId id) {
    return HexFormat.of().parseHex(id.hex());
  }
}
