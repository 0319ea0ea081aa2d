package org.tend.node.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tend.node.TestHomes.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.ChildJvm;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.TestHomes;
import org.tend.node.api.home.HomeInUseException;
import org.tend.node.api.journal.Entry;
import org.tend.node.api.journal.EntryId;
import org.tend.node.api.journal.Listing;

/**
 * Promise 3: nothing a member was told is saved is lost to a crash. A writer in another JVM is
 * killed with SIGKILL at random points, again and again on the same home.
 */
class EntryDurabilityCrashTest {
  private static final int KILLS = 20;
  private static final Pattern SAVED = Pattern.compile("saved ([0-9a-f]{32}) (\\S+) ok");

  @TempDir
  Path temp;

  @Test
  void everyEntryReportedSavedSurvivesRepeatedKills() throws Exception {
    long seed = Long.getLong("tend.crash.seed", System.nanoTime());
    System.out.println("EntryDurabilityCrashTest seed " + seed
        + " (repeat the kill points with -Dtend.crash.seed=" + seed + ")");
    Random random = new Random(seed);
    Path home = temp.resolve("home");
    NodeConfig config = config(home);
    TestHomes.init(config).close();

    Map<String, String> saved = new LinkedHashMap<>();
    for (int kill = 1; kill <= KILLS; kill++) {
      ChildJvm writer = ChildJvm.start(temp, EntryWriter.class, home.toString(), "run" + kill);
      writer.awaitLines("opened"::equals, 1);
      if (kill == 1) {
        assertThrows(HomeInUseException.class, () -> TestHomes.open(config),
            "another process has the home open");
      }
      writer.awaitLines(line -> line.startsWith("saved "), random.nextInt(40));
      writer.runFor(Duration.ofMillis(random.nextInt(20)));
      saved.putAll(reportedSaved(writer.kill()));
    }
    System.out.println("EntryDurabilityCrashTest: " + KILLS + " kills, " + saved.size()
        + " entries reported saved");

    try (TendNode node = TestHomes.open(config)) {
      Listing listing = node.journal().list(Optional.empty(), Optional.empty());
      assertEquals(List.of(), listing.unreadable());
      Map<String, String> onDisk = listing.entries().stream()
          .collect(Collectors.toMap(e -> e.id().hex(), Entry::text));
      List<String> missing = new ArrayList<>();
      saved.forEach((id, text) -> {
        if (!text.equals(onDisk.get(id))) {
          missing.add(id + " '" + text + "' found as '" + onDisk.get(id) + "'");
        }
      });
      assertEquals(List.of(), missing, "reported saved but lost or changed");

      List<String> ids = new ArrayList<>(saved.keySet());
      Collections.shuffle(ids, random);
      for (String id : ids.subList(0, Math.min(20, ids.size()))) {
        assertEquals(saved.get(id), node.journal().show(new EntryId(id)).latest().text());
      }
    }
  }

  /**
   * Every id the writer reported saved. Only the very last line may have been cut short by the
   * kill (it then lacks its closing "ok") and is ignored.
   */
  private static Map<String, String> reportedSaved(List<String> printed) {
    Map<String, String> saved = new LinkedHashMap<>();
    for (int i = 0; i < printed.size(); i++) {
      String line = printed.get(i);
      Matcher m = SAVED.matcher(line);
      if (m.matches()) {
        saved.put(m.group(1), m.group(2));
      } else if (line.startsWith("saved ")) {
        assertEquals(printed.size() - 1, i, "malformed line from the writer: " + line);
      }
    }
    return saved;
  }
}
