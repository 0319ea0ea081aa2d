package org.tend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One damaged byte in any kind of store file, a torn write-ahead log or a missing store: every
 * case ends either with exit 5 and a message that says the store is damaged, or with every
 * saved entry listed. An entry reported as saved is never silently missing.
 */
class StoreDamageTest {
  private static final List<String> MARKERS =
      List.of("ZQXDMG1", "ZQXDMG2", "ZQXDMG3", "ZQXDMG4", "ZQXDMG5");

  @TempDir
  static Path dir;
  static TestHome pristine;

  @BeforeAll
  static void fiveSessionsOfWrites() throws Exception {
    pristine = TestHome.create(dir, "pristine");
    for (String marker : MARKERS) {
      if (marker.equals(MARKERS.get(MARKERS.size() - 1))) {
        // Sessions leave their writes in the log (decision 0051); a deletion's purge moves
        // everything so far into table files, so the last entry alone is only in the log.
        CliResult doomed = pristine.tend("journal", "write", "--text", "to be deleted");
        Matcher id = Pattern.compile("Saved \\S+ ([0-9a-f]{8})").matcher(doomed.out());
        assertTrue(id.find(), doomed::toString);
        CliResult deleted = pristine.tend("journal", "delete", id.group(1), "--yes");
        assertEquals(ExitCodes.OK, deleted.exitCode(), deleted::toString);
      }
      CliResult saved = pristine.tend("journal", "write", "--text", marker);
      assertEquals(ExitCodes.OK, saved.exitCode(), saved::toString);
    }
    assertTrue(Files.size(newestLog(pristine)) > 0,
        "the last session's entry is only in the write-ahead log");
  }

  @Test
  void aFlippedByteInTheWriteAheadLogIsRefusedNotReplayedUpToTheDamage() throws Exception {
    TestHome home = copy("wal-flip");
    flip(newestLog(home), 100);

    assertRefusedTwice(home);
  }

  @Test
  void aTornWriteAheadLogIsRefusedRatherThanLosingItsTail() throws Exception {
    TestHome home = copy("wal-torn");
    Path log = newestLog(home);
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
      file.setLength(file.length() - 20);
    }

