package org.tend.cli.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tend.cli.repair.RepairAnswers.concat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tend.cli.CliResult;
import org.tend.cli.ExitCodes;
import org.tend.cli.TestHome;

/**
 * Which questions the wizard asks and what it saves from the answers, driven in this JVM with
 * {@code --answers FILE} (the piped process tests cover the same wizard end to end).
 */
class RepairWizardQuestionsTest {
  private static final String WHEN = "When could you come back together?";
  private static final List<String> SKIP_TO_ASK = List.of("skip", "skip");
  private static final List<String> SKIP_TO_STABILISE = List.of("skip", "skip", "skip");
  private static final AtomicInteger FILES = new AtomicInteger();

  @TempDir
  static Path dir;
  static TestHome home;

  @BeforeAll
  static void createHome() throws Exception {
    home = TestHome.create(dir, "home");
  }

  private static CliResult begin(List<String> answers) throws Exception {
    CliResult result = run(answers, "repair", "begin", "--title", "questions");
    assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
    return result;
  }

  private static CliResult run(List<String> answers, String... command) throws Exception {
    Path file = dir.resolve("answers-" + FILES.incrementAndGet() + ".txt");
    Files.write(file, answers, StandardCharsets.UTF_8);
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(List.of("--answers", file.toString()));
    return home.tend(all.toArray(String[]::new));
  }

  private static SavedRepair saved(CliResult result) {
    return SavedRepair.read(home, SavedRepair.idBegunIn(result.out()));
  }

  @ParameterizedTest(name = "need {0}")
  @ValueSource(strings = {"1", "2", "3", "space", "Solitude", "disengagement"})
  void asksWhenAndWhereToComeBackTogetherWhenSpaceSolitudeOrDisengagementIsChosen(String need)
      throws Exception {
    CliResult result = begin(concat(SKIP_TO_ASK,
        List.of(need, "a break", "tomorrow 6pm", "the kitchen", "stop")));

    assertTrue(result.out().contains(WHEN), result::toString);
    assertTrue(result.out().contains("Where?"), result::toString);
    SavedRepair saved = saved(result);
    assertEquals("stabilise", saved.nextStep(), "when and where belong to step 3");
    assertTrue(saved.details("ask").contains("come back together: tomorrow 6pm at the kitchen"),
        saved::toString);
  }

  @ParameterizedTest(name = "need {0}")
  @ValueSource(strings = {"4", "5", "assurance", "a hug"})
  void doesNotAskWhenAndWhereForOtherNeeds(String need) throws Exception {
    CliResult result = begin(concat(SKIP_TO_ASK, List.of(need, "to hear we are okay", "stop")));

    assertFalse(result.out().contains(WHEN), result::toString);
    assertTrue(result.out().contains("Paused at step 4."), result::toString);
    SavedRepair saved = saved(result);
    assertFalse(saved.details("ask").stream().anyMatch(d -> d.startsWith("come back together")),
        saved::toString);
  }

  @Test
  void keepsTheMembersOwnWordsForANeedNotInTheList() throws Exception {
    SavedRepair saved = saved(begin(concat(SKIP_TO_ASK, List.of("5, a hug", "", "stop"))));

    assertEquals(List.of("needs: assurance, something else"), saved.details("ask"));
    assertEquals("Also: a hug", saved.text("ask"));
  }

  @Test
  void anEmptyAnswerSkipsOnlyThatQuestion() throws Exception {
    SavedRepair saved = saved(begin(List.of("", "", "fight", "", "", "stop")));

    assertEquals(List.of("response: fight"), saved.details("notice"));
    assertEquals("", saved.text("notice"));
  }

  @Test
  void aSurvivalResponseInTheMembersOwnWordsIsSavedAsOther() throws Exception {
    SavedRepair saved = saved(begin(List.of("", "", "went blank", "", "", "stop")));

    assertEquals(List.of("response: other"), saved.details("notice"));
    assertEquals("Response: went blank", saved.text("notice"));
  }

  @Test
  void aStepWithEveryQuestionLeftEmptySavesNothingAndMovesOn() throws Exception {
    CliResult result = begin(List.of("", "", "", "", "", "stop"));

    assertTrue(result.out().contains("   Nothing saved for this step."), result::toString);
    SavedRepair saved = saved(result);
    assertEquals(Set.of(), saved.steps().keySet());
    assertEquals("name-it", saved.nextStep());
  }

  @Test
  void asksAgainOnceWhenTheIntensityIsOutOfRange() throws Exception {
    CliResult result = begin(List.of("", "", "", "11", "4", "", "stop"));

    assertTrue(result.out().contains("A number from 0 to 10, or press Enter to skip."),
        result::toString);
    assertEquals(List.of("intensity: 4/10"), saved(result).details("notice"));
  }

  @Test
  void readinessSavesEachYesOrNoAndSaysNotYetIsFine() throws Exception {
    List<String> toReadiness = List.of("skip", "skip", "skip", "skip", "skip", "skip");
    CliResult result = begin(concat(toReadiness, List.of("yes", "no", "y", "stop")));

    assertTrue(result.out().contains("Not yet is a fine answer."), result::toString);
    assertEquals(List.of("open: yes, settled: not yet, compassionate: yes"),
        saved(result).details("readiness"));
  }

