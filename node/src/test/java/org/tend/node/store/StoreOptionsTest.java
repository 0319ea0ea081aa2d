package org.tend.node.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The store's tuning refuses what RocksDB would silently change or could not run with. */
class StoreOptionsTest {
  @Test
  void aNodeKeepsEveryTableFileOpen() {
    assertEquals(-1, StoreOptions.defaults().maxOpenFiles());
    assertEquals(-1, new StoreOptions(true, 1, 64 * 1024).maxOpenFiles());
  }

  @Test
  void boundedOpenFilesAreAtLeastWhatRocksDbWorksWith() {
    assertEquals(20, new StoreOptions(false, 1, 64 * 1024, 20).maxOpenFiles());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new StoreOptions(false, 1, 64 * 1024, 19));
    assertEquals("maxOpenFiles must be -1 (no bound) or at least 20, was 19", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new StoreOptions(false, 1, 64 * 1024, 0));
  }

  @Test
  void memtablesAreAtLeast64KiB() {
    new StoreOptions(false, 1, 64 * 1024);
    assertThrows(IllegalArgumentException.class, () -> new StoreOptions(false, 1, 64 * 1024 - 1));
  }
}
