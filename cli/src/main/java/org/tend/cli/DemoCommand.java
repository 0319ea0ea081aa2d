package org.tend.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.tend.cli.journal.EntryView;
import org.tend.cli.output.Style;
import org.tend.cli.output.TerminalText;
import org.tend.cli.repair.ScriptedRepair;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.api.home.Passphrase;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryKind;
import org.tend.node.api.repair.Repair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Show Tend at work in temporary homes that are destroyed afterwards: an"
        + " identity, a guided repair, search and patterns; then four members' nodes on this"
        + " machine forming a collective, inviting, making a facilitator and removing a member;"
        + " then a check that none of the demo's words can be found in the homes' raw files."})
final class DemoCommand implements Callable<Integer> {
  static final List<String> ENTRIES = List.of(
      "Felt steadier after the morning walk along the canal.",
      "The assembly ran long; I noticed I went quiet when Sam interrupted me again.",
      "Grateful for the bakery crew covering my shift.");
  static final List<String> REPAIR_ANSWERS = List.of(
      "1, 3, jittery hands",                       // body signals
      "embarrassed, and under it something like grief",
      "freeze",                                     // survival response
      "7",                                          // intensity
      "Sam, after the logistics meeting",           // involves
      "not yet",                                    // safe to name it?
      "I'm activated and need a moment before we continue.",
      "1, 5",                                       // needs: space, assurance
      "An hour apart, and to hear that we are still working together.",
      "Thursday after the banner painting",         // when
      "the community garden",                       // where
      "settle",                                     // direction
      "1, 3",                                       // what helped
      "Breathing out slowly worked faster than I expected.",
      "It stung to be talked over in front of everyone. Under the anger there is old grief.",
      "Heat in my face, and the thought that nobody listens.",
      "School, being hushed at the dinner table.",
      "I went silent instead of saying it bothered me.",
      "I can say it sooner; Sam could check whether I had finished.",
      "A signal we both use when one of us is cut off.",
      "yes", "yes", "yes",                          // readiness
      "stop");                                      // pause before re-engaging

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    PrintWriter out = session.out();
    Style style = session.style();
    Path home = Files.createTempDirectory("tend-demo-").resolve("home");
    NodeConfig config = NodeConfig.forHome(home);
    long started = System.nanoTime();
    try {
      heading(out, style, "1. A new member creates an identity");
      out.println("tend init --home " + home);
      try (Passphrase passphrase = Passphrase.of("demo correct horse battery".toCharArray());
          TendNode node = TendNode.init(config, passphrase)) {
        var status = node.status();
        out.printf("  fingerprint %s · Argon2id %d MiB × %d passes%n",
            status.fingerprint().value(), status.kdfMemoryMiB(), status.kdfIterations());
        node.resources().add("Riverside crisis line (demo)", "0800 000 000",
            "24 hours, free");

        heading(out, style, "2. Journal entries");
        for (String text : ENTRIES) {
          var entry = node.journal().write(EntryDraft.of(EntryKind.CHECK_IN, text));
          out.println("  saved check-in " + entry.id().shortForm() + ": "
              + TerminalText.line(text));
        }

        heading(out, style, "3. A guided repair, as the member sees it");
        ResourcesView.print(out, style, node.resources().list());
        Repair repair = node.repairs().begin("talked over at the logistics meeting");
        out.println("Repair " + repair.id().shortForm() + " begun.");
        ScriptedRepair.walk(node.repairs(), repair, REPAIR_ANSWERS, out, style);
        out.println();
        out.println("tend repair list");
        node.repairs().list().forEach(r -> out.println("  " + r.id().shortForm() + "  "
            + r.status().label() + "  next: " + r.nextStep().map(s -> s.title()).orElse("-")
            + "  " + TerminalText.line(r.title())));

        heading(out, style, "4. Search and patterns (decrypted in memory only)");
        out.println("tend journal search sam");
        EntryView.printListing(out, style, node.journal().search("sam"));
        out.println();
        PatternsCommand.print(out, style,
            node.patterns().since(Instant.now().minus(90, ChronoUnit.DAYS)));
      }

      heading(out, style, "5. A collective forms, grows and removes a member");
      boolean collectiveHeld;
      Path collectiveHomes = home.resolveSibling("collective");
      try (CollectiveDemo collective = new CollectiveDemo(out, style, collectiveHomes)) {
        collectiveHeld = collective.run();
      }

      heading(out, style, "6. What a seized disk shows");
      Scan scan = scan(home.getParent(), demoPhrases());
      out.printf("  scanned %d files (%d bytes) for %d phrases the demo wrote: %s%n",
          scan.files(), scan.bytes(), scan.words(),
          scan.found().isEmpty() ? "none found" : "FOUND " + scan.found());

      heading(out, style, "7. Panic");
      long panicStart = System.nanoTime();
      TendNode.panic(config);
      out.printf("  tend panic --yes: home destroyed in %d ms%n",
          (System.nanoTime() - panicStart) / 1_000_000);
      out.printf("%nDemo finished in %.1f s.%n", (System.nanoTime() - started) / 1e9);
      return scan.found().isEmpty() && collectiveHeld ? ExitCodes.OK : ExitCodes.FAILURE;
    } finally {
      deleteQuietly(home.getParent());
    }
  }

  private static void heading(PrintWriter out, Style style, String title) {
    out.println();
    out.println(style.bold("== " + title));
  }

  /**
   * Every run of three words the demo wrote into the home. Single common words can occur in
   * RocksDB's own option files; three words in a row from an entry cannot, unless it leaked.
   */
  static Set<String> demoPhrases() {
    List<String> texts = new ArrayList<>(ENTRIES);
    texts.addAll(REPAIR_ANSWERS);
    texts.add("Riverside crisis line");
    texts.add("talked over at the logistics meeting");
    texts.add(CollectiveDemo.COLLECTIVE);
    texts.add(CollectiveDemo.REASON);
    texts.addAll(CollectiveDemo.NOTICES);
    Set<String> phrases = new LinkedHashSet<>();
    for (String text : texts) {
      String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}']+");
      for (int i = 0; i + 3 <= words.length; i++) {
        phrases.add(String.join(" ", words[i], words[i + 1], words[i + 2]).strip());
      }
      for (String word : words) {
        if (word.length() >= 8) {
          phrases.add(word);
        }
      }
    }
    phrases.removeIf(String::isBlank);
    return phrases;
  }

  record Scan(int files, long bytes, int words, List<String> found) {}

  /** Case-insensitive search of every file's raw bytes for each word, as ASCII/UTF-8. */
  static Scan scan(Path home, Set<String> words) throws IOException {
    List<Path> files;
    try (Stream<Path> all = Files.walk(home)) {
      files = all.filter(Files::isRegularFile).toList();
    }
    long bytes = 0;
    Set<String> found = new LinkedHashSet<>();
    for (Path file : files) {
      byte[] content = Files.readAllBytes(file);
      bytes += content.length;
      String lowered = new String(content, java.nio.charset.StandardCharsets.ISO_8859_1)
          .toLowerCase(Locale.ROOT);
      for (String word : words) {
        if (lowered.contains(word)) {
          found.add(word + " in " + home.relativize(file));
        }
      }
    }
    return new Scan(files.size(), bytes, words.size(), new ArrayList<>(found));
  }

  private static void deleteQuietly(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temporary directory; the OS cleans it eventually.
    }
  }

}
