package org.tend.node.keystore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tend.node.TestHomes.config;
import static org.tend.node.TestHomes.keystoreOf;
import static org.tend.node.TestHomes.passphrase;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tend.node.HomeSnapshot;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.TestHomes;
import org.tend.node.api.home.Fingerprint;
import org.tend.node.api.home.HomeDamagedException;
import org.tend.node.api.home.HomeExistsException;
import org.tend.node.api.home.HomeInUseException;
import org.tend.node.api.home.HomeNotFoundException;
import org.tend.node.api.home.HomeStatus;
import org.tend.node.api.home.Passphrase;
import org.tend.node.api.home.TendException;
import org.tend.node.api.home.WrongPassphraseException;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryKind;
import org.tend.protocol.crypto.Argon2Params;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.proto.Argon2Parameters;
import org.tend.protocol.proto.Keystore;

/** Creating, opening, locking and re-keying a home. */
class KeystoreTest {
  private static final String NEW_PASSPHRASE = "a different, newer passphrase";

  /** A closed home with one entry, copied by tests that only need some home to damage. */
  @TempDir
  static Path templates;
  private static Path template;

  @TempDir
  Path temp;

  @BeforeAll
  static void createTemplateHome() throws Exception {
    template = templates.resolve("home");
    try (TendNode node = TestHomes.init(config(template))) {
      node.journal().write(EntryDraft.of(EntryKind.NOTE, "behind the keystore"));
    }
  }

  private Path home() {
    return temp.resolve("home");
  }

  @Test
  void opensWithTheRightPassphraseAndKeepsTheFingerprintAcrossReopens() throws Exception {
    NodeConfig config = config(home());
    Fingerprint created;
    try (TendNode node = TestHomes.init(config)) {
      created = node.fingerprint();
      node.journal().write(EntryDraft.of(EntryKind.NOTE, "first words"));
    }
    for (int reopen = 0; reopen < 2; reopen++) {
      try (TendNode node = TestHomes.open(config)) {
        assertEquals(created, node.fingerprint());
        assertEquals("first words", node.journal().list(Optional.empty(), Optional.empty())
            .entries().get(0).text());
      }
    }
  }

  @Test
  void newHomeUsesTheConfiguredKdfAndReportsItInStatus() throws Exception {
    NodeConfig config = config(home());
    try (TendNode node = TestHomes.init(config)) {
      HomeStatus status = node.status();
      assertEquals(64, status.kdfMemoryMiB());
      assertEquals(3, status.kdfIterations());
      assertEquals(0, status.entries());
      assertEquals(node.fingerprint(), status.fingerprint());
    }
    assertEquals(Argon2Params.MINIMUM, Keystores.kdfOf(new HomeFiles(home().toAbsolutePath())));
  }

