package org.tend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.TendNode;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryKind;

/** Wrong passphrases, missing homes, panicked homes and homes already in use. */
class HomeStateTest {
  @TempDir
  static Path dir;
  static TestHome home;

  @BeforeAll
  static void createHome() throws Exception {
    home = TestHome.create(dir, "home");
    try (TendNode node = home.open()) {
      node.journal().write(EntryDraft.of(EntryKind.CHECK_IN, "Slept well."));
    }
  }

  @Test
  void aWrongPassphraseExitsThreeWithOneLineOnStderrAndLeavesTheHomeByteForByteAsItWas()
      throws Exception {
    Path wrong = dir.resolve("wrong-passphrase");
    TestHome.writePassphraseFile(wrong, "correct horse battery stapler\n");
    Map<String, String> before = hashes(home.home());

    for (String[] command : new String[][] {{"status"}, {"journal", "list"},
        {"journal", "write", "--text", "should not be saved"}, {"backup", "create",
        dir.resolve("never.tbak").toString()}}) {
      String[] args = new String[command.length + 4];
      System.arraycopy(command, 0, args, 0, command.length);
      System.arraycopy(new String[] {"--home", home.home().toString(), "--passphrase-file",
          wrong.toString()}, 0, args, command.length, 4);

      CliResult result = InProcess.tend(args);

      assertEquals(ExitCodes.WRONG_PASSPHRASE, result.exitCode(), result::toString);
      assertEquals("tend: That passphrase does not open this Tend home.\n",
          result.err().replace("\r\n", "\n"), result::toString);
      assertEquals("", result.out());
    }
    assertEquals(before, hashes(home.home()));
    assertFalse(Files.exists(dir.resolve("never.tbak")));
  }

  @Test
  void aCommandOnAMissingHomeExitsFourTellingToRunInitAndCreatesNothing() {
    TestHome missing = new TestHome(dir.resolve("nobody-home"), home.passphraseFile());

    CliResult result = missing.tend("journal", "list");

    assertEquals(ExitCodes.HOME_STATE, result.exitCode(), result::toString);
    assertTrue(result.err().contains("There is no Tend home at " + missing.home()),
        result::toString);
    assertTrue(result.err().contains("Run `tend init` to start one."), result::toString);
    assertFalse(Files.exists(missing.home()), "looking for a home must not create one");
  }

  @Test
  void panicDestroysTheHomeAndAnyLaterCommandExitsFourMentioningPanic() throws Exception {
    TestHome doomed = TestHome.create(dir, "doomed");

    CliResult panic = InProcess.tend("panic", "--yes", "--home", doomed.home().toString());

    assertEquals(ExitCodes.OK, panic.exitCode(), panic::toString);
    assertTrue(panic.out().startsWith("Destroyed in "), panic::toString);
    assertFalse(Files.exists(doomed.home()), "panic leaves no files behind");
    for (String[] command : new String[][] {{"status"}, {"journal", "list"},
        {"repair", "list"}, {"resources", "list"}}) {
      CliResult after = doomed.tend(command);
      assertEquals(ExitCodes.HOME_STATE, after.exitCode(), after::toString);
      assertTrue(after.err().contains("wiped with `tend panic`"), after::toString);
    }
  }

  @Test
  void panicNeedsNoPassphrase() throws Exception {
    TestHome doomed = TestHome.create(dir, "doomed-without-passphrase");

    CliResult panic = InProcess.tend("panic", "--yes", "--home", doomed.home().toString(),
        "--passphrase-file", dir.resolve("no-such-file").toString());

    assertEquals(ExitCodes.OK, panic.exitCode(), panic::toString);
    assertFalse(Files.exists(doomed.home()));
  }

  @Test
  void panicWithoutYesAndWithoutATerminalIsAUsageErrorAndDestroysNothing() {
    CliResult panic = InProcess.tend("panic", "--home", home.home().toString());

    assertEquals(ExitCodes.USAGE, panic.exitCode(), panic::toString);
    assertTrue(panic.err().startsWith("`tend panic` needs --yes when there is no terminal to"
        + " ask."), panic::toString);
    assertEquals(ExitCodes.OK, home.tend("status").exitCode());
  }

  @Test
  void panicOnAMissingHomeExitsFour() {
    CliResult panic = InProcess.tend("panic", "--yes", "--home",
        dir.resolve("never-there").toString());

    assertEquals(ExitCodes.HOME_STATE, panic.exitCode(), panic::toString);
  }

  @Test
  void aHomeAlreadyOpenElsewhereExitsFourAsInUse() throws Exception {
    try (TendNode alreadyOpen = home.open()) {
      CliResult result = home.tend("journal", "list");

      assertEquals(ExitCodes.HOME_STATE, result.exitCode(), result::toString);
      assertTrue(result.err().startsWith("tend: Another Tend process is using the home at "),
          result::toString);
    }
    assertEquals(ExitCodes.OK, home.tend("journal", "list").exitCode(), "usable once released");
  }

  /** Every regular file under {@code root} by relative path, with the SHA-256 of its bytes. */
  static Map<String, String> hashes(Path root) throws IOException {
    Map<String, String> hashes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        hashes.put(root.relativize(file).toString(), sha256(Files.readAllBytes(file)));
      }
    }
    return hashes;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
