package org.tend.node.repair;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.MutableClock;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.TestHomes;
import org.tend.node.api.journal.Entry;
import org.tend.node.api.journal.EntryDetails;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryKind;
import org.tend.node.api.journal.RepairLink;
import org.tend.node.api.repair.Need;
import org.tend.node.api.repair.Repair;
import org.tend.node.api.repair.RepairId;
import org.tend.node.api.repair.RepairNotFoundException;
import org.tend.node.api.repair.RepairStatus;
import org.tend.node.api.repair.RepairStep;
import org.tend.node.api.repair.Repairs;
import org.tend.node.api.repair.SurvivalResponse;

/** Walking a repair step by step; only the member moves it on or closes it. */
class RepairsTest {
  private static final Instant START = Instant.parse("2025-03-03T18:30:00Z");

  @TempDir
  Path temp;

  private final MutableClock clock = new MutableClock(START);
  private NodeConfig config;
  private TendNode node;
  private Repairs repairs;

  @BeforeEach
  void openHome() throws Exception {
    config = TestHomes.config(temp.resolve("home")).withClock(clock);
    node = TestHomes.init(config);
    repairs = node.repairs();
  }

  @AfterEach
  void closeHome() {
    node.close();
  }

  @Test
  void aNewRepairIsInProgressAndOffersNoticeFirst() throws Exception {
    Repair repair = repairs.begin("  the budget meeting  ");

    assertEquals("the budget meeting", repair.title());
    assertEquals(Optional.of(RepairStep.NOTICE), repair.nextStep());
    assertEquals(RepairStatus.IN_PROGRESS, repair.status());
    assertEquals(START, repair.begunAt());
    assertEquals(Optional.empty(), repair.closedAt());
    assertEquals(repair, repairs.get(repair.id()));
  }

  @Test
  void answeringAStepSavesALinkedEntryOfTheStepsKindAndMovesPastIt() throws Exception {
    Repair repair = repairs.begin("the budget meeting");
    EntryDetails.Notice notice = new EntryDetails.Notice(List.of("tight chest"),
        Optional.of(SurvivalResponse.FIGHT), OptionalInt.of(8), "R.");

    Entry entry = repairs.answer(repair.id(), RepairStep.NOTICE, "I raised my voice",
        Optional.of(notice));

    assertEquals(EntryKind.RUPTURE, entry.kind());
    assertEquals(Optional.of(new RepairLink(repair.id(), RepairStep.NOTICE)), entry.repair());
    assertEquals(Optional.of(notice), entry.details());
    assertEquals(entry, node.journal().show(entry.id()).latest());
    assertEquals(Optional.of(RepairStep.NAME_IT), repairs.get(repair.id()).nextStep());
  }

  @Test
  void skippingMovesOnWithoutSavingAnything() throws Exception {
    Repair repair = repairs.begin("the budget meeting");
    repairs.answer(repair.id(), RepairStep.NOTICE, "noticed", Optional.empty());

    Repair skipped = repairs.skip(repair.id(), RepairStep.NAME_IT);

    assertEquals(Optional.of(RepairStep.ASK), skipped.nextStep());
    assertEquals(1, node.journal().forRepair(repair.id()).size());
    assertEquals(1, node.status().entries());
  }

  @Test
  void listShowsEachRepairsNextStepMostRecentlyBegunFirst() throws Exception {
    Repair older = repairs.begin("older");
    repairs.answer(older.id(), RepairStep.NOTICE, "noticed", Optional.empty());
    repairs.skip(older.id(), RepairStep.NAME_IT);
    clock.advance(Duration.ofDays(1));
    Repair newer = repairs.begin("newer");

    List<Repair> listed = repairs.list();

    assertEquals(List.of(newer.id(), older.id()), listed.stream().map(Repair::id).toList());
    assertEquals(Optional.of(RepairStep.NOTICE), listed.get(0).nextStep());
    assertEquals(Optional.of(RepairStep.ASK), listed.get(1).nextStep());
  }

  @Test
  void answeringOrSkippingAnEarlierStepAgainDoesNotRewind() throws Exception {
    Repair repair = repairs.begin("the budget meeting");
    repairs.answer(repair.id(), RepairStep.NOTICE, "noticed", Optional.empty());
    repairs.answer(repair.id(), RepairStep.NAME_IT, "named", Optional.empty());
    repairs.answer(repair.id(), RepairStep.ASK, "asked",
        Optional.of(new EntryDetails.Needs(List.of(Need.SPACE), "tomorrow", "the kitchen")));
    assertEquals(Optional.of(RepairStep.STABILISE), repairs.get(repair.id()).nextStep());

    Entry again = repairs.answer(repair.id(), RepairStep.NOTICE, "noticed more",
        Optional.empty());
    repairs.skip(repair.id(), RepairStep.NAME_IT);

    assertEquals(Optional.of(RepairStep.STABILISE), repairs.get(repair.id()).nextStep());
    assertEquals(again, node.journal().show(again.id()).latest(), "the answer is still saved");
  }

