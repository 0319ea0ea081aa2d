package org.tend.cli.repair;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tend.cli.repair.RepairAnswers.ASK;
import static org.tend.cli.repair.RepairAnswers.HEADINGS;
import static org.tend.cli.repair.RepairAnswers.NAME_IT;
import static org.tend.cli.repair.RepairAnswers.NOTICE;
import static org.tend.cli.repair.RepairAnswers.concat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.cli.CliResult;
import org.tend.cli.TendProcess;
import org.tend.cli.TestHome;

/**
 * The repair wizard as a script or a member with a prepared file uses it: a separate `tend`
 * process reading one answer per line from a pipe (or from {@code --answers FILE}).
 */
class PipedRepairWizardTest {
  private static final List<String> ALL_STEPS = List.of("notice", "name-it", "ask", "stabilise",
      "honour", "reflect", "readiness", "re-engage", "reconnect");

  @TempDir
  static Path dir;
  static TestHome home;

  @BeforeAll
  static void createHome() throws Exception {
    home = TestHome.create(dir, "home");
  }

  private static CliResult piped(List<String> answers, String... command) throws Exception {
    CliResult result = TendProcess.tend(home.args(command)).lines(answers).run();
    assertEquals(0, result.exitCode(), result::toString);
    return result;
  }

  @Test
  void walksAllNineStepsFromPipedAnswersAndClosesTheRepairAsRepaired() throws Exception {
    CliResult result = piped(RepairAnswers.all(), "repair", "begin", "--title", "T");
    String id = SavedRepair.idBegunIn(result.out());

    assertWalkedEveryStepInOrder(result.out());
    assertTrue(result.out().contains("Closed as repaired."), result::toString);
    assertEquals(9, countOf(result.out(), "   Saved."), result::toString);
    Map<String, Object> listed = SavedRepair.listed(home, id);
    assertEquals("repaired", listed.get("status"), listed::toString);
    assertNull(listed.get("nextStep"), listed::toString);
    assertEquals("T", listed.get("title"));
    assertSavedEverything(SavedRepair.read(home, id));
  }

  @Test
  void walksAllNineStepsFromAnAnswersFile() throws Exception {
    Path answers = dir.resolve("answers.txt");
    Files.write(answers, RepairAnswers.all(), StandardCharsets.UTF_8);

    CliResult result = piped(List.of(), "repair", "begin", "--title", "T", "--answers",
        answers.toString());

    assertWalkedEveryStepInOrder(result.out());
    assertSavedEverything(SavedRepair.read(home, SavedRepair.idBegunIn(result.out())));
  }

  @Test
  void stopAtStepThreePausesAndContinueResumesFromStepThree() throws Exception {
    CliResult begun = piped(concat(NOTICE, NAME_IT, List.of("stop")),
        "repair", "begin", "--title", "paused at three");
    String id = SavedRepair.idBegunIn(begun.out());

    assertTrue(begun.out().contains("Paused at step 3. Finished steps are saved"),
        begun::toString);
    assertTrue(begun.out().contains("Continue any time with: tend repair continue " + id),
        begun::toString);
    assertFalse(begun.out().contains("Step 4 of 9"), begun::toString);
    SavedRepair paused = SavedRepair.read(home, id);
    assertEquals("in-progress", paused.status());
    assertEquals("ask", SavedRepair.listed(home, id).get("nextStep"));
    assertEquals(Set.of("notice", "name-it"), paused.steps().keySet());
    CliResult listed = home.tend("repair", "list");
    assertTrue(listed.out().lines().anyMatch(line -> line.startsWith(id)
        && line.contains("next: 3 Ask for what you need")), listed::toString);

    CliResult resumed = piped(RepairAnswers.fromStep(3), "repair", "continue", id);

    assertTrue(resumed.out().contains("Continuing paused at three."), resumed::toString);
    assertFalse(resumed.out().contains("Step 1 of 9"), resumed::toString);
    assertFalse(resumed.out().contains("What do you notice in your body?"), resumed::toString);
    assertFalse(resumed.out().contains("Step 2 of 9"), resumed::toString);
    assertTrue(resumed.out().indexOf(HEADINGS.get(2)) >= 0, resumed::toString);
    assertTrue(resumed.out().contains("Closed as repaired."), resumed::toString);
    assertSavedEverything(SavedRepair.read(home, id));
  }

