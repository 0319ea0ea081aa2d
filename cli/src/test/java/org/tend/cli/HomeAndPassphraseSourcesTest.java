package org.tend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where `tend` finds the home ({@code --home}, {@code TEND_HOME}, {@code XDG_DATA_HOME}) and the
 * passphrase ({@code --passphrase-file}, {@code TEND_PASSPHRASE_FILE}). Environment variables
 * need a process of their own.
 */
class HomeAndPassphraseSourcesTest {
  @TempDir
  static Path dir;
  static TestHome home;

  @BeforeAll
  static void createHome() throws Exception {
    home = TestHome.create(dir, "home");
  }

  private static String homeReportedBy(CliResult status) {
    assertEquals(ExitCodes.OK, status.exitCode(), status::toString);
    return (String) JsonReader.object(status.out()).get("home");
  }

  @Test
  void homeOptionChoosesTheHome() {
    assertEquals(home.home().toString(), homeReportedBy(home.tend("status", "--json")));
  }

  @Test
  void globalOptionsWorkBeforeTheCommandNameToo() {
    CliResult status = InProcess.tend("--home", home.home().toString(), "--passphrase-file",
        home.passphraseFile().toString(), "status", "--json");

    assertEquals(home.home().toString(), homeReportedBy(status));
  }

  @Test
  void tendHomeChoosesTheHomeWhenNoHomeOptionIsGiven() throws Exception {
    CliResult status = TendProcess.tend("status", "--json", "--passphrase-file",
            home.passphraseFile().toString())
        .env("TEND_HOME", home.home().toString())
        .run();

    assertEquals(home.home().toString(), homeReportedBy(status));
  }

  @Test
  void homeOptionTakesPrecedenceOverTendHome() throws Exception {
    CliResult status = TendProcess.tend(home.args("status", "--json"))
        .env("TEND_HOME", dir.resolve("elsewhere").toString())
        .run();

    assertEquals(home.home().toString(), homeReportedBy(status));
  }

  @Test
  void withoutHomeOptionOrTendHomeTheHomeIsTendUnderXdgDataHome() throws Exception {
    Path xdg = dir.resolve("xdg");
    TestHome underXdg = TestHome.create(xdg, "tend");

    CliResult status = TendProcess.tend("status", "--json", "--passphrase-file",
            underXdg.passphraseFile().toString())
        .env("XDG_DATA_HOME", xdg.toString())
        .run();

    assertEquals(underXdg.home().toString(), homeReportedBy(status));
  }

  @Test
  void tendPassphraseFileGivesThePassphraseWhenNoOptionIsGiven() throws Exception {
    CliResult status = TendProcess.tend("status", "--json", "--home", home.home().toString())
        .env("TEND_PASSPHRASE_FILE", home.passphraseFile().toString())
        .run();

    assertEquals(home.home().toString(), homeReportedBy(status));
  }

  @Test
  void onlyTheFirstLineOfThePassphraseFileCounts() throws Exception {
    Path file = dir.resolve("crlf-passphrase");
    TestHome.writePassphraseFile(file, TestHome.PASSPHRASE + "\r\nanything else\n");

    CliResult status = InProcess.tend("status", "--home", home.home().toString(),
        "--passphrase-file", file.toString());

    assertEquals(ExitCodes.OK, status.exitCode(), status::toString);
  }

  @Test
  void aPassphraseFileOtherUsersCanReadIsRefusedAndNamed() throws Exception {
    Path file = TestHome.writePassphraseFile(dir.resolve("shared-passphrase"),
        TestHome.PASSPHRASE + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    CliResult status = InProcess.tend("status", "--home", home.home().toString(),
        "--passphrase-file", file.toString());

    assertEquals(ExitCodes.FAILURE, status.exitCode(), status::toString);
    assertTrue(status.err().contains("can be read or changed by other users"), status::toString);
    assertTrue(status.err().contains("chmod 600 " + file), status::toString);
  }

  @Test
  void aPassphraseFileItsGroupCanReadIsRefusedFromTheEnvironmentToo() throws Exception {
    Path file = TestHome.writePassphraseFile(dir.resolve("group-passphrase"),
        TestHome.PASSPHRASE + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    CliResult status = TendProcess.tend("status", "--home", home.home().toString())
        .env("TEND_PASSPHRASE_FILE", file.toString())
        .run();

    assertEquals(ExitCodes.FAILURE, status.exitCode(), status::toString);
    assertTrue(status.err().contains("can be read or changed by other users"), status::toString);
  }

  @Test
  void aPassphraseFileOnlyItsOwnerCanReadIsAccepted() throws Exception {
    Path file = TestHome.writePassphraseFile(dir.resolve("private-passphrase"),
        TestHome.PASSPHRASE + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));

    CliResult status = InProcess.tend("status", "--home", home.home().toString(),
        "--passphrase-file", file.toString());

    assertEquals(ExitCodes.OK, status.exitCode(), status::toString);
  }

  @Test
  void anEmptyPassphraseFileIsRefused() throws Exception {
    Path file = dir.resolve("empty-passphrase");
    TestHome.writePassphraseFile(file, "\n");

    CliResult status = InProcess.tend("status", "--home", home.home().toString(),
        "--passphrase-file", file.toString());

    assertEquals(ExitCodes.FAILURE, status.exitCode(), status::toString);
    assertTrue(status.err().contains("is empty"), status::toString);
  }

  @Test
  void withoutAPassphraseFileOrATerminalItSaysHowToGiveThePassphrase() throws Exception {
    // No TEND_PASSPHRASE_FILE in a child's clean environment, and no terminal.
    CliResult status = TendProcess.tend("status", "--home", home.home().toString()).run();

    assertEquals(ExitCodes.FAILURE, status.exitCode(), status::toString);
    assertEquals("tend: No terminal to ask for the passphrase on; use --passphrase-file FILE or"
        + " set TEND_PASSPHRASE_FILE.", status.err().strip());
  }
}