  @Test
  void newHomeIsReadableOnlyByItsOwner() throws Exception {
    TestHomes.init(config(home())).close();

    assertEquals("rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(home())));
  }

  @Test
  void rejectsWrongPassphraseAndLeavesHomeByteIdentical() throws Exception {
    NodeConfig config = config(home());
    try (TendNode node = TestHomes.init(config)) {
      node.journal().write(EntryDraft.of(EntryKind.CHECK_IN, "something to keep"));
      node.repairs().begin("a repair");
      node.resources().add("A line", "0800 000 000", "");
    }
    HomeSnapshot before = HomeSnapshot.of(home());

    assertThrows(WrongPassphraseException.class,
        () -> TendNode.open(config, passphrase("not the passphrase")));
    assertThrows(WrongPassphraseException.class,
        () -> TendNode.open(config, passphrase(TestHomes.PASSPHRASE + " ")));

    assertEquals(List.of(), before.changesTo(HomeSnapshot.of(home())));
    try (TendNode node = TestHomes.open(config)) {
      assertEquals(1, node.status().entries());
    }
  }

  @Test
  void openingAMissingHomeThrowsHomeNotFoundAndCreatesNothing() {
    NodeConfig config = config(home());

    assertThrows(HomeNotFoundException.class, () -> TestHomes.open(config));
    assertThrows(HomeNotFoundException.class,
        () -> TendNode.changePassphrase(config, passphrase(), passphrase(NEW_PASSPHRASE)));

    assertFalse(Files.exists(home()));
    assertFalse(TendNode.exists(config));
  }

  @Test
  void refusesToInitOverAnExistingHomeAndLeavesItUntouched() throws Exception {
    NodeConfig config = config(home());
    Fingerprint original;
    try (TendNode node = TestHomes.init(config)) {
      original = node.fingerprint();
      node.journal().write(EntryDraft.of(EntryKind.NOTE, "kept"));
    }
    HomeSnapshot before = HomeSnapshot.of(home());

    assertThrows(HomeExistsException.class,
        () -> TendNode.init(config, passphrase(NEW_PASSPHRASE)));

    assertEquals(List.of(), before.changesTo(HomeSnapshot.of(home())));
    try (TendNode node = TestHomes.open(config)) {
      assertEquals(original, node.fingerprint());
    }
  }

  @Test
  void refusesToInitInAFolderThatHoldsOtherFiles() throws Exception {
    Files.createDirectories(home());
    Files.writeString(home().resolve("notes.txt"), "mine");

    assertThrows(TendException.class, () -> TestHomes.init(config(home())));

    assertEquals(List.of("notes.txt"), Files.list(home())
        .map(p -> p.getFileName().toString()).toList());
    assertEquals("mine", Files.readString(home().resolve("notes.txt")));
  }

  @Test
  void refusesASecondOpenWhileTheFirstIsOpenAndAllowsItOnceClosed() throws Exception {
    NodeConfig config = config(home());
    try (TendNode first = TestHomes.init(config)) {
      assertThrows(HomeInUseException.class, () -> TestHomes.open(config));
      assertThrows(HomeInUseException.class,
          () -> TendNode.changePassphrase(config, passphrase(), passphrase(NEW_PASSPHRASE)));
      first.journal().write(EntryDraft.of(EntryKind.NOTE, "the first node still works"));
    }
    try (TendNode second = TestHomes.open(config)) {
      assertEquals(1, second.status().entries());
    }
  }

  /** Edits to the keystore file that must make opening fail, never open with weaker settings. */
  static Stream<Arguments> tamperings() {
    return Stream.of(
        Arguments.of("KDF lowered below the minimum", (UnaryOperator<Keystore>) k -> k.toBuilder()
            .setKdf(Argon2Parameters.newBuilder().setMemoryKib(8192).setIterations(1)
                .setParallelism(1))
            .build()),
        Arguments.of("KDF iterations lowered", (UnaryOperator<Keystore>) k -> k.toBuilder()
            .setKdf(k.getKdf().toBuilder().setIterations(2)).build()),
        Arguments.of("KDF iterations raised", (UnaryOperator<Keystore>) k -> k.toBuilder()
            .setKdf(k.getKdf().toBuilder().setIterations(4)).build()),
        Arguments.of("KDF parallelism changed", (UnaryOperator<Keystore>) k -> k.toBuilder()
            .setKdf(k.getKdf().toBuilder().setParallelism(2)).build()),
        Arguments.of("salt changed", (UnaryOperator<Keystore>) k -> k.toBuilder()
            .setSalt(flipFirstBit(k.getSalt())).build()),
        Arguments.of("salt emptied", (UnaryOperator<Keystore>) k -> k.toBuilder()
            .setSalt(ByteString.EMPTY).build()),
        Arguments.of("wrapped master key changed", (UnaryOperator<Keystore>) k -> k.toBuilder()
            .setWrappedMasterKey(k.getWrappedMasterKey().toBuilder()
                .setCiphertext(flipFirstBit(k.getWrappedMasterKey().getCiphertext())))
            .build()),
        Arguments.of("sealed identity changed", (UnaryOperator<Keystore>) k -> k.toBuilder()
            .setSealedIdentity(k.getSealedIdentity().toBuilder()
                .setCiphertext(flipFirstBit(k.getSealedIdentity().getCiphertext())))
            .build()),
        Arguments.of("unknown format", (UnaryOperator<Keystore>) k -> k.toBuilder()
            .setFormat(2).build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tamperings")
  void refusesATamperedKeystoreAndOpensAgainOnceItIsPutBack(String what,
      UnaryOperator<Keystore> tamper) throws Exception {
    NodeConfig config = config(home());
    TestHomes.copyHome(template, home());
    Path keystore = keystoreOf(home());
    byte[] original = Files.readAllBytes(keystore);
    byte[] tampered = tamper.apply(Keystore.parseFrom(original)).toByteArray();
    Files.write(keystore, tampered);

    TendException refused = assertThrows(TendException.class, () -> TestHomes.open(config));
    assertTrue(refused instanceof WrongPassphraseException
            || refused instanceof HomeDamagedException,
        what + ": unexpected " + refused);
    assertArrayEquals(tampered, Files.readAllBytes(keystore),
        "opening must not rewrite the keystore");

    Files.write(keystore, original);
    try (TendNode node = TestHomes.open(config)) {
      assertEquals(1, node.status().entries());
    }
  }

  @Test
  void refusesAKeystoreDemandingMoreMemoryThanTheHeapBeforeDeriving() throws Exception {
    NodeConfig config = config(home());
    TestHomes.copyHome(template, home());
    Path keystore = keystoreOf(home());
    Keystore k = Keystore.parseFrom(Files.readAllBytes(keystore));
    Files.write(keystore, k.toBuilder()
        .setKdf(k.getKdf().toBuilder().setMemoryKib(Argon2Params.MAX_MEMORY_KIB)).build()
        .toByteArray());

    HomeDamagedException refused = assertThrows(HomeDamagedException.class,
        () -> TestHomes.open(config));
    assertTrue(refused.getMessage().contains("memory"), refused.getMessage());
  }

  @Test
  void refusesAKeystoreThatIsNotAKeystore() throws Exception {
    NodeConfig config = config(home());
    TestHomes.copyHome(template, home());
    Files.write(keystoreOf(home()), new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});

    assertThrows(HomeDamagedException.class, () -> TestHomes.open(config));
  }

  @Test
  void changingThePassphraseMeansTheNewOneOpensAndTheOldDoesNot() throws Exception {
    NodeConfig config = config(home());
    Fingerprint fingerprint;
    try (TendNode node = TestHomes.init(config)) {
      fingerprint = node.fingerprint();
      node.journal().write(EntryDraft.of(EntryKind.NOTE, "written before the change"));
    }

    TendNode.changePassphrase(config, passphrase(), passphrase(NEW_PASSPHRASE));

    assertThrows(WrongPassphraseException.class, () -> TestHomes.open(config));
    try (TendNode node = TendNode.open(config, passphrase(NEW_PASSPHRASE))) {
      assertEquals(fingerprint, node.fingerprint());
      assertEquals("written before the change",
          node.journal().list(Optional.empty(), Optional.empty()).entries().get(0).text());
      assertEquals(Argon2Params.MINIMUM.memoryKiB() / 1024, node.status().kdfMemoryMiB());
    }
  }

  @Test
  void changingThePassphraseReplacesTheMasterKeyAndReSealsTheIdentity() throws Exception {
    NodeConfig config = config(home());
    try (TendNode node = TestHomes.init(config)) {
      node.journal().write(EntryDraft.of(EntryKind.NOTE, "re-sealed with the rest"));
    }
    byte[] keystoreBefore = Files.readAllBytes(keystoreOf(home()));

    TendNode.changePassphrase(config, passphrase(), passphrase(NEW_PASSPHRASE));

    Keystore old = Keystore.parseFrom(keystoreBefore);
    Keystore rewrapped = Keystore.parseFrom(Files.readAllBytes(keystoreOf(home())));
    assertNotEquals(old.getSalt(), rewrapped.getSalt(), "a new salt");
    assertNotEquals(old.getSealedIdentity(), rewrapped.getSealedIdentity(),
        "the identity is sealed under the new master key");
    assertEquals(List.of("keystore", "lock", "store"),
        Files.list(home()).map(p -> p.getFileName().toString()).sorted().toList(),
        "no rotation record or temporary file is left");
  }

  @Test
  void changingThePassphraseWithAWrongCurrentOneChangesNothing() throws Exception {
    NodeConfig config = config(home());
    TestHomes.copyHome(template, home());
    HomeSnapshot before = HomeSnapshot.of(home());

    assertThrows(WrongPassphraseException.class, () -> TendNode.changePassphrase(config,
        passphrase("not the passphrase"), passphrase(NEW_PASSPHRASE)));

    assertEquals(List.of(), before.changesTo(HomeSnapshot.of(home())));
    assertDoesNotThrow(() -> TestHomes.open(config).close());
  }

  @Test
  void passphraseTypedDecomposedOpensAHomeCreatedWithItComposed() throws Exception {
    String composed = "caf\u00e9 na\u00efve r\u00e9sum\u00e9";
    String decomposed = "cafe\u0301 nai\u0308ve re\u0301sume\u0301";
    assertNotEquals(composed, decomposed);
    NodeConfig config = config(home());
    TendNode.init(config, passphrase(composed)).close();

    assertDoesNotThrow(() -> TendNode.open(config, passphrase(decomposed)).close());
  }

  @Test
  void passphraseHoldsExactlyMaxBytesAndRefusesOneMore() {
    assertDoesNotThrow(() -> Passphrase.of("p".repeat(Passphrase.MAX_BYTES).toCharArray()));
    assertThrows(IllegalArgumentException.class,
        () -> Passphrase.of("p".repeat(Passphrase.MAX_BYTES + 1).toCharArray()));
    assertThrows(IllegalArgumentException.class, () -> Passphrase.of(new char[0]));
  }

  @Test
  void passphraseZeroesTheCallersCharactersAndNeverPrintsThem() {
    char[] typed = "secret words".toCharArray();
    Passphrase passphrase = Passphrase.of(typed);
    assertEquals("\0".repeat(typed.length), new String(typed));
    assertFalse(passphrase.toString().contains("secret"));
  }

  @Test
  void configRejectsArgon2ParametersBelowTheMinimum() {
    NodeConfig config = NodeConfig.forHome(home());
    Argon2Params min = Argon2Params.MINIMUM;
    for (Argon2Params weaker : List.of(
        new Argon2Params(min.memoryKiB() - 1, min.iterations(), 1),
        new Argon2Params(min.memoryKiB(), min.iterations() - 1, 1),
        new Argon2Params(min.memoryKiB() / 2, min.iterations() + 10, 1),
        new Argon2Params(min.memoryKiB() * 4, 1, 1))) {
      assertThrows(IllegalArgumentException.class, () -> config.withFixedKdf(weaker),
          weaker.toString());
    }
    assertDoesNotThrow(() -> config.withFixedKdf(min));
  }

  @Test
  void calibrationNeverChoosesParametersBelowTheMinimum() {
    Argon2Params tinyTarget = Argon2Calibrator.calibrate(Duration.ofMillis(1),
        Runtime.getRuntime().maxMemory(), Randomness.secure());
    Argon2Params tinyHeap = Argon2Calibrator.calibrate(Duration.ofSeconds(1), 16L << 20,
        Randomness.secure());

    assertTrue(tinyTarget.isAtLeast(Argon2Params.MINIMUM), tinyTarget.toString());
    assertTrue(tinyHeap.isAtLeast(Argon2Params.MINIMUM), tinyHeap.toString());
  }

  private static ByteString flipFirstBit(ByteString bytes) {
    byte[] raw = bytes.toByteArray();
    raw[0] ^= 1;
    return ByteString.copyFrom(raw);
  }
}
