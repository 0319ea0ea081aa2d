package org.tend.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tend.node.TestHomes.config;
import static org.tend.node.TestHomes.keystoreOf;
import static org.tend.node.TestHomes.passphrase;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.api.collective.Rules;
import org.tend.node.api.home.Fingerprint;
import org.tend.node.api.home.StoreDamagedException;
import org.tend.node.api.home.WrongPassphraseException;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryKind;
import org.tend.node.api.journal.Listing;
import org.tend.node.keystore.HomeFiles;
import org.tend.node.keystore.Keystores;
import org.tend.node.keystore.MasterKeyRotation;
import org.tend.protocol.crypto.Argon2Params;
import org.tend.protocol.proto.Keystore;

/**
 * A passphrase change replaces the master key: whoever kept the old keystore (a backup's, a
 * copy, or blocks the file system freed) and knows the old passphrase opens nothing written in
 * the home, before or after the change.
 */
class MasterKeyRotationTest {
  private static final String OLD = TestHomes.PASSPHRASE;
  private static final String NEW = "a newer passphrase nobody has seen";

  @TempDir
  Path temp;

  @Test
  void anOldKeystoreWithTheOldPassphraseOpensNothingInTheHomeAfterAChange() throws Exception {
    Path home = temp.resolve("home");
    NodeConfig config = config(home);
    try (TendNode node = TestHomes.init(config)) {
      node.journal().write(EntryDraft.of(EntryKind.NOTE, "written before the change"));
      node.resources().add("Night line", "555 0100", "after ten");
      node.collectives().create("Riverside Care", "Ana", Rules.defaults());
    }
    byte[] oldKeystore = Files.readAllBytes(keystoreOf(home));

    TendNode.changePassphrase(config, passphrase(OLD), passphrase(NEW));
    long events;
    try (TendNode node = TendNode.open(config, passphrase(NEW))) {
      node.journal().write(EntryDraft.of(EntryKind.NOTE, "written after the change"));
      assertEquals(2, node.journal().list(Optional.empty(), Optional.empty()).entries().size());
      assertEquals(1, node.resources().list().size());
      assertEquals(1, node.collectives().list().size());
      events = node.networkStatus().collectives().get(0).events();
      assertTrue(events > 0, "the collective's log was re-sealed and still opens");
    }

    // The attacker's home: today's store with the keystore as it was before the change.
    Path stolen = temp.resolve("stolen");
    TestHomes.copyHome(home, stolen);
    Files.write(keystoreOf(stolen), oldKeystore);
    // Its guarded records (log heads, invites) open under no key it holds: it refuses to open
    // at all rather than act on a store it cannot account for.
    assertThrows(StoreDamagedException.class,
        () -> TendNode.open(config(stolen), passphrase(OLD)));
  }