  @Test
  void skipSkipsTheWholeStepAndSavesNothingForItEvenWhatWasAlreadyAnswered() throws Exception {
    // Step 2: the first question is answered, then 'skip' drops the step.
    CliResult result = piped(concat(NOTICE, List.of("not yet", "skip"), ASK, List.of("stop")),
        "repair", "begin", "--title", "skipping naming it");
    String id = SavedRepair.idBegunIn(result.out());

    assertTrue(result.out().contains("   Skipped."), result::toString);
    assertTrue(result.out().contains("Paused at step 4."), result::toString);
    SavedRepair saved = SavedRepair.read(home, id);
    assertEquals(Set.of("notice", "ask"), saved.steps().keySet());
    assertEquals("stabilise", saved.nextStep());
    assertFalse(saved.shown().toString().contains("Naming it"), saved::toString);
  }

  @Test
  void endOfInputPausesWithoutLosingAnsweredSteps() throws Exception {
    // Input ends halfway through step 2.
    CliResult result = piped(concat(NOTICE, List.of("not yet")),
        "repair", "begin", "--title", "input ran out");
    String id = SavedRepair.idBegunIn(result.out());

    assertTrue(result.out().contains("Paused at step 2. Finished steps are saved"),
        result::toString);
    SavedRepair saved = SavedRepair.read(home, id);
    assertEquals("in-progress", saved.status());
    assertEquals("name-it", saved.nextStep());
    assertEquals(Set.of("notice"), saved.steps().keySet());
    assertTrue(saved.details("notice").contains("intensity: 7/10"), saved::toString);
  }

  private static void assertWalkedEveryStepInOrder(String out) {
    int at = 0;
    for (String heading : HEADINGS) {
      int found = out.indexOf(heading, at);
      assertTrue(found >= 0, () -> "'" + heading + "' missing or out of order in:\n" + out);
      at = found;
    }
    assertTrue(out.indexOf("You have walked every step.", at) > at, out);
    assertTrue(out.contains("When could you come back together?"), out);
  }

  private static void assertSavedEverything(SavedRepair saved) {
    assertAll(
        () -> assertEquals("repaired", saved.status()),
        () -> assertNull(saved.nextStep()),
        () -> assertNotNull(saved.closedAt()),
        () -> assertEquals(Set.copyOf(ALL_STEPS), saved.steps().keySet(), saved::toString),
        () -> assertEquals("rupture", saved.kind("notice")),
        () -> assertEquals(List.of(
            "body: heat or flushing, tight chest or throat, jittery hands",
            "response: freeze",
            "intensity: 7/10",
            "involves: Sam"), saved.details("notice")),
        () -> assertEquals("embarrassed", saved.text("notice")),
        () -> assertEquals("Naming it: not yet\nI need a moment.", saved.text("name-it")),
        () -> assertEquals("need", saved.kind("ask")),
        () -> assertEquals(List.of(
            "needs: space, assurance",
            "come back together: tomorrow 6pm at the community garden"), saved.details("ask")),
        () -> assertEquals("An hour apart", saved.text("ask")),
        () -> assertEquals(List.of(
            "direction: settle",
            "helped: slow breathing, longer out than in, a walk or shaking it out"),
            saved.details("stabilise")),
        () -> assertEquals("Breathing out slowly", saved.text("stabilise")),
        () -> assertEquals("honouring", saved.kind("honour")),
        () -> assertEquals("It stung to be talked over.", saved.text("honour")),
        () -> assertEquals("reflection", saved.kind("reflect")),
        () -> assertTrue(saved.text("reflect").contains(
            "Did the moment echo something older? School dinners"), saved::toString),
        () -> assertEquals(List.of("open: yes, settled: yes, compassionate: yes"),
            saved.details("readiness")),
        () -> assertEquals("re-engagement", saved.kind("re-engage")),
        () -> assertTrue(saved.text("re-engage").startsWith("Where: the park bench\n"
            + "Intention: we are here to rebuild trust"), saved::toString),
        () -> assertEquals("reconnection", saved.kind("reconnect")),
        () -> assertEquals("We shared a pot of tea.", saved.text("reconnect")));
  }

  private static int countOf(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
