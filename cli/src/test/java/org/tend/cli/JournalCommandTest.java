package org.tend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `tend journal`: write, list, show, search, amend and delete. */
class JournalCommandTest {
  private static final Pattern SAVED = Pattern.compile("Saved ([a-z-]+) ([0-9a-f]+)\\.");

  @TempDir
  static Path dir;
  static TestHome home;

  @BeforeAll
  static void createHome() throws Exception {
    home = TestHome.create(dir, "home");
  }

  /** Writes an entry and returns its short id. */
  private static String write(String kind, String text) {
    CliResult result = home.tend("journal", "write", "--kind", kind, "--text", text);
    assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
    Matcher saved = SAVED.matcher(result.out());
    assertTrue(saved.find(), result::toString);
    return saved.group(2);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> entries(String... listCommand) {
    CliResult result = home.tend(listCommand);
    assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
    return (List<Map<String, Object>>) (List<?>) JsonReader.object(result.out()).get("entries");
  }

  private static Map<String, Object> entryStartingWith(String shortId) {
    return entries("journal", "list", "--json").stream()
        .filter(e -> ((String) e.get("id")).startsWith(shortId)).findFirst()
        .orElseThrow(() -> new AssertionError("no entry " + shortId));
  }

  @Test
  void writeReadsTheEntryFromStandardInputWhenNoTextIsGiven() throws Exception {
    CliResult result = TendProcess.tend(home.args("journal", "write", "--kind", "rupture"))
        .input("Shouted at the planning meeting.\nThen left early.\n\n")
        .run();

    assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
    Matcher saved = SAVED.matcher(result.out());
    assertTrue(saved.find(), result::toString);
    assertEquals("rupture", saved.group(1));
    Map<String, Object> entry = entryStartingWith(saved.group(2));
    assertEquals("rupture", entry.get("kind"));
    assertEquals("Shouted at the planning meeting.\nThen left early.", entry.get("text"));
  }

  @Test
  void writeRefusesAnUnknownKindAsRefusedInputAndSavesNothing() {
    int before = entries("journal", "list", "--json").size();

    CliResult result = home.tend("journal", "write", "--kind", "nonsense", "--text", "hello");

    assertEquals(ExitCodes.REFUSED_INPUT, result.exitCode(), result::toString);
    assertEquals("tend: 'nonsense' is not an entry kind; `tend journal --help` lists them",
        result.err().strip());
    assertEquals(before, entries("journal", "list", "--json").size());
  }

  @Test
  void writeAcceptsTheAmericanSpellingOfAKind() {
    String id = write("stabilization", "Cold water helped.");

    assertEquals("stabilisation", entryStartingWith(id).get("kind"));
  }

  @Test
  void writeWithoutAKindSavesANote() {
    CliResult result = home.tend("journal", "write", "--text", "Just a note.");

    assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
    assertTrue(result.out().startsWith("Saved note "), result::toString);
  }

  @Test
  void writeRefusesAnEmptyEntry() {
    CliResult result = home.tend("journal", "write", "--text", "   ");

    assertEquals(ExitCodes.REFUSED_INPUT, result.exitCode(), result::toString);
    assertTrue(result.err().contains("the entry is empty; nothing was saved"), result::toString);
  }

  @Test
  void writeAcceptsExactly256KibOfTextAndRefusesOneByteMore() {
    String largest = "a".repeat(256 * 1024);

    CliResult accepted = home.tend("journal", "write", "--text", largest);
    CliResult refused = home.tend("journal", "write", "--text", largest + "a");

    assertEquals(ExitCodes.OK, accepted.exitCode(), accepted::toString);
    assertEquals(ExitCodes.REFUSED_INPUT, refused.exitCode(), refused::toString);
    assertEquals("tend: an entry holds at most 256 KiB of text", refused.err().strip());
  }

  @Test
  void listJsonGivesEveryFieldOfEachEntry() {
    String id = write("check-in", "Tired but glad.");

    Map<String, Object> entry = entryStartingWith(id);

    assertEquals(List.of("id", "kind", "createdAt", "text", "revises", "repair", "step",
        "details"), List.copyOf(entry.keySet()));
    assertTrue(((String) entry.get("id")).matches("[0-9a-f]{32,}"), entry::toString);
    assertEquals("check-in", entry.get("kind"));
    assertEquals("Tired but glad.", entry.get("text"));
    assertNull(entry.get("revises"));
    assertNull(entry.get("repair"));
    assertEquals(List.of(), entry.get("details"));
    assertEquals(List.of(), JsonReader.object(home.tend("journal", "list", "--json").out())
        .get("unreadable"));
  }

  @Test
  void listFiltersByKind() {
    write("pattern-note", "I go quiet when interrupted.");

    List<Map<String, Object>> notes = entries("journal", "list", "--kind", "pattern-note",
        "--json");

    assertFalse(notes.isEmpty());
    assertTrue(notes.stream().allMatch(e -> e.get("kind").equals("pattern-note")), notes::toString);
  }

  @Test
  void listRefusesASinceItCannotRead() {
    CliResult result = home.tend("journal", "list", "--since", "last tuesday");

    assertEquals(ExitCodes.REFUSED_INPUT, result.exitCode(), result::toString);
    assertTrue(result.err().contains("is not a time span like 90d"), result::toString);
  }

  @Test
  void searchJsonFindsOnlyEntriesContainingEveryWord() {
    String both = write("note", "The banner painting with Robin went well.");
    write("note", "Robin was late.");

    List<Map<String, Object>> found = entries("journal", "search", "robin", "banner", "--json");

    assertEquals(1, found.size(), found::toString);
    assertTrue(((String) found.get(0).get("id")).startsWith(both));
  }

  @Test
  void showPrintsTheEntryFoundByTheFirstCharactersOfItsId() {
    String id = write("honouring", "It hurt to be left out.");

    CliResult result = home.tend("journal", "show", id.substring(0, 6));

    assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
    assertTrue(result.out().startsWith("honouring  "), result::toString);
    assertTrue(result.out().contains("It hurt to be left out."), result::toString);
  }

  @Test
  @SuppressWarnings("unchecked")
  void amendAddsARevisionAndKeepsTheEarlierTextInHistory() {
    String id = write("reflection", "First thoughts.");

    CliResult amend = home.tend("journal", "amend", id, "--text", "Second thoughts.");

    assertEquals(ExitCodes.OK, amend.exitCode(), amend::toString);
    Map<String, Object> shown = JsonReader.object(home.tend("journal", "show", id, "--json")
        .out());
    assertEquals("Second thoughts.", ((Map<String, Object>) shown.get("latest")).get("text"));
    List<Object> earlier = (List<Object>) shown.get("earlier");
    assertEquals(1, earlier.size());
    assertEquals("First thoughts.", ((Map<String, Object>) earlier.get(0)).get("text"));
  }

  @Test
  void deleteRemovesTheEntrySoShowRefusesItAsNotFound() {
    String id = write("rupture", "A unique phrase: periwinkle umbrella.");

    CliResult delete = home.tend("journal", "delete", id, "--yes");

    assertEquals(ExitCodes.OK, delete.exitCode(), delete::toString);
    assertTrue(delete.out().startsWith("Deleted " + id), delete::toString);
    CliResult show = home.tend("journal", "show", id);
    assertEquals(ExitCodes.REFUSED_INPUT, show.exitCode(), show::toString);
    assertEquals("tend: No journal entry matches '" + id + "'.", show.err().strip());
    assertTrue(entries("journal", "search", "periwinkle", "--json").isEmpty());
  }

  @Test
  void showOfAnIdThatNeverExistedIsRefusedInput() {
    CliResult show = home.tend("journal", "show", "ffffffffffff");

    assertEquals(ExitCodes.REFUSED_INPUT, show.exitCode(), show::toString);
    assertTrue(show.err().startsWith("tend: No journal entry matches"), show::toString);
  }
}
