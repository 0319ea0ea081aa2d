package org.tend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `tend init`, the one test that pays for calibrating Argon2id. */
class InitCommandTest {
  private static final Pattern FINGERPRINT = Pattern.compile("Your fingerprint: (.+)");

  @TempDir
  Path dir;

  @Test
  void initAcceptsAPassphraseOfExactlyEightCharactersAndTheHomeOpensWithIt() throws Exception {
    Path passphrase = dir.resolve("passphrase");
    TestHome.writePassphraseFile(passphrase, "8 chars!\n");
    Path home = dir.resolve("home");

    CliResult init = InProcess.tend("init", "--home", home.toString(), "--passphrase-file",
        passphrase.toString());

    assertEquals(ExitCodes.OK, init.exitCode(), init::toString);
    assertTrue(init.out().contains("There is no way to recover a forgotten passphrase."),
        init::toString);
    Matcher printed = FINGERPRINT.matcher(init.out());
    assertTrue(printed.find(), init::toString);
    CliResult status = InProcess.tend("status", "--json", "--home", home.toString(),
        "--passphrase-file", passphrase.toString());
    assertEquals(ExitCodes.OK, status.exitCode(), status::toString);
    Map<String, Object> json = JsonReader.object(status.out());
    assertEquals(printed.group(1).strip(), json.get("fingerprint"));
    assertEquals(0, ((Number) json.get("entries")).intValue());

    CliResult again = InProcess.tend("init", "--home", home.toString(), "--passphrase-file",
        passphrase.toString());

    assertEquals(ExitCodes.HOME_STATE, again.exitCode(), again::toString);
    assertTrue(again.err().contains("A Tend home already exists at " + home), again::toString);
    assertEquals(json.get("fingerprint"), JsonReader.object(InProcess.tend("status", "--json",
        "--home", home.toString(), "--passphrase-file", passphrase.toString()).out())
        .get("fingerprint"), "the existing home is left untouched");
  }

  @Test
  void initRefusesAPassphraseOfSevenCharactersAndCreatesNothing() throws Exception {
    Path passphrase = dir.resolve("passphrase");
    TestHome.writePassphraseFile(passphrase, "7 chars\n");
    Path home = dir.resolve("home");

    CliResult init = InProcess.tend("init", "--home", home.toString(), "--passphrase-file",
        passphrase.toString());

    assertEquals(ExitCodes.FAILURE, init.exitCode(), init::toString);
    assertTrue(init.err().contains("at least 8 characters"), init::toString);
    assertFalse(Files.exists(home));
  }
}
