package org.tend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Asking for the passphrase at a terminal when standard input is a pipe. */
class TerminalPassphraseTest {
  @TempDir
  static Path dir;
  static TestHome home;

  @BeforeAll
  static void createHome() throws Exception {
    TestPrograms.need("/usr/bin/script", ".ci/run installs bsdutils");
    home = TestHome.create(dir, "home");
  }

  /**
   * The user guide's own example, {@code echo "..." | tend journal write --kind note}, typed at
   * a terminal without a passphrase file. Fails today: Java 17's {@code System.console()} is
   * null whenever standard input is not a terminal, so Tend says there is no terminal to ask on
   * even though the member is sitting at one.
   */
  @Test
  void aPipedEntryTypedAtATerminalAsksForThePassphraseOnTheTerminal() throws Exception {
    String pipeline = "printf 'From a pipe.\\n' | " + Terminal.commandLine(List.of(
        "journal", "write", "--kind", "note", "--home", home.home().toString()));
    String screen;
    try (Terminal terminal = Terminal.startShell(pipeline, Map.of())) {
      terminal.expect("Passphrase:");
      terminal.type(TestHome.PASSPHRASE);
      terminal.expect("Saved note ");
      assertEquals(ExitCodes.OK, terminal.awaitExit(), terminal.plainScreen());
      screen = terminal.plainScreen();
    }

    assertFalse(screen.contains(TestHome.PASSPHRASE), screen);
    CliResult found = home.tend("journal", "search", "pipe", "--json");
    assertEquals(List.of("From a pipe."), ((List<?>) JsonReader.object(found.out())
        .get("entries")).stream().map(e -> ((Map<?, ?>) e).get("text")).toList());
  }
}