    assertRefusedTwice(home);
  }

  @Test
  void aFlippedByteInAnyTableFileIsReportedAsDamageOrChangesNothing() throws Exception {
    List<Path> tables = files(pristine, name -> name.endsWith(".sst"));
    assertTrue(tables.size() >= 2, tables::toString);
    for (int i = 0; i < tables.size(); i++) {
      TestHome home = copy("sst-" + i);
      Path table = home.home().resolve("store").resolve(tables.get(i).getFileName());
      flip(table, Files.size(table) / 4);

      assertDamageReportedOrEverythingListed(home);
    }
  }

  @Test
  void aFlippedByteInTheManifestIsRefused() throws Exception {
    TestHome home = copy("manifest");
    Path manifest = only(home, name -> name.startsWith("MANIFEST-"));
    flip(manifest, Files.size(manifest) / 2);

    assertRefusedTwice(home);
  }

  @Test
  void aFlippedByteInCurrentIsRefused() throws Exception {
    TestHome home = copy("current");
    flip(home.home().resolve("store").resolve("CURRENT"), 10);

    assertRefusedTwice(home);
  }

  @Test
  void aDeletedCurrentIsRefusedNotAFreshEmptyStore() throws Exception {
    TestHome home = copy("current-gone");
    Files.delete(home.home().resolve("store").resolve("CURRENT"));

    assertRefusedTwice(home);
  }

  @Test
  void flippedBytesInOptionsAndIdentityAreReportedOrHarmless() throws Exception {
    TestHome options = copy("options");
    for (Path file : files(options, name -> name.startsWith("OPTIONS-"))) {
      flip(file, Files.size(file) / 2);
    }
    assertDamageReportedOrEverythingListed(options);

    TestHome identity = copy("identity");
    flip(identity.home().resolve("store").resolve("IDENTITY"), 5);
    assertDamageReportedOrEverythingListed(identity);
  }

  @Test
  void aTruncatedTableFileIsReportedAsDamageOrChangesNothing() throws Exception {
    for (Path table : files(pristine, name -> name.endsWith(".sst"))) {
      TestHome home = copy("sst-torn-" + table.getFileName());
      try (RandomAccessFile file = new RandomAccessFile(
          home.home().resolve("store").resolve(table.getFileName()).toFile(), "rw")) {
        file.setLength(file.length() / 2);
      }

      assertDamageReportedOrEverythingListed(home);
    }
  }

  @Test
  void aDeletedTableFileIsRefused() throws Exception {
    Path table = files(pristine, name -> name.endsWith(".sst")).get(0);
    TestHome home = copy("sst-gone");
    Files.delete(home.home().resolve("store").resolve(table.getFileName()));

    assertRefusedTwice(home);
  }

  @Test
  void aTruncatedManifestIsRefused() throws Exception {
    TestHome home = copy("manifest-torn");
    Path manifest = only(home, name -> name.startsWith("MANIFEST-"));
    try (RandomAccessFile file = new RandomAccessFile(manifest.toFile(), "rw")) {
      file.setLength(file.length() / 2);
    }

    assertRefusedTwice(home);
  }

  @Test
  void aDeletedManifestIsRefused() throws Exception {
    TestHome home = copy("manifest-gone");
    Files.delete(only(home, name -> name.startsWith("MANIFEST-")));

    assertRefusedTwice(home);
  }

  @Test
  void anEmptyKeystoreIsReportedAsDamageToRestoreNotAsANewerFormat() throws Exception {
    TestHome home = copy("keystore-empty");
    Files.write(home.home().resolve("keystore"), new byte[0]);

    for (String[] command : List.of(new String[] {"journal", "list"},
        new String[] {"status"}, new String[] {"backup", "salvage",
            home.home().resolveSibling("keystore-empty.tbak").toString()})) {
      CliResult result = home.tend(command);
      assertEquals(ExitCodes.DAMAGED, result.exitCode(), result::toString);
      assertTrue(result.err().contains("keystore file is empty"), result::toString);
      assertTrue(result.err().contains("backup"), result::toString);
      assertFalse(result.err().contains("upgrade"), result::toString);
    }
  }

  @Test
  void aZeroedKeystoreIsReportedAsDamageToRestore() throws Exception {
    TestHome home = copy("keystore-zeroed");
    Path keystore = home.home().resolve("keystore");
    Files.write(keystore, new byte[(int) Files.size(keystore)]);

    CliResult list = home.tend("journal", "list");

    assertEquals(ExitCodes.DAMAGED, list.exitCode(), list::toString);
    assertTrue(list.err().contains("keystore file is damaged"), list::toString);
    assertFalse(list.err().contains("upgrade"), list::toString);
  }

  @Test
  void aRefusedHomeIsSalvagedIntoABackupThatTheNormalRestoreOpens() throws Exception {
    TestHome home = copy("salvage-wal");
    flip(newestLog(home), 100);
    assertEquals(ExitCodes.DAMAGED, home.tend("journal", "list").exitCode());
    Path archive = dir.resolve("salvage-wal.tbak");

    CliResult salvage = home.tend("backup", "salvage", archive.toString());

    assertEquals(ExitCodes.DAMAGED, salvage.exitCode(), salvage::toString);
    assertTrue(salvage.out().contains("Saved 4 records"), salvage::toString);
    assertTrue(salvage.err().contains("write-ahead log"), salvage::toString);
    assertTrue(salvage.err().contains("tend backup restore"), salvage::toString);
    TestHome restored = new TestHome(dir.resolve("salvage-wal-restored"), home.passphraseFile());
    CliResult restore = restored.tend("backup", "restore", archive.toString());
    assertEquals(ExitCodes.OK, restore.exitCode(), restore::toString);
    CliResult list = restored.tend("journal", "list", "--json");
    assertEquals(ExitCodes.OK, list.exitCode(), list::toString);
    for (String marker : MARKERS.subList(0, 4)) {
      assertTrue(list.out().contains(marker), () -> marker + " was in a table file:\n" + list);
    }
    assertFalse(list.out().contains(MARKERS.get(4)), "the damaged log's entry is gone");
  }

  @Test
  void theDamageMessageNamesTheSalvageCommand() throws Exception {
    TestHome home = copy("hint");
    flip(newestLog(home), 100);

    CliResult list = home.tend("journal", "list");

    assertTrue(list.err().contains("tend backup salvage FILE"), list::toString);
  }

  @Test
  void salvageOfAnIntactHomeExitsZero() throws Exception {
    TestHome home = copy("salvage-intact");

    CliResult salvage = home.tend("backup", "salvage", dir.resolve("intact.tbak").toString());

    assertEquals(ExitCodes.OK, salvage.exitCode(), salvage::toString);
    assertTrue(salvage.out().contains("Nothing in the store was damaged"), salvage::toString);
  }

  @Test
  void aMissingStoreIsDamageNotAnEmptyJournal() throws Exception {
    TestHome home = copy("store-gone");
    try (Stream<Path> files = Files.walk(home.home().resolve("store"))) {
      for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(p);
      }
    }

    CliResult list = home.tend("journal", "list");

    assertEquals(ExitCodes.DAMAGED, list.exitCode(), list::toString);
    assertTrue(list.err().contains("missing"), list::toString);
    assertTrue(Files.notExists(home.home().resolve("store")), "no empty store was made");
  }

  private static void assertRefusedTwice(TestHome home) {
    for (int attempt = 0; attempt < 2; attempt++) {
      CliResult list = home.tend("journal", "list");
      assertEquals(ExitCodes.DAMAGED, list.exitCode(), list::toString);
      assertTrue(list.err().contains("damaged") || list.err().contains("integrity"),
          list::toString);
    }
    CliResult backup = home.tend("backup", "create", home.home().resolveSibling(
        home.home().getFileName() + ".tbak").toString());
    assertEquals(ExitCodes.DAMAGED, backup.exitCode(), backup::toString);
  }

  private static void assertDamageReportedOrEverythingListed(TestHome home) {
    for (int attempt = 0; attempt < 2; attempt++) {
      CliResult list = home.tend("journal", "list");
      if (list.exitCode() == ExitCodes.DAMAGED) {
        assertTrue(list.err().contains("damaged") || list.err().contains("integrity"),
            list::toString);
        continue;
      }
      assertEquals(ExitCodes.OK, list.exitCode(), list::toString);
      for (String marker : MARKERS) {
        CliResult show = home.tend("journal", "list", "--json");
        assertEquals(ExitCodes.OK, show.exitCode(), show::toString);
        if (!list.out().contains(marker.substring(0, 6)) && !show.out().contains(marker)) {
          fail(marker + " silently missing:\n" + list + "\n" + show);
        }
      }
    }
  }

  private static TestHome copy(String name) throws IOException {
    Path target = dir.resolve(name);
    try (Stream<Path> files = Files.walk(pristine.home())) {
      for (Path source : files.toList()) {
        Path to = target.resolve(pristine.home().relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(to);
        } else if (!source.getFileName().toString().equals("LOCK")) {
          Files.copy(source, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return new TestHome(target, pristine.passphraseFile());
  }

  private static void flip(Path file, long offset) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      int b = f.read();
      f.seek(offset);
      f.write(b ^ 0x40);
    }
  }

  /** The log the last session wrote to; older ones may stay, empty or not, until a flush. */
  private static Path newestLog(TestHome home) throws IOException {
    List<Path> logs = files(home, name -> name.endsWith(".log"));
    assertFalse(logs.isEmpty());
    return logs.get(logs.size() - 1);
  }

  private static Path only(TestHome home, Predicate<String> name) throws IOException {
    List<Path> found = files(home, name);
    assertEquals(1, found.size(), found::toString);
    return found.get(0);
  }

  private static List<Path> files(TestHome home, Predicate<String> name) throws IOException {
    try (Stream<Path> files = Files.list(home.home().resolve("store"))) {
      return files.filter(p -> name.test(p.getFileName().toString())).sorted().toList();
    }
  }
}
