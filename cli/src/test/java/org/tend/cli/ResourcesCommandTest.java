package org.tend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `tend resources`, and the crisis resources block the repair wizard opens with. */
class ResourcesCommandTest {
  private static final String NO_RESOURCES = "You have no crisis resources yet.";
  private static final Pattern ADDED = Pattern.compile("Added (.+) \\(([0-9a-f]{8})\\)\\.");

  @TempDir
  Path dir;

  @Test
  void addListAndRemoveAResource() throws Exception {
    TestHome home = TestHome.create(dir, "home");

    CliResult add = home.tend("resources", "add", "--name", "Riverside line", "--contact",
        "0800 000 000", "--note", "24 hours, free");

    assertEquals(ExitCodes.OK, add.exitCode(), add::toString);
    Matcher added = ADDED.matcher(add.out());
    assertTrue(added.find(), add::toString);
    String id = added.group(2);
    CliResult list = home.tend("resources", "list");
    assertTrue(list.out().contains("If it gets to be too much, you can reach:"), list::toString);
    assertTrue(list.out().contains(id + "  Riverside line: 0800 000 000  (24 hours, free)"),
        list::toString);
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) JsonReader.array(
        home.tend("resources", "list", "--json").out()).get(0);
    assertTrue(((String) json.get("id")).startsWith(id), json::toString);

    CliResult remove = home.tend("resources", "remove", id);

    assertEquals(ExitCodes.OK, remove.exitCode(), remove::toString);
    assertEquals("Removed Riverside line.", remove.out().strip());
    assertEquals(List.of(), JsonReader.array(home.tend("resources", "list", "--json").out()));
    assertTrue(home.tend("resources", "list").out().contains(NO_RESOURCES));
  }

  @Test
  void acceptsANameOfExactly500CharactersAndRefusesOneMore() throws Exception {
    TestHome home = TestHome.create(dir, "home");
    String longest = "n".repeat(500);

    CliResult accepted = home.tend("resources", "add", "--name", longest, "--contact", "112");
    CliResult refused = home.tend("resources", "add", "--name", longest + "n", "--contact",
        "112");

    assertEquals(ExitCodes.OK, accepted.exitCode(), accepted::toString);
    assertEquals(ExitCodes.REFUSED_INPUT, refused.exitCode(), refused::toString);
    assertTrue(refused.err().contains("a resource's name holds at most 500 characters"),
        refused::toString);
    assertEquals(1, JsonReader.array(home.tend("resources", "list", "--json").out()).size());
  }

  @Test
  void removingAnUnknownResourceFails() throws Exception {
    TestHome home = TestHome.create(dir, "home");

    CliResult remove = home.tend("resources", "remove", "abcdef12");

    assertEquals(ExitCodes.FAILURE, remove.exitCode(), remove::toString);
    assertTrue(remove.err().startsWith("tend: "), remove::toString);
  }

  @Test
  void theRepairWizardShowsTheNoResourcesHintUntilOneIsAddedThenShowsIt() throws Exception {
    TestHome home = TestHome.create(dir, "home");
    Path noAnswers = Files.createFile(dir.resolve("no-answers.txt"));

    CliResult before = home.tend("repair", "begin", "--title", "first", "--answers",
        noAnswers.toString());

    assertEquals(ExitCodes.OK, before.exitCode(), before::toString);
    assertTrue(before.out().startsWith(NO_RESOURCES), before::toString);
    assertTrue(before.out().contains("tend resources add --name"), before::toString);
    assertTrue(before.out().contains("Tend is not a crisis service."), before::toString);

    home.tend("resources", "add", "--name", "Riverside line", "--contact", "0800 000 000");
    CliResult after = home.tend("repair", "begin", "--title", "second", "--answers",
        noAnswers.toString());

    assertEquals(ExitCodes.OK, after.exitCode(), after::toString);
    assertFalse(after.out().contains(NO_RESOURCES), after::toString);
    assertTrue(after.out().startsWith("If it gets to be too much, you can reach:"),
        after::toString);
    assertTrue(after.out().contains("Riverside line: 0800 000 000"), after::toString);
    assertTrue(after.out().indexOf("Riverside line") < after.out().indexOf("Step 1 of 9"),
        "resources come before the first question");
  }
}
