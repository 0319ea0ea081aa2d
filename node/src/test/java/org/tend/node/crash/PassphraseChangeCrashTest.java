package org.tend.node.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.tend.node.TestHomes.config;
import static org.tend.node.TestHomes.passphrase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.ChildJvm;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.TestHomes;
import org.tend.node.api.collective.Rules;
import org.tend.node.api.home.Fingerprint;
import org.tend.node.api.home.WrongPassphraseException;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryId;
import org.tend.node.api.journal.EntryKind;
import org.tend.protocol.crypto.Argon2Params;
import org.tend.protocol.crypto.Argon2id;

/**
 * A passphrase change killed at any point (SIGKILL, in another JVM) leaves a home that the old
 * or the new passphrase opens, with the same identity, journal and collective logs, and no
 * record of the unfinished change (which holds both master keys) once it is opened.
 */
class PassphraseChangeCrashTest {
  private static final String A = "alpha: the first passphrase";
  private static final String B = "bravo: the second passphrase";
  private static final int KILLS = 10;
  private static final int FILLER = 400;

  @TempDir
  Path temp;

  @Test
  void theOldOrTheNewPassphraseOpensTheHomeAfterAKillAtAnyPoint() throws Exception {
    long seed = Long.getLong("tend.crash.seed", System.nanoTime());
    System.out.println("PassphraseChangeCrashTest seed " + seed
        + " (repeat the kill points with -Dtend.crash.seed=" + seed + ")");
    Random random = new Random(seed);
    Path home = temp.resolve("home");
    NodeConfig config = config(home);
    Fingerprint fingerprint;
    EntryId kept;
    long events;
    try (TendNode node = TendNode.init(config, passphrase(A))) {
      fingerprint = node.fingerprint();
      kept = node.journal().write(EntryDraft.of(EntryKind.NOTE, "outlives every change")).id();
      // Enough records that re-sealing them takes a while a kill can land in.
      for (int i = 0; i < FILLER; i++) {
        node.journal().write(EntryDraft.of(EntryKind.NOTE, "filler " + i));
      }
      node.collectives().create("Riverside Care", "Ana", Rules.defaults());
      events = node.networkStatus().collectives().get(0).events();
    }
    assertTrue(events > 0);

    // A kill lands anywhere in the change after the k-th, once the child's JIT is warm, so every
    // step of a change (re-sealing and the renames included) can be hit. A change is two
    // derivations and the store's re-sealing: timed here on a copy of the home.
    long changeMillis = Math.max(2 * derivationMillis(), changeMillis(home));
    String current = A;
    int unreported = 0;
    int changesReported = 0;
    int midRotation = 0;
    for (int kill = 1; kill <= KILLS; kill++) {
      ChildJvm child = ChildJvm.start(temp, PassphraseFlipper.class, home.toString(), current,
          other(current));
      child.awaitLines(PassphraseChangeCrashTest::isChange, 1 + random.nextInt(2));
      child.runFor(Duration.ofMillis((long) (random.nextDouble() * changeMillis)));
      List<String> printed = child.kill();
      int changes = (int) printed.stream().filter(PassphraseChangeCrashTest::isChange).count();
      changesReported += changes;

      if (Files.exists(home.resolve("keystore.rotation"))) {
        midRotation++;
      }
      String lastReported = changes % 2 == 0 ? current : other(current);
      current = passphraseThatOpens(config, lastReported, fingerprint, kept, events,
          "kill " + kill + " after " + printed);
      if (!current.equals(lastReported)) {
        unreported++;
      }
    }
    System.out.println("PassphraseChangeCrashTest: " + KILLS + " kills, " + changesReported
        + " changes reported, " + unreported
        + " kills after a change had completed but before it was reported, " + midRotation
        + " kills while the master key was being replaced");
  }

  /** A completed change; a last line cut short by the kill does not count. */
  private static boolean isChange(String line) {
    return line.matches("changed \\d+ ok");
  }

  /** How long one whole change of a copy of {@code home} takes here. */
  private long changeMillis(Path home) throws Exception {
    Path copy = temp.resolve("timing");
    TestHomes.copyHome(home, copy);
    long start = System.nanoTime();
    TendNode.changePassphrase(config(copy), passphrase(A), passphrase(B));
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** How long one Argon2id derivation at the minimum cost takes here, warm. */
  private static long derivationMillis() {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 2; i++) {
      long start = System.nanoTime();
      Argon2id.derive(new byte[16], new byte[16], Argon2Params.MINIMUM, 32).destroy();
      best = Math.min(best, (System.nanoTime() - start) / 1_000_000);
    }
    return best;
  }

  /** The one of A and B that opens the home, checking identity and journal are whole. */
  private static String passphraseThatOpens(NodeConfig config, String likely,
      Fingerprint fingerprint, EntryId kept, long events, String context) throws Exception {
    for (String candidate : List.of(likely, other(likely))) {
      try (TendNode node = TendNode.open(config, passphrase(candidate))) {
        assertEquals(fingerprint, node.fingerprint(), context);
        assertEquals("outlives every change", node.journal().show(kept).latest().text(), context);
        var listing = node.journal().list(Optional.empty(), Optional.empty());
        assertTrue(listing.unreadable().isEmpty(), context);
        assertEquals(FILLER + 1, listing.entries().size(), context);
        assertEquals(events, node.networkStatus().collectives().get(0).events(), context);
        assertFalse(Files.exists(config.home().resolve("keystore.rotation")), context);
        return candidate;
      } catch (WrongPassphraseException e) {
        // try the other one
      }
    }
    return fail("neither passphrase opens the home: " + context);
  }

  private static String other(String passphrase) {
    return passphrase.equals(A) ? B : A;
  }
}