  @Test
  void aSkippedReadinessQuestionIsSavedAsSkippedNotAsNo() throws Exception {
    List<String> toReadiness = List.of("skip", "skip", "skip", "skip", "skip", "skip");
    CliResult result = begin(concat(toReadiness, List.of("yes", "", "yes", "stop")));

    assertEquals(List.of("open: yes, settled: skipped, compassionate: yes"),
        saved(result).details("readiness"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"settle, settle", "s, settle", "come up, come up", "up, come up"})
  void stabiliseReadsTheDirectionAnsweredAsSettleOrComeUp(String answer, String direction)
      throws Exception {
    CliResult result = begin(concat(SKIP_TO_STABILISE, List.of(answer, "1", "", "stop")));

    assertEquals("direction: " + direction, saved(result).details("stabilise").get(0));
  }

  /**
   * Fails today: the question asks "Does your system feel revved up (settle) or shut down (come
   * up)?", and the answer is read by its first letter, so a member who answers "shut down" is
   * given the settling suggestions and "direction: settle" is saved, the opposite of what a
   * shut-down system needs; "revved up" is read as unsure.
   */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"shut down, come up, 'gentle movement, stretching'",
      "revved up, settle, 'slow breathing, longer out than in'"})
  void stabiliseReadsAnAnswerInTheQuestionsOwnWordsAsTheMatchingDirection(String answer,
      String direction, String firstSuggestion) throws Exception {
    CliResult result = begin(concat(SKIP_TO_STABILISE, List.of(answer, "1", "", "stop")));

    assertEquals(List.of("direction: " + direction, "helped: " + firstSuggestion),
        saved(result).details("stabilise"));
  }

  @Test
  void acceptsATitleOfExactlyTwoHundredCharactersAndRefusesOneMore() throws Exception {
    String longest = "t".repeat(200);

    CliResult accepted = run(List.of("stop"), "repair", "begin", "--title", longest);
    CliResult refused = run(List.of("stop"), "repair", "begin", "--title", longest + "t");

    assertEquals(ExitCodes.OK, accepted.exitCode(), accepted::toString);
    assertEquals(longest, saved(accepted).title());
    assertEquals(ExitCodes.REFUSED_INPUT, refused.exitCode(), refused::toString);
    assertTrue(refused.err().contains("a repair's title holds at most 200 characters"),
        refused::toString);
  }

  /**
   * Fails today: 'stop' at the title question is treated like an empty title, so an "untitled"
   * repair is begun and the wizard goes straight on to step 1, asking its first question, and
   * reads the next line as the answer.
   */
  @Test
  void stopAtTheTitleQuestionAsksNothingMore() throws Exception {
    CliResult result = run(List.of("stop", "1, 2"), "repair", "begin");

    assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
    assertFalse(result.out().contains("What do you notice in your body?"), result::toString);
  }

  @Test
  void asksForATitleWhenNoneIsGiven() throws Exception {
    CliResult result = run(List.of("the kitchen argument", "stop"), "repair", "begin");

    assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
    assertTrue(result.out().contains("A few words to recognise this repair by"),
        result::toString);
    assertEquals("the kitchen argument", saved(result).title());
  }

  @Test
  void leavingTheFinalQuestionEmptyLeavesTheRepairOpenWithEveryStepOffered() throws Exception {
    List<String> answers = new ArrayList<>(RepairAnswers.all());
    answers.set(answers.size() - 1, "");

    CliResult result = begin(answers);

    assertTrue(result.out().contains("Left open. Close it later with: tend repair close"),
        result::toString);
    SavedRepair saved = saved(result);
    assertEquals("in-progress", saved.status());
    assertNull(saved.nextStep());
  }

  @Test
  void theFinalQuestionClosesAsNotNowOrLetGo() throws Exception {
    List<String> notNow = new ArrayList<>(RepairAnswers.all());
    notNow.set(notNow.size() - 1, "not now");
    List<String> letGo = new ArrayList<>(RepairAnswers.all());
    letGo.set(letGo.size() - 1, "Let Go");

    assertEquals("not-now", saved(begin(notNow)).status());
    assertEquals("let-go", saved(begin(letGo)).status());
  }

  @Test
  void continuingAClosedRepairIsRefused() throws Exception {
    String id = SavedRepair.idBegunIn(begin(List.of("stop")).out());
    assertEquals(ExitCodes.OK, home.tend("repair", "close", id, "--as", "let-go").exitCode());

    CliResult result = run(List.of(), "repair", "continue", id);

    assertEquals(ExitCodes.REFUSED_INPUT, result.exitCode(), result::toString);
    assertTrue(result.err().contains("repair " + id + " is closed (let go)"), result::toString);
  }

  @Test
  void closeRefusesAnUnknownOutcome() throws Exception {
    String id = SavedRepair.idBegunIn(begin(List.of("stop")).out());

    CliResult result = home.tend("repair", "close", id, "--as", "fixed");

    assertEquals(ExitCodes.REFUSED_INPUT, result.exitCode(), result::toString);
    assertTrue(result.err().contains("repaired, not-now or let-go"), result::toString);
    assertEquals("in-progress", SavedRepair.read(home, id).status());
  }
}
