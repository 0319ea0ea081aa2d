package org.tend.node.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.RawStore;
import org.tend.node.StoredEntries;
import org.tend.node.TendNode;
import org.tend.node.TestHomes;
import org.tend.node.api.journal.Entry;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryKind;
import org.tend.node.api.repair.Repair;
import org.tend.node.api.repair.RepairStep;

/** Stored sizes say nothing about whether an entry was amended or belongs to a repair. */
class IndexPaddingTest {
  @TempDir
  Path temp;

  @Test
  void everyIndexPartHasTheSameSizeWhateverItLinksTo() throws Exception {
    Path home = temp.resolve("home");
    try (TendNode node = TestHomes.init(TestHomes.config(home))) {
      Entry plain = node.journal().write(EntryDraft.of(EntryKind.NOTE, "plain"));
      node.journal().amend(plain.id(), "amended once");
      node.journal().amend(plain.id(), "amended twice");
      Repair repair = node.repairs().begin("a repair");
      node.repairs().answer(repair.id(), RepairStep.HONOUR, "in a repair",
          java.util.Optional.empty());
    }

    Set<Integer> sizes;
    try (RawStore raw = RawStore.readOnly(TestHomes.storeOf(home))) {
      sizes = raw.dump().stream()
          .filter(kv -> kv.family().equals(StoredEntries.FAMILY))
          .map(kv -> {
            try {
              return StoredEntries.indexPart(kv.value()).length;
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          })
          .collect(Collectors.toSet());
    }
    assertEquals(1, sizes.size(), "index part sizes: " + sizes);
  }
}
