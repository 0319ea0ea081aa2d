package org.tend.node.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.tend.node.TestHomes.config;
import static org.tend.node.TestHomes.passphrase;

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
import org.tend.node.api.home.Fingerprint;
import org.tend.node.api.home.WrongPassphraseException;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryId;
import org.tend.node.api.journal.EntryKind;
import org.tend.protocol.crypto.Argon2Params;
import org.tend.protocol.crypto.Argon2id;

/**
 * A passphrase change killed at any point (SIGKILL, in another JVM) leaves a home that the old
 * or the new passphrase opens, with the same identity and journal.
 */
class PassphraseChangeCrashTest {
  private static final String A = "alpha: the first passphrase";
  private static final String B = "bravo: the second passphrase";
  private static final int KILLS = 10;

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
    try (TendNode node = TendNode.init(config, passphrase(A))) {
      fingerprint = node.fingerprint();
      kept = node.journal().write(EntryDraft.of(EntryKind.NOTE, "outlives every change")).id();
    }

    // A change is two derivations; a kill lands anywhere in the change after the k-th, once
    // the child's JIT is warm, so every step of a change (the rename included) can be hit.
    long changeMillis = 2 * derivationMillis();
    String current = A;
    int unreported = 0;
    int changesReported = 0;
    for (int kill = 1; kill <= KILLS; kill++) {
      ChildJvm child = ChildJvm.start(temp, PassphraseFlipper.class, home.toString(), current,
          other(current));
      child.awaitLines(PassphraseChangeCrashTest::isChange, 1 + random.nextInt(2));
      child.runFor(Duration.ofMillis((long) (random.nextDouble() * changeMillis)));
      List<String> printed = child.kill();
      int changes = (int) printed.stream().filter(PassphraseChangeCrashTest::isChange).count();
      changesReported += changes;

      String lastReported = changes % 2 == 0 ? current : other(current);
      current = passphraseThatOpens(config, lastReported, fingerprint, kept,
          "kill " + kill + " after " + printed);
      if (!current.equals(lastReported)) {
        unreported++;
      }
    }
    System.out.println("PassphraseChangeCrashTest: " + KILLS + " kills, " + changesReported
        + " changes reported, " + unreported
        + " kills after a change had completed but before it was reported");
  }

  /** A completed change; a last line cut short by the kill does not count. */
  private static boolean isChange(String line) {
    return line.matches("changed \\d+ ok");
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
      Fingerprint fingerprint, EntryId kept, String context) throws Exception {
    for (String candidate : List.of(likely, other(likely))) {
      try (TendNode node = TendNode.open(config, passphrase(candidate))) {
        assertEquals(fingerprint, node.fingerprint(), context);
        assertEquals("outlives every change", node.journal().show(kept).latest().text(), context);
        assertTrue(node.journal().list(Optional.empty(), Optional.empty()).unreadable().isEmpty(),
            context);
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
