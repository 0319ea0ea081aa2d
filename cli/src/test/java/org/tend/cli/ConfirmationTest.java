package org.tend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.TendNode;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryKind;
import org.tend.node.api.repair.Repair;
import org.tend.node.api.repair.RepairStep;

/**
 * Deleting asks first at a terminal; a script must say --yes, and without it nothing is
 * deleted. Deleting a repair takes the steps saved for it along.
 */
class ConfirmationTest {
  @TempDir
  static Path dir;
  static TestHome home;

  @BeforeAll
  static void createHome() throws Exception {
    home = TestHome.create(dir, "home");
  }

  @Test
  void journalDeleteWithoutATerminalOrYesIsRefusedAndKeepsTheEntry() {
    String id = write("Kept unless I say so.");

    CliResult refused = home.tend("journal", "delete", id);

    assertEquals(ExitCodes.USAGE, refused.exitCode(), refused::toString);
    assertTrue(refused.err().contains("`tend journal delete` needs --yes"), refused::toString);
    assertTrue(refused.err().contains("See `tend journal delete --help`"), refused::toString);
    assertEquals(ExitCodes.OK, home.tend("journal", "show", id).exitCode());
    assertEquals(ExitCodes.OK, home.tend("journal", "delete", id, "--yes").exitCode());
    assertEquals(ExitCodes.REFUSED_INPUT, home.tend("journal", "show", id).exitCode());
  }

  @Test
  void journalDeleteAtATerminalDeletesOnlyAfterYesIsTyped() throws Exception {
    TestPrograms.need("/usr/bin/script", ".ci/run installs bsdutils");
    String id = write("Asked before it goes.");

    try (Terminal terminal = Terminal.start(List.of(home.args("journal", "delete", id)),
        Map.of())) {
      terminal.expect("Delete entry " + id + " and all its revisions for good?");
      terminal.expect("Type yes:");
      terminal.type("no");
      terminal.expect("Nothing was deleted.");
      assertEquals(ExitCodes.OK, terminal.awaitExit(), terminal.plainScreen());
    }
    assertEquals(ExitCodes.OK, home.tend("journal", "show", id).exitCode());

    try (Terminal terminal = Terminal.start(List.of(home.args("journal", "delete", id)),
        Map.of())) {
      terminal.expect("Type yes:");
      terminal.type("yes");
      terminal.expect("Deleted " + id);
      assertEquals(ExitCodes.OK, terminal.awaitExit(), terminal.plainScreen());
    }
    assertEquals(ExitCodes.REFUSED_INPUT, home.tend("journal", "show", id).exitCode());
  }

  @Test
  void repairDeleteTakesTheRepairAndEveryStepSavedForIt() throws Exception {
    Repair repair;
    String unrelated;
    try (TendNode node = home.open()) {
      repair = node.repairs().begin("the missed handover");
      node.repairs().answer(repair.id(), RepairStep.NOTICE, "tight chest after the call",
          Optional.empty());
      node.repairs().answer(repair.id(), RepairStep.NAME_IT, "I felt left out of the decision",
          Optional.empty());
      unrelated = node.journal().write(new EntryDraft(EntryKind.NOTE,
          "A note of its own.", Optional.empty(), Optional.empty())).id().hex();
    }
    String id = repair.id().shortForm();

    CliResult refused = home.tend("repair", "delete", id);
    assertEquals(ExitCodes.USAGE, refused.exitCode(), refused::toString);
    CliResult deleted = home.tend("repair", "delete", id, "--yes");

    assertEquals(ExitCodes.OK, deleted.exitCode(), deleted::toString);
    assertEquals("Deleted the repair " + id + " and 2 steps.", deleted.out().strip());
    try (TendNode node = home.open()) {
      assertTrue(node.repairs().list().stream().noneMatch(r -> r.id().equals(repair.id())));
      assertTrue(node.journal().forRepair(repair.id()).isEmpty());
      assertTrue(node.journal().search("handover").entries().isEmpty());
      assertTrue(node.journal().search("decision").entries().isEmpty());
      assertFalse(node.journal().search("own").entries().isEmpty(), "other entries stay");
    }
    assertEquals(ExitCodes.REFUSED_INPUT, home.tend("repair", "show", id).exitCode());
    assertTrue(home.tend("journal", "show", unrelated).out().contains("A note of its own."));
  }

  private static String write(String text) {
    CliResult result = home.tend("journal", "write", "--kind", "note", "--text", text);
    assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
    return result.out().strip().replace("Saved note ", "").replace(".", "");
  }
}