  @Test
  void theReplacedKeystoreFileIsOverwrittenNotJustUnlinked() throws Exception {
    Path home = temp.resolve("home");
    NodeConfig config = config(home);
    TestHomes.init(config).close();
    byte[] before = Files.readAllBytes(keystoreOf(home));
    // A second name for the old keystore's inode: what survives a rename in free blocks.
    Path oldInode = temp.resolve("old-inode");
    Files.createLink(oldInode, keystoreOf(home));

    TendNode.changePassphrase(config, passphrase(OLD), passphrase(NEW));

    byte[] left = Files.readAllBytes(oldInode);
    assertEquals(before.length, left.length);
    assertFalse(Arrays.equals(before, left));
    assertFalse(parsesAsKeystore(left), "only noise is left where the old keystore was");
    assertFalse(Files.exists(new HomeFiles(home.toAbsolutePath()).keyRotation()));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(keystoreOf(home))), "the new keystore is the owner's only");
  }

  @Test
  void aChangeCalibratesTheKeyDerivationAnewInsteadOfKeepingTheOldParameters() throws Exception {
    Path home = temp.resolve("home");
    TestHomes.init(config(home)).close();
    Argon2Params now = new Argon2Params(Argon2Params.MINIMUM.memoryKiB(),
        Argon2Params.MINIMUM.iterations() + 1, 1);

    TendNode.changePassphrase(config(home).withFixedKdf(now), passphrase(OLD), passphrase(NEW));

    assertEquals(now, Keystores.kdfOf(new HomeFiles(home.toAbsolutePath())));
    assertNotEquals(Argon2Params.MINIMUM, now);
  }

  @Test
  void aChangeCutOffAfterReSealingIsUndoneByTheOldPassphrase() throws Exception {
    Path home = temp.resolve("home");
    Fingerprint fingerprint = homeWithOneEntry(home);
    interruptAfterReSealing(home);

    try (TendNode node = TendNode.open(config(home), passphrase(OLD))) {
      assertEquals(fingerprint, node.fingerprint());
      assertEquals("kept", onlyEntry(node));
    }
    assertThrows(WrongPassphraseException.class,
        () -> TendNode.open(config(home), passphrase(NEW)).close());
    assertFalse(Files.exists(new HomeFiles(home.toAbsolutePath()).keyRotation()));
  }

  @Test
  void aChangeCutOffAfterReSealingIsFinishedByTheNewPassphrase() throws Exception {
    Path home = temp.resolve("home");
    Fingerprint fingerprint = homeWithOneEntry(home);
    byte[] oldKeystore = Files.readAllBytes(keystoreOf(home));
    interruptAfterReSealing(home);

    try (TendNode node = TendNode.open(config(home), passphrase(NEW))) {
      assertEquals(fingerprint, node.fingerprint());
      assertEquals("kept", onlyEntry(node));
    }
    assertThrows(WrongPassphraseException.class,
        () -> TendNode.open(config(home), passphrase(OLD)).close());
    assertFalse(Files.exists(new HomeFiles(home.toAbsolutePath()).keyRotation()));
    Files.write(keystoreOf(home), oldKeystore);
    // The old master key opens not even the store's record of its family names.
    assertThrows(StoreDamagedException.class,
        () -> TendNode.open(config(home), passphrase(OLD)).close());
  }

  @Test
  void anInterruptedChangeRefusesAPassphraseThatIsNeitherOldNorNew() throws Exception {
    Path home = temp.resolve("home");
    homeWithOneEntry(home);
    interruptAfterReSealing(home);

    assertThrows(WrongPassphraseException.class,
        () -> TendNode.open(config(home), passphrase("neither of the two")).close());
    assertTrue(Files.exists(new HomeFiles(home.toAbsolutePath()).keyRotation()));
  }

  private static Fingerprint homeWithOneEntry(Path home) throws Exception {
    try (TendNode node = TestHomes.init(config(home))) {
      node.journal().write(EntryDraft.of(EntryKind.NOTE, "kept"));
      return node.fingerprint();
    }
  }

  /** Runs a real change whose process stops right after the store is re-sealed. */
  private static void interruptAfterReSealing(Path home) throws Exception {
    HomeFiles files = new HomeFiles(home.toAbsolutePath());
    NodeConfig config = config(home);
    MasterKeyRotation.StoreRewriter real =
        StoreRewrites.of(files, config.storeOptions(), config.randomness());
    IllegalStateException cut = assertThrows(IllegalStateException.class,
        () -> MasterKeyRotation.change(files, passphrase(OLD), passphrase(NEW),
            () -> Argon2Params.MINIMUM, config.randomness(), (from, to) -> {
              real.rewrite(from, to);
              throw new IllegalStateException("killed");
            }));
    assertEquals("killed", cut.getMessage());
    assertTrue(Files.exists(files.keyRotation()));
  }

  private static String onlyEntry(TendNode node) throws Exception {
    Listing listing = node.journal().list(Optional.empty(), Optional.empty());
    assertEquals(0, listing.unreadable().size());
    assertEquals(1, listing.entries().size());
    return listing.entries().get(0).text();
  }

  private static boolean parsesAsKeystore(byte[] bytes) {
    try {
      Keystore keystore = Keystore.parseFrom(bytes);
      return keystore.hasWrappedMasterKey() && keystore.getSalt().size() == 16;
    } catch (InvalidProtocolBufferException e) {
      return false;
    }
  }
}