  @Test
  void answeringTheLastStepLeavesNoNextStepAndTheRepairOpen() throws Exception {
    Repair repair = repairs.begin("the whole way");
    for (RepairStep step : RepairStep.values()) {
      Optional<EntryDetails> details = step == RepairStep.READINESS
          ? Optional.of(new EntryDetails.Readiness(true, true, true))
          : Optional.empty();
      Entry entry = repairs.answer(repair.id(), step, step.title(), details);
      assertEquals(step.kind(), entry.kind());
      clock.advance(Duration.ofMinutes(1));
    }

    Repair walked = repairs.get(repair.id());
    assertEquals(Optional.empty(), walked.nextStep());
    assertEquals(RepairStatus.IN_PROGRESS, walked.status(), "only the member closes a repair");
    assertEquals(1, node.status().openRepairs());
  }

  @Test
  void closingRecordsTheOutcomeAndWhen() throws Exception {
    Repair repaired = repairs.begin("repaired");
    Repair letGo = repairs.begin("let go");
    Repair notNow = repairs.begin("not now");
    clock.advance(Duration.ofDays(2));

    assertEquals(RepairStatus.REPAIRED, repairs.close(repaired.id(), RepairStatus.REPAIRED)
        .status());
    assertEquals(RepairStatus.LET_GO, repairs.close(letGo.id(), RepairStatus.LET_GO).status());
    assertEquals(RepairStatus.NOT_NOW, repairs.close(notNow.id(), RepairStatus.NOT_NOW)
        .status());
    assertThrows(IllegalArgumentException.class,
        () -> repairs.close(repaired.id(), RepairStatus.IN_PROGRESS));

    Repair closed = repairs.get(repaired.id());
    assertEquals(RepairStatus.REPAIRED, closed.status());
    assertEquals(Optional.of(START.plus(Duration.ofDays(2))), closed.closedAt());
    assertEquals(0, node.status().openRepairs());
  }

  @Test
  void forRepairGivesTheRepairsOwnEntriesOldestFirst() throws Exception {
    Repair mine = repairs.begin("mine");
    Repair other = repairs.begin("other");
    Entry first = repairs.answer(mine.id(), RepairStep.NOTICE, "one", Optional.empty());
    clock.advance(Duration.ofMinutes(1));
    repairs.answer(other.id(), RepairStep.NOTICE, "not mine", Optional.empty());
    node.journal().write(EntryDraft.of(EntryKind.NOTE, "not in any repair"));
    clock.advance(Duration.ofMinutes(1));
    Entry second = repairs.answer(mine.id(), RepairStep.NAME_IT, "two", Optional.empty());

    assertEquals(List.of(first, second), node.journal().forRepair(mine.id()));
  }

  @Test
  void repairsSurviveClosingAndReopeningTheHome() throws Exception {
    Repair repair = repairs.begin("kept");
    repairs.answer(repair.id(), RepairStep.NOTICE, "noticed", Optional.empty());
    Repair before = repairs.get(repair.id());
    node.close();

    node = TestHomes.open(config);
    repairs = node.repairs();

    assertEquals(List.of(before), repairs.list());
    assertEquals(1, node.journal().forRepair(repair.id()).size());
  }

  @Test
  void resolvesARepairByPrefixAndReportsUnknownOnes() throws Exception {
    Repair repair = repairs.begin("find me");
    RepairId unknown = new RepairId(repair.id().hex().startsWith("f")
        ? "0".repeat(32) : "f".repeat(32));

    assertEquals(repair.id(), repairs.resolve(repair.id().shortForm()));
    assertThrows(RepairNotFoundException.class, () -> repairs.resolve(unknown.shortForm()));
    assertThrows(RepairNotFoundException.class, () -> repairs.get(unknown));
    assertThrows(RepairNotFoundException.class, () -> repairs.skip(unknown, RepairStep.NOTICE));
    assertThrows(RepairNotFoundException.class,
        () -> repairs.answer(unknown, RepairStep.NOTICE, "lost", Optional.empty()));
    assertEquals(0, node.status().entries(), "an answer to no repair saves nothing");
  }

  @Test
  void aTitleHoldsExactlyTheMaximumAndNotOneCharacterMore() {
    assertDoesNotThrow(() -> repairs.begin("t".repeat(RepairBook.MAX_TITLE_CHARS)));
    assertThrows(IllegalArgumentException.class,
        () -> repairs.begin("t".repeat(RepairBook.MAX_TITLE_CHARS + 1)));
  }
}
