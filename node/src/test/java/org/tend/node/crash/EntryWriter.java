package org.tend.node.crash;

import java.nio.file.Path;
import java.util.List;
import org.tend.node.ParentWatch;
import org.tend.node.TendNode;
import org.tend.node.TestHomes;
import org.tend.node.api.journal.Entry;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryKind;

/**
 * Child process: opens a home and writes journal entries until it is killed, printing
 * {@code saved <id hex> <text> ok} only once the write that saved the entry has returned, the
 * moment the member would be told "saved". Every seventh write is a batch of three.
 *
 * <p>Arguments: home, a tag that makes this run's texts unique.
 */
public final class EntryWriter {
  private EntryWriter() {}

  public static void main(String[] args) throws Exception {
    ParentWatch.start();
    Path home = Path.of(args[0]);
    String tag = args[1];
    EntryKind[] kinds = EntryKind.values();
    try (TendNode node = TestHomes.open(TestHomes.config(home))) {
      System.out.println("opened");
      System.out.flush();
      ParentWatch.checkOutput();
      for (int n = 0; n < 1_000_000; n++) {
        String text = tag + "-" + n;
        List<Entry> saved = n % 7 == 6
            ? node.journal().writeAll(List.of(
                EntryDraft.of(kinds[n % kinds.length], text + "-a"),
                EntryDraft.of(kinds[(n + 1) % kinds.length], text + "-b"),
                EntryDraft.of(kinds[(n + 2) % kinds.length], text + "-c")))
            : List.of(node.journal().write(EntryDraft.of(kinds[n % kinds.length], text)));
        for (Entry entry : saved) {
          System.out.println("saved " + entry.id().hex() + " " + entry.text() + " ok");
        }
        System.out.flush();
        ParentWatch.checkOutput();
      }
    }
  }
}
