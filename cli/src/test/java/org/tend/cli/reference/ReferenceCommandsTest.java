package org.tend.cli.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.cli.CliResult;
import org.tend.cli.ExitCodes;
import org.tend.cli.InProcess;
import org.tend.cli.TestPrograms;

/**
 * The completion scripts and the manual page are written from the command definitions, and
 * the shells and man's formatter accept them and complete what a member types.
 */
class ReferenceCommandsTest {
  @TempDir
  Path dir;

  @Test
  void bashCompletesCommandsAndSubcommands() throws Exception {
    Path script = write("tend.bash", "completion", "bash");

    assertEquals("journal", complete(script, "tend", "jou"));
    assertEquals("delete", complete(script, "tend", "journal", "de"));
    assertEquals("--passphrase-file", complete(script, "tend", "status", "--pass"));
  }

  @Test
  void zshRegistersTheScriptThroughItsBashLayerAndOffersEachLevelsWords() throws Exception {
    TestPrograms.need("zsh", ".ci/run installs it");
    Path script = write("tend.zsh", "completion", "zsh");

    // Sourced in a bare zsh, as the line the guide puts in ~/.zshrc does.
    Shell zsh = Shell.run("zsh", "-f", "-c", "ZDOTDIR=" + dir + "; source " + script
        + "; print -r -- \"${_comps[tend]}\"");

    assertEquals(0, zsh.exitCode, zsh.output);
    assertEquals("_bash_complete -F _complete_tend -o default", zsh.output.strip());
    // zsh's bash layer passes the words 1-based and filters the offer by what was typed.
    List<String> journal = zshOffers(script, "tend", "journal", "de");
    assertTrue(journal.containsAll(List.of("delete", "list", "write")), journal::toString);
    assertFalse(journal.contains("init"), journal::toString);
    assertTrue(zshOffers(script, "tend", "jou").contains("journal"));
  }

  @Test
  void fishCompletesCommandsSubcommandsAndOptions() throws Exception {
    TestPrograms.need("fish", ".ci/run installs it");
    Path script = write("tend.fish", "completion", "fish");

    assertEquals(0, Shell.run("fish", "-n", script.toString()).exitCode);
    assertEquals(List.of("journal"), fish(script, "tend jou"));
    assertTrue(fish(script, "tend journal ").containsAll(
        List.of("amend", "delete", "list", "search", "show", "write")));
    assertTrue(fish(script, "tend journal delete --").contains("--yes"));
    assertTrue(fish(script, "tend journal list --").contains("--home"), "inherited options");
    assertFalse(fish(script, "tend journal write ").contains("delete"),
        "a finished command is not offered its siblings");
  }

  @Test
  void theManualPageFormatsWithoutWarningsAndNamesEveryCommandAndTheExitCodes()
      throws Exception {
    TestPrograms.need("groff", ".ci/run installs groff-base");
    Path page = write("tend.1", "man");

    Shell check = Shell.run("groff", "-man", "-ww", "-z", page.toString());
    assertEquals(0, check.exitCode, check.output);
    assertEquals("", check.output, "groff warnings");
    Shell shown = Shell.run("groff", "-man", "-Tascii", "-P", "-cbou", page.toString());
    for (String command : List.of("tend journal delete", "tend repair delete",
        "tend collective create", "tend board post", "tend completion", "tend man")) {
      assertTrue(shown.output.contains(command), command + " missing from the page");
    }
    assertTrue(shown.output.contains("EXIT STATUS"), shown.output);
    assertTrue(shown.output.contains("7  what was given was refused"), shown.output);
    assertTrue(shown.output.contains("--passphrase-file"), "hyphens survive formatting");
  }

  @Test
  void anUnknownShellIsAUsageError() {
    CliResult result = InProcess.tend("completion", "tcsh");

    assertEquals(ExitCodes.USAGE, result.exitCode(), result::toString);
    assertTrue(result.err().contains("bash, zsh, fish"), result::toString);
  }

  private Path write(String name, String... command) throws IOException {
    CliResult result = InProcess.tend(command);
    assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
    return Files.writeString(dir.resolve(name), result.out(), StandardCharsets.UTF_8);
  }

  /** What bash's completion offers for the last word. */
  private static String complete(Path script, String... words) throws Exception {
    String line = String.join(" ", words);
    String array = String.join(" ", words);
    Shell bash = Shell.run("bash", "-c", "source " + script + " 2>/dev/null;"
        + " COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1) + ";"
        + " COMP_LINE='" + line + "'; COMP_POINT=" + line.length() + ";"
        + " _complete_tend 2>/dev/null; echo \"${COMPREPLY[*]}\"");
    return bash.output.strip();
  }

  /** The words fish offers for {@code line}, without their descriptions. */
  private static List<String> fish(Path script, String line) throws Exception {
    Shell fish = Shell.run("fish", "-c", "source " + script + "; complete -C '" + line + "'");
    return fish.output.lines().map(l -> l.split("\t", 2)[0]).toList();
  }

  /** What the completion function offers in zsh, called as zsh's bash layer calls it. */
  private static List<String> zshOffers(Path script, String... words) throws Exception {
    String line = String.join(" ", words);
    Shell zsh = Shell.run("zsh", "-f", "-c", "ZDOTDIR=" + script.getParent() + "; source "
        + script + "; COMP_WORDS=(" + line + "); COMP_CWORD=" + (words.length - 1) + ";"
        + " COMP_LINE='" + line + "'; COMP_POINT=" + line.length() + "; _complete_tend tend "
        + words[words.length - 1] + " " + words[words.length - 2] + ";"
        + " print -r -- \"${COMPREPLY[*]}\"");
    assertEquals(0, zsh.exitCode, zsh.output);
    return List.of(zsh.output.strip().split(" "));
  }

  private record Shell(int exitCode, String output) {
    static Shell run(String... command) throws Exception {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running: " + List.of(command));
      return new Shell(process.exitValue(), output);
    }
  }
}
