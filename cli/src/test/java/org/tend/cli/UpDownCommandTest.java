package org.tend.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.TendNode;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryKind;
import org.tend.node.service.NodeServices;

/** `tend up`, `tend up --detach` and `tend down`, each in its own process as a member runs them. */
class UpDownCommandTest {
  private static final String ENTRY = "Wrote this before the node started.";
  private static final Pattern DETACHED =
      Pattern.compile("Tend is running in the background \\(pid (\\d+)\\)\\. Log: (.+)\n");
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir
  Path dir;
  TestHome home;
  final List<Long> started = new ArrayList<>();

  @BeforeEach
  void createHome() throws Exception {
    home = TestHome.create(dir, "home");
    try (TendNode node = home.open()) {
      node.journal().write(EntryDraft.of(EntryKind.CHECK_IN, ENTRY));
    }
  }

  /** A failed test must not leave a node running. */
  @AfterEach
  void killLeftovers() {
    started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  @Test
  void aDetachedNodeShowsInStatusRefusesASecondOneAndStopsWithDown() throws Exception {
    long pid = upDetached("--listen", "127.0.0.1:7431");

    assertEquals(pid + "\n", Files.readString(file("node.pid")));
    assertEquals("rw-------", permissions(file("node.log")));
    assertEquals("rw-------", permissions(file("control.sock")));
    CliResult status = home.tend("status");
    assertEquals(ExitCodes.OK, status.exitCode(), status::toString);
    assertTrue(status.out().contains("Journal:      1 entries"), status::toString);
    assertTrue(status.out().contains("Node:         running (pid " + pid + ") since "),
        status::toString);
    assertTrue(status.out().contains(", listening on 127.0.0.1:7431\n"), status::toString);
    Map<String, Object> json = JsonReader.object(home.tend("status", "--json").out());
    assertEquals(Map.of("running", true, "pid", pid, "listen", "127.0.0.1:7431",
        "store", Map.of("writes", true, "problem", "none")),
        withoutStartedAt(json.get("node")));
    assertTrue(status.out().contains("Store:        saving normally\n"), status::toString);

    String running = "tend: Tend is already running for " + home.home() + " (pid " + pid
        + "); `tend down` stops it.\n";
    for (String[] command : new String[][] {{"up"}, {"up", "--detach"}, {"repair", "list"}}) {
      CliResult refused = home.tend(command);
      assertEquals(ExitCodes.HOME_STATE, refused.exitCode(), refused::toString);
      assertEquals(running, refused.err(), refused::toString);
    }

    // The journal goes through the running node, with the passphrase checked there.
    assertTrue(home.tend("journal", "list").out().contains(ENTRY));
    CliResult written = home.tend("journal", "write", "--kind", "check-in", "--text",
        "Written while the node ran.");
    assertEquals(ExitCodes.OK, written.exitCode(), written::toString);
    assertTrue(home.tend("journal", "search", "node", "ran").out()
        .contains("Written while the node ran."));
    CliResult piped = TendProcess.tend(home.args("journal", "write"))
        .input("Piped in while the node ran.\n").run();
    assertEquals(ExitCodes.OK, piped.exitCode(), piped::toString);
    assertTrue(home.tend("journal", "list").out().contains("Piped in while the node ran."));
    Path wrong = dir.resolve("wrong-passphrase");
    TestHome.writePassphraseFile(wrong, "not the passphrase\n");
    CliResult refusedJournal = new TestHome(home.home(), wrong).tend("journal", "list");
    assertEquals(ExitCodes.WRONG_PASSPHRASE, refusedJournal.exitCode(), refusedJournal::toString);
    assertFalse(refusedJournal.out().contains(ENTRY), refusedJournal::toString);

    CliResult down = home.tend("down");

    assertEquals(ExitCodes.OK, down.exitCode(), down::toString);
    assertEquals("Stopped Tend (pid " + pid + ").\n", down.out());
    assertTrue(NodeServices.awaitExit(pid, Duration.ZERO), "pid gone");
    assertFalse(Files.exists(file("control.sock")), "socket removed");
    assertFalse(Files.exists(file("node.pid")), "pid file removed");
    assertTrue(home.tend("status").out()
        .contains("Node:         not running (start it with `tend up`)\n"));
    assertTrue(home.tend("journal", "list").out().contains(ENTRY));
  }

  @Test
  void downWithoutARunningNodeExitsSix() {
    CliResult down = home.tend("down");

    assertEquals(ExitCodes.NOT_RUNNING, down.exitCode(), down::toString);
    assertEquals("tend: Tend is not running for " + home.home() + ".\n", down.err());
    assertEquals("", down.out());
  }

  @Test
  void afterKillNineTheStaleSocketMeansNotRunningAndTheNextUpLosesNothing() throws Exception {
    long killed = upDetached();
    ProcessHandle.of(killed).orElseThrow().destroyForcibly();
    assertTrue(NodeServices.awaitExit(killed, PATIENCE));
    assertTrue(Files.exists(file("control.sock")), "SIGKILL leaves the socket file");

    CliResult status = home.tend("status");
    assertEquals(ExitCodes.OK, status.exitCode(), status::toString);
    assertTrue(status.out().contains("Node:         not running"), status::toString);
    assertEquals(ExitCodes.NOT_RUNNING, home.tend("down").exitCode());

    long restarted = upDetached();
    CliResult again = home.tend("status");
    assertTrue(again.out().contains("Node:         running (pid " + restarted + ")"),
        again::toString);
    assertTrue(again.out().contains("Journal:      1 entries"), again::toString);
    assertEquals(ExitCodes.OK, home.tend("down").exitCode());
    CliResult list = home.tend("journal", "list");
    assertTrue(list.out().contains(ENTRY), list::toString);
  }

  @Test
  void aForegroundNodeStopsCleanlyOnSigterm() throws Exception {
    Process process = new ProcessBuilder(TendProcess.javaCommand(
        List.of("-Djava.io.tmpdir=" + scratch()), List.of(home.args("up"))))
        .redirectErrorStream(true).start();
    started.add(process.pid());
    List<String> lines = collect(process);
    await().atMost(PATIENCE).until(() -> lines.stream().anyMatch(l -> l.startsWith(
        "Tend is running for " + home.home() + " (pid " + process.pid() + "), listening on ")
        && l.endsWith(". Press Ctrl-C or run `tend down` to stop.")) || !process.isAlive());
    assertTrue(Files.exists(file("control.sock")), lines::toString);

    // SIGTERM, without closing our end of its output as Process.destroy() would.
    process.toHandle().destroy();

    assertTrue(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    assertEquals(143, process.exitValue(), "SIGTERM: " + lines);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(
        () -> assertTrue(lines.contains("Tend has stopped."), lines::toString));
    assertFalse(Files.exists(file("control.sock")), "socket removed");
    assertFalse(Files.exists(file("node.pid")), "pid file removed");
    assertTrue(home.tend("journal", "list").out().contains(ENTRY), "the home is free again");
  }

  @Test
  void aDetachedStartWithTheWrongPassphraseShowsTheLogAndExitsThree() throws Exception {
    CliResult piped = TendProcess.tend(home.args("journal", "write"))
        .input("Piped in while the node ran.\n").run();
    assertEquals(ExitCodes.OK, piped.exitCode(), piped::toString);
    assertTrue(home.tend("journal", "list").out().contains("Piped in while the node ran."));
    Path wrong = dir.resolve("wrong-passphrase");
    TestHome.writePassphraseFile(wrong, "not the passphrase at all\n");

    CliResult up = TendProcess.tend("up", "--detach", "--home", home.home().toString(),
        "--passphrase-file", wrong.toString()).jvmOption("-Djava.io.tmpdir=" + scratch()).run();

    assertEquals(ExitCodes.WRONG_PASSPHRASE, up.exitCode(), up::toString);
    assertTrue(up.err().startsWith("tend: Tend stopped while starting (exit 3). The end of "
        + file("node.log") + ":\n"), up::toString);
    assertTrue(up.err().contains("  tend: That passphrase does not open this Tend home."),
        up::toString);
    assertFalse(Files.exists(file("control.sock")));
    assertFalse(Files.exists(file("node.pid")));
  }

  @Test
  void panicKillsTheRunningNodeAndLeavesNoHome() throws Exception {
    long pid = upDetached();

    CliResult panic = InProcess.tend("panic", "--yes", "--home", home.home().toString());

    assertEquals(ExitCodes.OK, panic.exitCode(), panic::toString);
    assertFalse(Files.exists(home.home()), "nothing left: " + panic);
    assertTrue(NodeServices.awaitExit(pid, Duration.ZERO), "node killed");
  }

  @Test
  void listenMustBeHostColonPortWithAPortInRange() {
    CliResult port = home.tend("up", "--listen", "192.168.1.20:70000");
    CliResult shape = home.tend("up", "--listen", "7428");

    assertEquals(ExitCodes.USAGE, port.exitCode(), port::toString);
    assertTrue(port.err().startsWith("Invalid value for option '--listen':"), port::toString);
    assertTrue(port.err().contains("the port must be 1 to 65535, not 70000"), port::toString);
    assertEquals(ExitCodes.USAGE, shape.exitCode(), shape::toString);
    assertTrue(shape.err().contains("expected HOST:PORT, such as 0.0.0.0:7428"),
        shape::toString);
    assertFalse(Files.exists(file("node.pid")));
  }

  /** Runs `tend up --detach` as its own process and returns the node's pid. */
  private long upDetached(String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of("up", "--detach"));
    args.addAll(List.of(options));
    CliResult up = TendProcess.tend(home.args(args.toArray(String[]::new)))
        .jvmOption("-Djava.io.tmpdir=" + scratch()).run();
    assertEquals(ExitCodes.OK, up.exitCode(), up::toString);
    Matcher matcher = DETACHED.matcher(up.out());
    assertTrue(matcher.matches(), up::toString);
    long pid = Long.parseLong(matcher.group(1));
    started.add(pid);
    assertEquals(file("node.log").toString(), matcher.group(2));
    return pid;
  }

  /** Temporary files of child JVMs (RocksDB's unpacked library), kept if one is killed. */
  private Path scratch() throws IOException {
    return Files.createDirectories(dir.resolve("tmp"));
  }

  private Path file(String name) {
    return home.home().resolve(name);
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withoutStartedAt(Object node) {
    Map<String, Object> copy = new java.util.HashMap<>((Map<String, Object>) node);
    assertTrue(copy.remove("startedAt") instanceof String, node::toString);
    copy.computeIfPresent("pid", (k, v) -> ((Number) v).longValue());
    return copy;
  }

  private static List<String> collect(Process process) {
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(line);
        }
      } catch (IOException ended) {
        // The process is gone; what it printed stays.
      }
    }, "tend-up-output");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }
}
