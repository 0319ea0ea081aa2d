package org.tend.node.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.MutableClock;
import org.tend.node.TendNode;
import org.tend.node.TestHomes;
import org.tend.node.api.journal.EntryDetails;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryKind;
import org.tend.node.api.patterns.PatternReport;
import org.tend.node.api.patterns.Tally;
import org.tend.node.api.repair.Need;
import org.tend.node.api.repair.Repair;
import org.tend.node.api.repair.RepairStatus;
import org.tend.node.api.repair.SurvivalResponse;

/** The member's own patterns over a window of their journal and repairs. */
class PatternsTest {
  private static final Instant NOW = Instant.parse("2025-04-28T12:00:00Z");
  private static final Instant SINCE = NOW.minus(Duration.ofDays(28));

  @TempDir
  Path temp;

  private final MutableClock clock = new MutableClock(NOW.minus(Duration.ofDays(60)));

  @Test
  void countsResponsesSignalsNeedsHelpedPracticesRepairsAndWeeklyEntries() throws Exception {
    try (TendNode node = TestHomes.init(TestHomes.config(temp.resolve("home")).withClock(clock))) {
      at(40, node, EntryKind.RUPTURE, notice(SurvivalResponse.FAWN, "left out"));
      begin(40, node, Optional.of(RepairStatus.REPAIRED));

      at(25, node, EntryKind.RUPTURE, notice(SurvivalResponse.FREEZE, "Tight chest", "shaking"));
      at(20, node, EntryKind.RUPTURE, notice(SurvivalResponse.FREEZE, " tight chest "));
      at(10, node, EntryKind.RUPTURE, notice(SurvivalResponse.FIGHT, "shaking", "tight chest"));
      at(9, node, EntryKind.NEED, Optional.of(new EntryDetails.Needs(
          List.of(Need.SPACE, Need.ASSURANCE), "", "")));
      at(3, node, EntryKind.NEED, Optional.of(new EntryDetails.Needs(List.of(Need.SPACE), "",
          "")));
      at(2, node, EntryKind.STABILISATION, Optional.of(new EntryDetails.Stabilisation("settle",
          List.of("Walking", "breathing"))));
      at(1, node, EntryKind.STABILISATION, Optional.of(new EntryDetails.Stabilisation("settle",
          List.of("walking "))));
      at(0, node, EntryKind.NOTE, Optional.empty());

      begin(25, node, Optional.of(RepairStatus.REPAIRED));
      begin(20, node, Optional.of(RepairStatus.REPAIRED));
      begin(10, node, Optional.of(RepairStatus.LET_GO));
      begin(9, node, Optional.of(RepairStatus.NOT_NOW));
      begin(3, node, Optional.empty());
      clock.set(NOW);

      PatternReport report = node.patterns().since(SINCE);

      assertEquals(SINCE, report.since());
      assertEquals(NOW, report.until());
      assertEquals(8, report.entries());
      assertEquals(List.of(new Tally("freeze", 2), new Tally("fight", 1)),
          report.survivalResponses());
      assertEquals(List.of(new Tally("tight chest", 3), new Tally("shaking", 2)),
          report.bodySignals());
      assertEquals(List.of(new Tally("space", 2), new Tally("assurance", 1)), report.needs());
      assertEquals(List.of(new Tally("walking", 2), new Tally("breathing", 1)), report.helped());
      assertEquals(5, report.repairsBegun());
      assertEquals(2, report.repairsCompleted());
      assertEquals(1, report.repairsLetGo());
      assertEquals(1, report.repairsNotNow());
      assertEquals(List.of(1, 1, 2, 4), report.weeklyEntries(), "oldest week first");
    }
  }

  @Test
  void anEmptyJournalHasNothingToCount() throws Exception {
    clock.set(NOW);
    try (TendNode node = TestHomes.init(TestHomes.config(temp.resolve("home")).withClock(clock))) {
      PatternReport report = node.patterns().since(NOW.minus(Duration.ofDays(14)));

      assertEquals(0, report.entries());
      assertEquals(List.of(), report.survivalResponses());
      assertEquals(List.of(), report.bodySignals());
      assertEquals(List.of(), report.needs());
      assertEquals(List.of(), report.helped());
      assertEquals(0, report.repairsBegun());
      assertEquals(List.of(0, 0), report.weeklyEntries());
    }
  }

  private void at(int daysAgo, TendNode node, EntryKind kind, Optional<EntryDetails> details)
      throws Exception {
    clock.set(NOW.minus(Duration.ofDays(daysAgo)).minus(Duration.ofHours(1)));
    node.journal().write(new EntryDraft(kind, kind.label() + " " + daysAgo + " days ago",
        details, Optional.empty()));
  }

  private void begin(int daysAgo, TendNode node, Optional<RepairStatus> outcome)
      throws Exception {
    clock.set(NOW.minus(Duration.ofDays(daysAgo)).minus(Duration.ofHours(1)));
    Repair repair = node.repairs().begin("begun " + daysAgo + " days ago");
    if (outcome.isPresent()) {
      node.repairs().close(repair.id(), outcome.get());
    }
  }

  private static Optional<EntryDetails> notice(SurvivalResponse response, String... signals) {
    return Optional.of(new EntryDetails.Notice(List.of(signals), Optional.of(response),
        OptionalInt.empty(), ""));
  }
}
