package org.tend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `tend help`, short usage errors, exit 7 for refused input, the build in --version, and -. */
class CommandConventionsTest {
  @TempDir
  static Path dir;
  static TestHome home;

  @BeforeAll
  static void createHome() throws Exception {
    home = TestHome.create(dir, "home");
  }

  @Test
  void helpCommandShowsTheSameAsDashDashHelp() {
    CliResult help = InProcess.tend("help", "journal");
    CliResult dashed = InProcess.tend("journal", "--help");

    assertEquals(ExitCodes.OK, help.exitCode(), help::toString);
    assertEquals(dashed.out(), help.out());
    assertTrue(InProcess.tend("help").out().contains("Exit codes:"));
  }

  @Test
  void aUsageErrorSaysWhatAndWhereToLookWithoutTheWholeHelp() {
    CliResult result = InProcess.tend("journal", "lst");

    assertEquals(ExitCodes.USAGE, result.exitCode(), result::toString);
    assertTrue(result.err().contains("Unmatched argument at index 1: 'lst'"), result::toString);
    assertTrue(result.err().contains("Did you mean: journal list?"), result::toString);
    assertTrue(result.err().strip().endsWith("See `tend journal --help` for how to use it."),
        result::toString);
    assertFalse(result.err().contains("Usage:"), result::toString);
    assertTrue(result.err().lines().count() <= 3, result::toString);
  }

  @Test
  void refusedContentExitsSevenNotTwo() {
    CliResult tooLong = home.tend("repair", "begin", "--title", "x".repeat(201), "--answers",
        "/dev/null");
    CliResult noSuchEntry = home.tend("journal", "show", "abcdef12");

    assertEquals(ExitCodes.REFUSED_INPUT, tooLong.exitCode(), tooLong::toString);
    assertTrue(tooLong.err().contains("at most 200 characters"), tooLong::toString);
    assertEquals(ExitCodes.REFUSED_INPUT, noSuchEntry.exitCode(), noSuchEntry::toString);
  }

  @Test
  void versionNamesTheReleaseAndTheCommitItWasBuiltFrom() {
    CliResult version = InProcess.tend("--version");

    assertEquals(ExitCodes.OK, version.exitCode(), version::toString);
    assertTrue(version.out().strip().matches("Tend \\d+\\.\\d+\\.\\d+( \\(development\\))?,"
        + " (commit [0-9a-f]{10} of \\d{4}-\\d{2}-\\d{2}|built outside a git checkout)"),
        version.out());
  }

  @Test
  void aBuildFromASourceArchiveSaysSoInsteadOfNamingACommit() throws Exception {
    Properties outsideGit = new Properties();
    outsideGit.load(new StringReader("version=0.1.0\ncommit=${git.commit.id.abbrev}\n"
        + "commit.date=${git.commit.time}\n"));
    Properties inGit = new Properties();
    inGit.load(new StringReader("version=0.1.0-SNAPSHOT\ncommit=50941c47d6\n"
        + "commit.date=2026-12-06\n"));

    assertEquals("Tend 0.1.0, built outside a git checkout", BuildVersion.describe(outsideGit));
    assertEquals("Tend 0.1.0 (development), commit 50941c47d6 of 2026-12-06",
        BuildVersion.describe(inGit));
  }

  @Test
  void aHomeThatIsAFileGetsItsOwnMessageAndExitFour() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");

    CliResult result = InProcess.tend("journal", "list", "--home", file.toString());

    assertEquals(ExitCodes.HOME_STATE, result.exitCode(), result::toString);
    assertEquals("tend: The Tend home " + file + " is a file, not a folder. Give --home (or"
        + " TEND_HOME) the folder that holds your home, or a new folder's path for `tend init`.",
        result.err().strip());
  }

  @Test
  void aPassphraseFileOfDashReadsTheFirstLineOfStandardInputAndLeavesTheRest()
      throws Exception {
    CliResult saved = TendProcess.tend("journal", "write", "--kind", "note",
        "--home", home.home().toString(), "--passphrase-file", "-")
        .input(TestHome.PASSPHRASE + "\nWritten after the passphrase line.\n").run();

    assertEquals(ExitCodes.OK, saved.exitCode(), saved::toString);
    CliResult found = home.tend("journal", "search", "passphrase", "--json");
    assertTrue(found.out().contains("Written after the passphrase line."), found::toString);
    assertFalse(found.out().contains(TestHome.PASSPHRASE), found::toString);

    CliResult wrong = TendProcess.tend("journal", "list", "--home", home.home().toString(),
        "--passphrase-file", "-").input("not the passphrase\n").run();
    assertEquals(ExitCodes.WRONG_PASSPHRASE, wrong.exitCode(), wrong::toString);
  }
}
