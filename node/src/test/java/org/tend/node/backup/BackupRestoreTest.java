package org.tend.node.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tend.node.TestHomes.passphrase;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tend.node.DiskScan;
import org.tend.node.HomeSnapshot;
import org.tend.node.MutableClock;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.TestHomes;
import org.tend.node.api.home.Fingerprint;
import org.tend.node.api.home.HomeExistsException;
import org.tend.node.api.home.TendException;
import org.tend.node.api.home.WrongPassphraseException;
import org.tend.node.api.journal.Entry;
import org.tend.node.api.journal.EntryDetails;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryHistory;
import org.tend.node.api.journal.EntryKind;
import org.tend.node.api.repair.Repair;
import org.tend.node.api.repair.RepairStatus;
import org.tend.node.api.repair.RepairStep;
import org.tend.node.api.repair.SurvivalResponse;
import org.tend.node.api.resources.CrisisResource;
import org.tend.protocol.proto.Keystore;

/**
 * Backups restore to the same home, and an archive that was damaged or altered anywhere is
 * refused before anything is written.
 */
class BackupRestoreTest {
  private static final String MARKER = "BACKUP-MARKER-7f3a";
  /** Enough large entries that the archive holds several chunks. */
  private static final int LARGE_ENTRIES = 9;

  @TempDir
  static Path shared;
  private static Path archive;
  private static Contents original;
  private static byte[] wrappedMasterKey;

  @TempDir
  Path temp;

  /** What a member sees in a home, for comparing a restored home with its original. */
  record Contents(Fingerprint fingerprint, List<Entry> entries, List<EntryHistory> histories,
      List<Repair> repairs, List<CrisisResource> resources) {

    static Contents of(TendNode node) throws TendException {
      List<Entry> entries = node.journal().list(Optional.empty(), Optional.empty()).entries();
      List<EntryHistory> histories = new ArrayList<>();
      for (Entry entry : entries) {
        histories.add(node.journal().show(entry.id()));
      }
      return new Contents(node.fingerprint(), entries, histories, node.repairs().list(),
          node.resources().list());
    }
  }

  @BeforeAll
  static void backUpAPopulatedHome() throws Exception {
    Path home = shared.resolve("home");
    MutableClock clock = new MutableClock(Instant.parse("2025-02-01T10:00:00Z"));
    try (TendNode node = TestHomes.init(TestHomes.config(home).withClock(clock))) {
      populate(node, clock);
      for (int i = 0; i < LARGE_ENTRIES; i++) {
        node.journal().write(EntryDraft.of(EntryKind.NOTE, (i + " " + MARKER + " ")
            .repeat(EntryDraft.MAX_TEXT_BYTES).substring(0, EntryDraft.MAX_TEXT_BYTES)));
      }
      original = Contents.of(node);
      archive = shared.resolve("tend.backup");
      assertEquals(countRecords(original), node.backup(archive));
    }
    wrappedMasterKey = Keystore.parseFrom(Files.readAllBytes(TestHomes.keystoreOf(home)))
        .getWrappedMasterKey().getCiphertext().toByteArray();
    assertTrue(ArchiveLayout.of(Files.readAllBytes(archive)).chunks().size() >= 3,
        "the archive spans several chunks");
  }

  private Path target() {
    return temp.resolve("restored");
  }

  @Test
  void restoringIntoANewHomeGivesTheSameEntriesRepairsResourcesAndIdentity() throws Exception {
    NodeConfig config = TestHomes.config(target());

    long restored = TendNode.restore(config, archive, passphrase());

    assertEquals(countRecords(original), restored);
    try (TendNode node = TestHomes.open(config)) {
      assertEquals(original, Contents.of(node));
      Entry after = node.journal().write(EntryDraft.of(EntryKind.NOTE, "life goes on"));
      assertEquals(after, node.journal().show(after.id()).latest());
    }
  }

  @Test
  void restoringIntoAnEmptyDirectoryWorks() throws Exception {
    Files.createDirectories(target());
    NodeConfig config = TestHomes.config(target());

    TendNode.restore(config, archive, passphrase());

    try (TendNode node = TestHomes.open(config)) {
      assertEquals(original.fingerprint(), node.fingerprint());
    }
  }

  @Test
  void archiveHoldsNoPlaintext() {
    assertEquals(List.of(), DiskScan.textsFound(shared, List.of(MARKER, "first check-in",
        "Crisis line", "falling out", "tight chest")));
  }

  @Test
  void aWrongPassphraseRestoresNothing() {
    NodeConfig config = TestHomes.config(target());

    assertThrows(WrongPassphraseException.class,
        () -> TendNode.restore(config, archive, passphrase("not the passphrase")));

    assertFalse(Files.exists(target()));
    assertEquals(Set.of("/"), HomeSnapshot.of(temp).entries().keySet(),
        "nothing written beside the target either");
  }

