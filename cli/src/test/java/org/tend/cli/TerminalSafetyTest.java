package org.tend.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What another member wrote, and what was pasted into the journal, reaches a real
 * pseudo-terminal only as visible text: the escape codes, 8-bit controls and bidi controls in
 * it are shown, never acted on. Nodes run with `tend up --detach` on loopback ports 17561-17562.
 */
class TerminalSafetyTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  /** Clear screen, cursor home, a window title, colour, an 8-bit CSI, and overwriting. */
  static final String HOSTILE_NOTICE = "Hello \u001b[2J\u001b[H\u001b]0;pwned\u0007"
      + " \u001b]2;again\u001b\\ \u001b[31mred\u001b[0m \u009b2J paid\b\b\b\bunpaid"
      + " 7pm\r9pm \u202ereversed \u2067isolated\u2069\nsecond line";
  /** A name the node accepts (no control characters) that would reverse what follows it. */
  static final String HOSTILE_NAME = "Bo \u2067\u202eanA\u2069";
  /** Only what Style itself writes: bold, dim, yellow, cyan and reset. */
  private static final Pattern STYLE = Pattern.compile("\u001b\\[(?:0|1|2|33|36)m");

  @TempDir
  Path dir;
  DetachedNodes nodes;

  @BeforeEach
  void nodes() throws Exception {
    nodes = new DetachedNodes(dir);
  }

  @AfterEach
  void killNodes() {
    nodes.close();
  }

  @Test
  void noticesAndNamesFromAnotherMemberLeaveTheTerminalAsItWas() throws Exception {
    TestHome ana = TestHome.create(dir, "ana");
    TestHome bo = TestHome.create(dir, "bo");
    nodes.up(Map.of(ana, 17561, bo, 17562));
    ok(ana.tend("collective", "create", "Riverside Care", "--name", "Ana"));
    String code = (String) JsonReader.object(ok(ana.tend("invite", "create", "--json")).out())
        .get("code");
    ok(bo.tend("join", code, "--name", HOSTILE_NAME));
    ok(bo.tend("board", "post", HOSTILE_NOTICE));
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
        .until(() -> noticeTexts(ana).contains(HOSTILE_NOTICE));

    String board = onTerminal(ana.args("board", "list"));
    assertTrue(board.contains("    Hello \\e[2J\\e[H\\e]0;pwned\\a \\e]2;again\\e\\ \\e[31mred\\e[0m"
        + " \\x9b2J paid\\b\\b\\b\\bunpaid 7pm\\r9pm <U+202E>reversed <U+2067>isolated<U+2069>\n"
        + "    second line\n"), board);
    assertTrue(board.contains("Bo <U+2067><U+202E>anA<U+2069>, "), board);

    String members = onTerminal(ana.args("members"));
    assertTrue(members.contains("  Bo <U+2067><U+202E>anA<U+2069> member "), members);
    String peers = onTerminal(ana.args("peers"));
    assertTrue(peers.contains("  Bo <U+2067><U+202E>anA<U+2069> "), peers);
  }

  @Test
  void journalTextPastedWithEscapeCodesIsShownNotActedOn() throws Exception {
    TestHome ana = TestHome.create(dir, "ana");
    CliResult written = ok(ana.tend("journal", "write", "--text", HOSTILE_NOTICE));
    String id = written.out().replaceAll("(?s)^Saved note (\\S+)\\.\n$", "$1");

    String shown = onTerminal(ana.args("journal", "show", id));
    assertTrue(shown.contains("Hello \\e[2J\\e[H\\e]0;pwned\\a \\e]2;again\\e\\ \\e[31mred\\e[0m"
        + " \\x9b2J paid\\b\\b\\b\\bunpaid 7pm\\r9pm <U+202E>reversed <U+2067>isolated<U+2069>\n"
        + "second line\n"), shown);
    String listed = onTerminal(ana.args("journal", "list"));
    assertTrue(listed.contains("note           Hello \\e[2J\\e[H\\e]0;pwned\\a"), listed);
    String found = onTerminal(ana.args("journal", "search", "second"));
    assertTrue(found.contains("Hello \\e[2J"), found);

    CliResult json = ok(ana.tend("journal", "show", id, "--json"));
    assertEquals(HOSTILE_NOTICE, ((Map<?, ?>) JsonReader.object(json.out()).get("latest"))
        .get("text"), "--json keeps the exact text");
  }

  @Test
  void errorMessagesQuoteWhatWasTypedVisibly() throws Exception {
    TestHome ana = TestHome.create(dir, "ana");
    CliResult unknownEntry = ana.tend("journal", "show", "\u001b]0;pwned\u0007\u202e");
    assertEquals(ExitCodes.REFUSED_INPUT, unknownEntry.exitCode(), unknownEntry::toString);
    assertTrue(unknownEntry.err().contains("\\e]0;pwned\\a<U+202E>"), unknownEntry::toString);
    CliResult unknownKind = ana.tend("journal", "list", "--kind", "\u009b2J\u001b[2J");
    assertEquals(ExitCodes.REFUSED_INPUT, unknownKind.exitCode(), unknownKind::toString);
    assertTrue(unknownKind.err().contains("\\x9b2J\\e[2J"), unknownKind::toString);
    CliResult unknownOption = InProcess.tend("--\u001b[2Jx");
    assertEquals(ExitCodes.USAGE, unknownOption.exitCode(), unknownOption::toString);
    assertTrue(unknownOption.err().contains("--\\e[2Jx"), unknownOption::toString);
    for (CliResult r : List.of(unknownEntry, unknownKind, unknownOption)) {
      assertTrue(r.err().chars().noneMatch(c -> c == 0x1b || c == 0x9b || c == 0x202e
          || c == 0x07), r::toString);
    }
  }

  /**
   * Runs `tend args` on a new pseudo-terminal and returns what it showed, after checking that
   * nothing in it would act on the terminal except Style's own colours, and the pty's CR LF.
   */
  private static String onTerminal(String[] args) throws Exception {
    String raw;
    try (Terminal terminal = Terminal.start(List.of(args), Map.of())) {
      assertEquals(0, terminal.awaitExit(), terminal::rawScreen);
      raw = terminal.rawScreen();
    }
    String shown = STYLE.matcher(raw).replaceAll("").replace("\r\n", "\n");
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      boolean acts = (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f)
          || Character.getType(c) == Character.FORMAT;
      assertTrue(!acts, () -> String.format("U+%04X reached the terminal raw in:%n%s",
          (int) c, shown));
    }
    return shown;
  }

  private static List<String> noticeTexts(TestHome home) {
    List<String> out = new ArrayList<>();
    for (Object n : JsonReader.array(ok(home.tend("board", "list", "--json")).out())) {
      out.add((String) ((Map<?, ?>) n).get("text"));
    }
    return out;
  }

  private static CliResult ok(CliResult result) {
    assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
    return result;
  }
}
