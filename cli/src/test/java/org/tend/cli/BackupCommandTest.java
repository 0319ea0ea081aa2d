package org.tend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.TendNode;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryKind;

/** `tend backup create` and `tend backup restore`, including archives that must be refused. */
class BackupCommandTest {
  @TempDir
  static Path dir;
  static TestHome home;
  static Path archive;

  @BeforeAll
  static void createHomeAndBackup() throws Exception {
    home = TestHome.create(dir, "home");
    try (TendNode node = home.open()) {
      node.journal().write(EntryDraft.of(EntryKind.CHECK_IN, "Morning walk by the canal."));
      node.journal().write(EntryDraft.of(EntryKind.RUPTURE, "Talked over at the meeting."));
      node.resources().add("Riverside line", "0800 000 000", "");
      node.repairs().begin("the meeting");
    }
    archive = dir.resolve("home.tbak");
    CliResult create = home.tend("backup", "create", archive.toString());
    assertEquals(ExitCodes.OK, create.exitCode(), create::toString);
    assertTrue(create.out().startsWith("Backed up "), create::toString);
  }

  private static CliResult restore(Path from, TestHome into) {
    return into.tend("backup", "restore", from.toString());
  }

  @Test
  void restoreIntoANewHomeGivesTheSameEntriesResourcesAndRepairs() throws Exception {
    TestHome restored = TestHome.absent(dir, "restored");

    CliResult result = restore(archive, restored);

    assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
    assertTrue(result.out().contains("into " + restored.home()), result::toString);
    for (String[] listing : new String[][] {{"journal", "list", "--json"},
        {"resources", "list", "--json"}, {"repair", "list", "--json"}, {"status", "--json"}}) {
      String original = home.tend(listing).out();
      String copy = restored.tend(listing).out();
      if (listing[0].equals("status")) {
        original = original.replace(home.home().toString(), "HOME");
        copy = copy.replace(restored.home().toString(), "HOME");
      }
      assertEquals(original, copy, String.join(" ", listing));
    }
  }

  @Test
  void theArchiveIsReadableByItsOwnerOnly() throws Exception {
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(archive)));
  }

  @Test
  void createRefusesToOverwriteAnExistingFile() throws Exception {
    byte[] before = Files.readAllBytes(archive);

    CliResult result = home.tend("backup", "create", archive.toString());

    assertEquals(ExitCodes.FAILURE, result.exitCode(), result::toString);
    assertTrue(result.err().contains("Refusing to overwrite"), result::toString);
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(archive)));
  }

  @Test
  void anArchiveWithOneByteFlippedInTheMiddleExitsFiveAndCreatesNoHome() throws Exception {
    byte[] bytes = Files.readAllBytes(archive);
    bytes[bytes.length / 2] ^= 0x01;
    Path tampered = dir.resolve("tampered.tbak");
    Files.write(tampered, bytes);
    TestHome target = TestHome.absent(dir, "from-tampered");

    CliResult result = restore(tampered, target);

    assertEquals(ExitCodes.DAMAGED, result.exitCode(), result::toString);
    assertTrue(result.err().contains("is damaged or was altered"), result::toString);
    assertFalse(Files.exists(target.home()), "no home after a refused restore");
    assertFalse(Files.exists(dir.resolve("from-tampered.restoring")), "no staging left behind");
  }

  @Test
  void anArchiveWithItsLastByteFlippedExitsFiveAndCreatesNoHome() throws Exception {
    byte[] bytes = Files.readAllBytes(archive);
    bytes[bytes.length - 1] ^= 0x01;
    Path tampered = dir.resolve("tampered-at-end.tbak");
    Files.write(tampered, bytes);
    TestHome target = TestHome.absent(dir, "from-tampered-at-end");

    CliResult result = restore(tampered, target);

    assertEquals(ExitCodes.DAMAGED, result.exitCode(), result::toString);
    assertFalse(Files.exists(target.home()));
  }

  @Test
  void aTruncatedArchiveExitsFiveAndCreatesNoHome() throws Exception {
    byte[] bytes = Files.readAllBytes(archive);
    Path truncated = dir.resolve("truncated.tbak");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 1));
    TestHome target = TestHome.absent(dir, "from-truncated");

    CliResult result = restore(truncated, target);

    assertEquals(ExitCodes.DAMAGED, result.exitCode(), result::toString);
    assertFalse(Files.exists(target.home()));
  }

  @Test
  void restoreWithAWrongPassphraseExitsThreeAndCreatesNoHome() throws Exception {
    Path wrong = dir.resolve("wrong-passphrase");
    TestHome.writePassphraseFile(wrong, "not the passphrase\n");
    Path target = dir.resolve("from-wrong-passphrase");

    CliResult result = InProcess.tend("backup", "restore", archive.toString(), "--home",
        target.toString(), "--passphrase-file", wrong.toString());

    assertEquals(ExitCodes.WRONG_PASSPHRASE, result.exitCode(), result::toString);
    assertFalse(Files.exists(target));
  }

  @Test
  void restoreIntoAnExistingHomeExitsFourAndLeavesItAlone() throws Exception {
    TestHome other = TestHome.create(dir, "already-here");

    CliResult result = restore(archive, other);

    assertEquals(ExitCodes.HOME_STATE, result.exitCode(), result::toString);
    assertTrue(result.err().contains("already exists"), result::toString);
    assertTrue(JsonReader.object(other.tend("journal", "list", "--json").out())
        .get("entries").toString().equals("[]"));
  }

  @Test
  void restoreOfAFileThatIsNotAnArchiveSaysSo() throws Exception {
    Path notes = dir.resolve("notes.txt");
    Files.writeString(notes, "shopping list", StandardCharsets.UTF_8);
    TestHome target = TestHome.absent(dir, "from-notes");

    CliResult result = restore(notes, target);

    assertEquals(ExitCodes.FAILURE, result.exitCode(), result::toString);
    assertTrue(result.err().contains("This file is not a Tend backup archive."), result::toString);
    assertFalse(Files.exists(target.home()));
  }

  @Test
  void restoreOfAMissingFileSaysSo() throws Exception {
    TestHome target = TestHome.absent(dir, "from-nothing");

    CliResult result = restore(dir.resolve("no-such.tbak"), target);

    assertEquals(ExitCodes.FAILURE, result.exitCode(), result::toString);
    assertTrue(result.err().contains("There is no backup file at"), result::toString);
  }
}
