package org.tend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tend.node.TendNode;
import org.tend.node.api.journal.EntryDetails;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryKind;
import org.tend.node.api.repair.Repair;
import org.tend.node.api.repair.RepairStep;
import org.tend.node.api.repair.SurvivalResponse;

/** Every {@code --json} prints one valid JSON document a script can rely on. */
class JsonOutputTest {
  /** Quotes, backslashes, a newline, a tab, a control character and non-ASCII text. */
  private static final String AWKWARD = "She said \"fine\" \\ then\n\tleft \u0007 — ça va? 🌧";

  @TempDir
  static Path dir;
  static TestHome home;

  @BeforeAll
  static void createHome() throws Exception {
    home = TestHome.create(dir, "home");
    try (TendNode node = home.open()) {
      node.journal().write(EntryDraft.of(EntryKind.CHECK_IN, AWKWARD));
      node.resources().add("Riverside line", "0800 000 000", "24 hours");
      Repair repair = node.repairs().begin("the \"quiet\" one");
      node.repairs().answer(repair.id(), RepairStep.NOTICE, "hot face",
          Optional.of(new EntryDetails.Notice(List.of("heat or flushing"),
              Optional.of(SurvivalResponse.FIGHT), OptionalInt.of(8), "Robin")));
    }
  }

  @ParameterizedTest(name = "tend {0}")
  @ValueSource(strings = {"status --json", "journal list --json", "journal search hello --json",
      "journal search fine --json", "resources list --json", "patterns --json",
      "patterns --since 1d --json", "repair list --json"})
  void printsExactlyOneValidJsonDocument(String command) {
    CliResult result = home.tend(command.split(" "));

    assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
    assertEquals("", result.err());
    JsonReader.parse(result.out());
    assertTrue(result.out().endsWith("\n") && result.out().strip().lines().count() == 1,
        "one line: " + result.out());
  }

  @Test
  void statusJsonReportsWhatTheHomeHolds() {
    Map<String, Object> status = JsonReader.object(home.tend("status", "--json").out());

    assertEquals(List.of("home", "fingerprint", "kdfMemoryMiB", "kdfIterations", "entries",
        "openRepairs", "crisisResources", "network", "node"), List.copyOf(status.keySet()));
    assertEquals(Map.of("running", false), status.get("node"));
    assertEquals(home.home().toString(), status.get("home"));
    assertEquals(2, ((Number) status.get("entries")).intValue(), status::toString);
    assertEquals(1, ((Number) status.get("openRepairs")).intValue());
    assertEquals(1, ((Number) status.get("crisisResources")).intValue());
    assertEquals(64, ((Number) status.get("kdfMemoryMiB")).intValue());
  }

  @Test
  @SuppressWarnings("unchecked")
  void textRoundTripsExactlyThroughJsonEscaping() {
    Map<String, Object> listing = JsonReader.object(home.tend("journal", "list", "--json").out());

    List<Map<String, Object>> entries = (List<Map<String, Object>>) listing.get("entries");
    assertTrue(entries.stream().anyMatch(e -> AWKWARD.equals(e.get("text"))), listing::toString);
    List<Object> repairs = JsonReader.array(home.tend("repair", "list", "--json").out());
    assertEquals("the \"quiet\" one", ((Map<String, Object>) repairs.get(0)).get("title"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void patternsJsonTalliesWhatTheEntriesRecorded() {
    Map<String, Object> patterns = JsonReader.object(home.tend("patterns", "--json").out());

    assertEquals(List.of("since", "until", "entries", "survivalResponses", "bodySignals",
        "needs", "helped", "repairsBegun", "repairsCompleted", "repairsNotNow", "repairsLetGo",
        "weeklyEntries"), List.copyOf(patterns.keySet()));
    assertEquals(1, ((Number) ((Map<String, Object>) patterns.get("survivalResponses"))
        .get("fight")).intValue(), patterns::toString);
    assertEquals(1, ((Number) ((Map<String, Object>) patterns.get("bodySignals"))
        .get("heat or flushing")).intValue(), patterns::toString);
    assertEquals(1, ((Number) patterns.get("repairsBegun")).intValue());
    assertFalse(((List<Object>) patterns.get("weeklyEntries")).isEmpty());
  }

  @Test
  @SuppressWarnings("unchecked")
  void resourcesJsonIsAnArrayOfResources() {
    List<Object> resources = JsonReader.array(home.tend("resources", "list", "--json").out());

    assertEquals(1, resources.size());
    Map<String, Object> resource = (Map<String, Object>) resources.get(0);
    assertEquals(List.of("id", "name", "contact", "note"), List.copyOf(resource.keySet()));
    assertEquals("Riverside line", resource.get("name"));
    assertEquals("0800 000 000", resource.get("contact"));
    assertEquals("24 hours", resource.get("note"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void repairShowJsonLinksEachStepToItsRepair() {
    List<Object> repairs = JsonReader.array(home.tend("repair", "list", "--json").out());
    Map<String, Object> repair = (Map<String, Object>) repairs.get(0);
    String id = (String) repair.get("id");

    Map<String, Object> shown = JsonReader.object(home.tend("repair", "show", id, "--json").out());

    assertEquals("in-progress", shown.get("status"));
    assertEquals("name-it", shown.get("nextStep"));
    List<Object> steps = (List<Object>) shown.get("steps");
    assertEquals(1, steps.size());
    Map<String, Object> notice = (Map<String, Object>) steps.get(0);
    assertEquals(id, notice.get("repair"));
    assertEquals("notice", notice.get("step"));
    assertEquals("rupture", notice.get("kind"));
    assertEquals(List.of("body: heat or flushing", "response: fight", "intensity: 8/10",
        "involves: Robin"), notice.get("details"));
  }
}
