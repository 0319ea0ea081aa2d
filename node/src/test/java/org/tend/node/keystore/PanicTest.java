package org.tend.node.keystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.TestHomes;
import org.tend.node.api.home.Fingerprint;
import org.tend.node.api.home.HomeNotFoundException;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryKind;

/** Panic destroys a home at once, so that nothing in it can be read again. */
class PanicTest {
  private static final int ENTRIES = 200;

  @TempDir
  Path temp;

  @Test
  void afterPanicTheHomeIsGoneAndOpeningSaysItWasWiped() throws Exception {
    Path home = temp.resolve("home");
    NodeConfig config = TestHomes.config(home);
    try (TendNode node = TestHomes.init(config)) {
      for (int i = 0; i < ENTRIES; i++) {
        node.journal().write(EntryDraft.of(EntryKind.values()[i % EntryKind.values().length],
            "entry number " + i));
      }
    }
    // As a crash in the middle of a passphrase change would leave it.
    Files.copy(TestHomes.keystoreOf(home), home.resolve("keystore.new"));

    long start = System.nanoTime();
    TendNode.panic(config);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    System.out.println("panic wiped a home of " + ENTRIES + " entries in " + took.toMillis()
        + " ms");

    assertFalse(Files.exists(home));
    assertFalse(TendNode.exists(config));
    HomeNotFoundException refused = assertThrows(HomeNotFoundException.class,
        () -> TestHomes.open(config));
    assertTrue(refused.getMessage().contains("panic"), refused.getMessage());
  }

  @Test
  void panicOnAMissingHomeSaysThereIsNone() {
    NodeConfig config = TestHomes.config(temp.resolve("never-created"));

    assertThrows(HomeNotFoundException.class, () -> TendNode.panic(config));
    assertFalse(Files.exists(config.home()));
  }

  @Test
  void panicRemovesOnlyWhatTendPutInTheFolder() throws Exception {
    Path home = temp.resolve("home");
    NodeConfig config = TestHomes.config(home);
    try (TendNode node = TestHomes.init(config)) {
      node.journal().write(EntryDraft.of(EntryKind.NOTE, "gone with the panic"));
    }
    Files.writeString(home.resolve("someone-elses.txt"), "not Tend's");

    TendNode.panic(config);

    assertEquals(List.of("someone-elses.txt"), Files.list(home)
        .map(p -> p.getFileName().toString()).toList());
    assertThrows(HomeNotFoundException.class, () -> TestHomes.open(config));
  }

  @Test
  void aNewHomeCanBeStartedWhereAWipedOneWas() throws Exception {
    NodeConfig config = TestHomes.config(temp.resolve("home"));
    Fingerprint wiped;
    try (TendNode node = TestHomes.init(config)) {
      wiped = node.fingerprint();
      node.journal().write(EntryDraft.of(EntryKind.NOTE, "gone with the panic"));
    }
    TendNode.panic(config);

    try (TendNode node = TestHomes.init(config)) {
      assertNotEquals(wiped, node.fingerprint());
      assertEquals(0, node.status().entries());
    }
  }
}
