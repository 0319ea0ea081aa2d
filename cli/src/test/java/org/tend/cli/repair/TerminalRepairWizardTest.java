package org.tend.cli.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.cli.Ansi;
import org.tend.cli.Terminal;
import org.tend.cli.TestHome;
import org.tend.cli.TestPrograms;

/**
 * The repair wizard as a member at a terminal meets it: a real pseudo-terminal (util-linux
 * {@code script}), the passphrase typed at a hidden prompt, each answer typed after its
 * question appears.
 */
class TerminalRepairWizardTest {
  @TempDir
  static Path dir;
  static TestHome home;

  @BeforeAll
  static void createHome() throws Exception {
    TestPrograms.need("/usr/bin/script", ".ci/run installs bsdutils");
    home = TestHome.create(dir, "home");
  }

  private static Terminal begin(String title, Map<String, String> env) throws Exception {
    return Terminal.start(List.of("repair", "begin", "--title", title,
        "--home", home.home().toString()), env);
  }

  @Test
  void hidesTheTypedPassphraseThenSavesEachStepUntilStopPauses() throws Exception {
    String screen;
    try (Terminal terminal = begin("at the terminal", Map.of())) {
      terminal.expect("Passphrase:");
      terminal.type(TestHome.PASSPHRASE);
      terminal.expect("Step 1 of 9 · Notice");
      terminal.expect("What do you notice in your body?");
      terminal.type("3, 4");
      terminal.expect("Any feelings or other sensations");
      terminal.type("scared");
      terminal.expect("Which survival response feels closest");
      terminal.type("flight");
      terminal.expect("How strong is it right now");
      terminal.type("6");
      terminal.expect("Who or what does this involve?");
      terminal.type("my sister");
      terminal.expect("Saved.");
      terminal.expect("Step 2 of 9 · Name it");
      terminal.expect("Can you tell them something in you is activated?");
      terminal.type("not safe");
      terminal.expect("what could you say?");
      terminal.type("");
      terminal.expect("Step 3 of 9 · Ask for what you need");
      terminal.expect("What do you need?");
      terminal.type("stop");
      terminal.expect("Paused at step 3. Finished steps are saved");
      assertEquals(0, terminal.awaitExit(), terminal.plainScreen());
      screen = terminal.rawScreen();
    }

    assertFalse(screen.contains(TestHome.PASSPHRASE), "the passphrase was echoed:\n" + screen);
    assertTrue(screen.indexOf(Ansi.ESC) >= 0, "a terminal gets colour unless NO_COLOR is set");
    String id = SavedRepair.idBegunIn(Ansi.strip(screen));
    SavedRepair saved = SavedRepair.read(home, id);
    assertEquals("ask", saved.nextStep());
    assertEquals(Set.of("notice", "name-it"), saved.steps().keySet());
    assertEquals(List.of("body: tight chest or throat, racing heart", "response: flight",
        "intensity: 6/10", "involves: my sister"), saved.details("notice"));
    assertEquals("scared", saved.text("notice"));
    assertEquals("Naming it: not safe", saved.text("name-it"));
  }

  @Test
  void printsNoEscapeCharacterWhenNoColorIsSet() throws Exception {
    String screen;
    try (Terminal terminal = begin("without colour", Map.of("NO_COLOR", "1"))) {
      terminal.expect("Passphrase:");
      terminal.type(TestHome.PASSPHRASE);
      terminal.expect("What do you notice in your body?");
      terminal.type("stop");
      terminal.expect("Paused at step 1.");
      assertEquals(0, terminal.awaitExit(), terminal.plainScreen());
      screen = terminal.rawScreen();
    }

    assertTrue(screen.contains("Step 1 of 9 · Notice"), screen);
    assertEquals(-1, screen.indexOf(Ansi.ESC), "escape character with NO_COLOR=1:\n" + screen);
  }
}
