package org.tend.node;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tend.node.TestHomes.config;
import static org.tend.node.TestHomes.passphrase;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.protocol.crypto.Argon2Params;

/**
 * Passphrase checks in a running node (one per command) each need Argon2id's whole memory on
 * the heap: five at once must not hold five times that, and none of it may stay behind.
 */
class PassphraseCheckHeapTest {
  private static final long MIB = 1024 * 1024;

  @TempDir
  Path temp;

  @Test
  void repeatedPassphraseChecksDoNotGrowTheHeap() throws Exception {
    try (TendNode node = TestHomes.init(config(temp.resolve("home")))) {
      node.checkPassphrase(passphrase());
      long before = liveHeap();
      List<CompletableFuture<Void>> checks = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        checks.add(CompletableFuture.runAsync(() -> {
          try {
            node.checkPassphrase(passphrase());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }));
      }
      CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).join();
      long after = liveHeap();
      long argon2 = Argon2Params.MINIMUM.memoryKiB() * 1024L;
      System.out.println("PassphraseCheckHeapTest: live heap " + before / MIB + " MiB before, "
          + after / MIB + " MiB after 5 concurrent checks of " + argon2 / MIB + " MiB each;"
          + " committed heap " + Runtime.getRuntime().totalMemory() / MIB + " MiB");
      assertTrue(after - before < argon2 / 4, "the derivations' memory was released");
    }
  }

  private static long liveHeap() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