  /** Ways an archive can be damaged or altered; each must be refused. */
  static Stream<Arguments> damagedArchives() {
    return Stream.of(
        Arguments.of("magic changed", flipAt(layout -> 0)),
        Arguments.of("header's archive salt changed", flipAt(layout -> layout.headerEnd() - 1)),
        Arguments.of("header's wrapped key changed", (UnaryOperator<byte[]>) bytes -> {
          byte[] out = bytes.clone();
          out[indexOf(bytes, wrappedMasterKey)] ^= 1;
          return out;
        }),
        Arguments.of("a byte in the middle changed", flipAt(layout -> layout.end() / 2)),
        Arguments.of("first chunk's nonce changed", flipAt(layout -> layout.chunks().get(0) + 6)),
        Arguments.of("last byte changed", flipAt(layout -> layout.end() - 1)),
        Arguments.of("last byte cut off", (UnaryOperator<byte[]>) bytes ->
            Arrays.copyOf(bytes, bytes.length - 1)),
        Arguments.of("cut in half", (UnaryOperator<byte[]>) bytes ->
            Arrays.copyOf(bytes, bytes.length / 2)),
        Arguments.of("cut after a whole chunk", (UnaryOperator<byte[]>) bytes ->
            Arrays.copyOf(bytes, ArchiveLayout.of(bytes).chunks().get(1))),
        Arguments.of("cut after the header", (UnaryOperator<byte[]>) bytes ->
            Arrays.copyOf(bytes, ArchiveLayout.of(bytes).headerEnd())),
        Arguments.of("one byte appended", (UnaryOperator<byte[]>) bytes ->
            concat(bytes, new byte[] {0})),
        Arguments.of("the last chunk appended again", (UnaryOperator<byte[]>) bytes -> {
          ArchiveLayout layout = ArchiveLayout.of(bytes);
          int last = layout.chunks().get(layout.chunks().size() - 1);
          return concat(bytes, Arrays.copyOfRange(bytes, last, bytes.length));
        }),
        Arguments.of("a chunk dropped", (UnaryOperator<byte[]>) bytes -> {
          ArchiveLayout layout = ArchiveLayout.of(bytes);
          return concat(Arrays.copyOf(bytes, layout.chunks().get(1)),
              Arrays.copyOfRange(bytes, layout.chunks().get(2), bytes.length));
        }),
        Arguments.of("two chunks swapped", (UnaryOperator<byte[]>) bytes -> {
          ArchiveLayout layout = ArchiveLayout.of(bytes);
          int first = layout.chunks().get(0);
          int second = layout.chunks().get(1);
          int third = layout.chunks().get(2);
          return concat(concat(Arrays.copyOf(bytes, first),
              Arrays.copyOfRange(bytes, second, third)),
              concat(Arrays.copyOfRange(bytes, first, second),
                  Arrays.copyOfRange(bytes, third, bytes.length)));
        }),
        Arguments.of("emptied", (UnaryOperator<byte[]>) bytes -> new byte[0]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damagedArchives")
  void refusesADamagedArchiveAndWritesNothing(String what, UnaryOperator<byte[]> damage)
      throws Exception {
    Path damaged = temp.resolve("damaged.backup");
    Files.write(damaged, damage.apply(Files.readAllBytes(archive)));
    HomeSnapshot before = HomeSnapshot.of(temp);

    assertThrows(TendException.class,
        () -> TendNode.restore(TestHomes.config(target()), damaged, passphrase()), what);

    assertFalse(Files.exists(target()), what);
    assertEquals(List.of(), before.changesTo(HomeSnapshot.of(temp)),
        what + ": nothing written anywhere");
  }

  @Test
  void refusesAMissingArchive() {
    assertThrows(TendException.class, () -> TendNode.restore(TestHomes.config(target()),
        temp.resolve("no-such.backup"), passphrase()));
    assertFalse(Files.exists(target()));
  }

  @Test
  void refusesToRestoreIntoAHomeThatIsNotEmpty() throws Exception {
    NodeConfig existing = TestHomes.config(target());
    TendNode.init(existing, passphrase("someone else's home")).close();
    HomeSnapshot home = HomeSnapshot.of(target());
    Path other = temp.resolve("notes");
    Files.createDirectories(other);
    Files.writeString(other.resolve("todo.txt"), "not a home, but not empty");

    assertThrows(HomeExistsException.class,
        () -> TendNode.restore(existing, archive, passphrase()));
    assertThrows(HomeExistsException.class,
        () -> TendNode.restore(TestHomes.config(other), archive, passphrase()));

    assertEquals(List.of(), home.changesTo(HomeSnapshot.of(target())));
    assertEquals("not a home, but not empty", Files.readString(other.resolve("todo.txt")));
    assertEquals(1, DiskScan.files(other).size());
  }

  @Test
  void backupNeverOverwritesAnExistingFile() throws Exception {
    Path home = temp.resolve("home");
    Path backup = temp.resolve("first.backup");
    Path unrelated = temp.resolve("precious.txt");
    Files.writeString(unrelated, "precious");
    try (TendNode node = TestHomes.init(TestHomes.config(home))) {
      node.journal().write(EntryDraft.of(EntryKind.NOTE, "one"));
      node.backup(backup);
      byte[] first = Files.readAllBytes(backup);
      node.journal().write(EntryDraft.of(EntryKind.NOTE, "two"));

      assertThrows(TendException.class, () -> node.backup(backup));
      assertThrows(TendException.class, () -> node.backup(unrelated));

      assertArrayEquals(first, Files.readAllBytes(backup));
      assertEquals("precious", Files.readString(unrelated));
    }
    assertEquals(List.of("first.backup", "home", "precious.txt"),
        Files.list(temp).map(p -> p.getFileName().toString()).sorted().toList(),
        "no partial archive left behind");
  }

  @Test
  void anEmptyHomeBacksUpAndRestores() throws Exception {
    Path home = temp.resolve("home");
    Path backup = temp.resolve("empty.backup");
    Fingerprint fingerprint;
    try (TendNode node = TestHomes.init(TestHomes.config(home))) {
      fingerprint = node.fingerprint();
      assertEquals(0, node.backup(backup));
    }

    assertEquals(0, TendNode.restore(TestHomes.config(target()), backup, passphrase()));

    try (TendNode node = TestHomes.open(TestHomes.config(target()))) {
      assertEquals(fingerprint, node.fingerprint());
      assertEquals(0, node.status().entries());
    }
  }

  /**
   * Promise of {@link TendNode#open}: a wrong passphrase changes nothing on disk, also in a
   * home that came from a backup and was never opened yet.
   */
  @Test
  void aWrongPassphraseLeavesARestoredHomeByteIdentical() throws Exception {
    NodeConfig config = TestHomes.config(target());
    TendNode.restore(config, archive, passphrase());
    HomeSnapshot before = HomeSnapshot.of(target());

    assertThrows(WrongPassphraseException.class,
        () -> TendNode.open(config, passphrase("not the passphrase")));

    assertEquals(List.of(), before.changesTo(HomeSnapshot.of(target())),
        "a wrong passphrase must create nothing, not even the lock file a restored home lacks");
  }

  private static void populate(TendNode node, MutableClock clock) throws Exception {
    Entry checkIn = node.journal().write(EntryDraft.of(EntryKind.CHECK_IN, "first check-in"));
    clock.advance(Duration.ofHours(1));
    node.journal().amend(checkIn.id(), "first check-in, amended");
    clock.advance(Duration.ofHours(1));
    Repair repair = node.repairs().begin("falling out at the meeting");
    node.repairs().answer(repair.id(), RepairStep.NOTICE, "I froze",
        Optional.of(new EntryDetails.Notice(List.of("tight chest"),
            Optional.of(SurvivalResponse.FREEZE), OptionalInt.of(6), "A.")));
    clock.advance(Duration.ofHours(1));
    Repair closed = node.repairs().begin("an older one");
    node.repairs().close(closed.id(), RepairStatus.LET_GO);
    node.resources().add("Crisis line", "0800 000 000", "any hour");
    node.resources().add("Advocate", "advocate@example.org", "");
  }

  private static long countRecords(Contents contents) {
    long revisions = contents.histories().stream().mapToLong(h -> 1 + h.earlier().size()).sum();
    return revisions + contents.repairs().size() + contents.resources().size();
  }

  private static UnaryOperator<byte[]> flipAt(ToIntFunction<ArchiveLayout> offset) {
    return bytes -> {
      byte[] out = bytes.clone();
      out[offset.applyAsInt(ArchiveLayout.of(bytes))] ^= 0x01;
      return out;
    };
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    int at = DiskScan.indexOf(haystack, needle);
    assertTrue(at >= 0);
    return at;
  }

  /**
   * Where the parts of an archive start: magic, length-prefixed header, then length-prefixed
   * chunks, read the way the archive format documents them.
   */
  record ArchiveLayout(int headerEnd, List<Integer> chunks, int end) {
    static ArchiveLayout of(byte[] bytes) {
      try {
        int magic = "TENDBAK1".getBytes(StandardCharsets.US_ASCII).length;
        CodedInputStream in = CodedInputStream.newInstance(bytes, magic, bytes.length - magic);
        in.skipRawBytes(in.readRawVarint32());
        int headerEnd = magic + in.getTotalBytesRead();
        List<Integer> chunks = new ArrayList<>();
        while (!in.isAtEnd()) {
          chunks.add(magic + in.getTotalBytesRead());
          in.skipRawBytes(in.readRawVarint32());
        }
        return new ArchiveLayout(headerEnd, chunks, bytes.length);
      } catch (IOException e) {
        throw new AssertionError("not a well-formed archive", e);
      }
    }
  }
}
