package org.tend.node.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.api.home.StoreDamagedException;
import org.tend.protocol.crypto.SecretBytes;

/** What the store's files say without the passphrase, and how a missing store is treated. */
class StoreFilesTest {
  private static final byte[] HOST_KEY = ascii("host.identity");
  private static final SecretBytes MASTER_KEY = SecretBytes.copyOf(new byte[32]);

  @TempDir
  Path dir;

  @Test
  void tableFilesCarryAnEmptyHostIdentityNotTheComputersName() throws Exception {
    Path directory = dir.resolve("store");
    try (Store store = Store.open(directory, StoreOptions.defaults(), MASTER_KEY)) {
      store.write(new WriteSet().put(Column.ENTRIES, new byte[] {1}, new byte[] {2, 3}));
      store.purgeDeleted();
    }

    List<Path> tables;
    try (Stream<Path> files = Files.list(directory)) {
      tables = files.filter(p -> p.toString().endsWith(".sst")).toList();
    }
    assertFalse(tables.isEmpty());
    for (Path table : tables) {
      byte[] bytes = Files.readAllBytes(table);
      // Property keys share prefixes with the key before them, so match only their ends.
      assertTrue(indexOf(bytes, ascii("creation.time")) > 0, () -> table + " has properties");
      assertEquals(-1, indexOf(bytes, HOST_KEY), () -> table + " names a host");
    }
  }

  @Test
  void anExistingHomesMissingStoreIsDamageAndIsNotCreated() {
    Path directory = dir.resolve("store");

    StoreDamagedException e = assertThrows(StoreDamagedException.class,
        () -> Store.openExisting(directory, StoreOptions.defaults(), MASTER_KEY));

    assertTrue(e.getMessage().contains("missing"), e::getMessage);
    assertFalse(Files.exists(directory));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
