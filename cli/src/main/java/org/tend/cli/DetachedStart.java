package org.tend.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.tend.cli.output.TerminalText;
import org.tend.node.api.home.Passphrase;
import org.tend.node.api.home.TendException;
import org.tend.node.api.service.ControlException;
import org.tend.node.api.service.ListenAddress;
import org.tend.node.api.service.NodeClient;
import org.tend.node.keystore.HomeFiles;
import org.tend.node.service.NodeServices;

/**
 * `tend up --detach`: runs `tend up` again as a child JVM with the same java and class path,
 * its output in {@code <home>/node.log}, and returns once the child answers on its control
 * socket. The passphrase goes to the child through its standard input, never its command line
 * or environment, which other local users can read.
 */
final class DetachedStart {
  /** Unlocking takes about a second; a node that is not up after this will not come up. */
  static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final int LOG_TAIL_LINES = 20;

  private DetachedStart() {}

  static int run(Session session, ListenAddress listen, boolean lan) throws TendException, IOException,
      InterruptedException {
    Path home = session.config().home();
    HomeFiles files = new HomeFiles(home);
    Process child;
    try (Passphrase passphrase = Passphrases.existing(session.options().passphraseFile(),
        "Passphrase: ")) {
      freshLog(files.nodeLog());
      child = new ProcessBuilder(command(home, listen, lan))
          .directory(home.toFile())
          .redirectInput(ProcessBuilder.Redirect.PIPE)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(files.nodeLog().toFile()))
          .redirectErrorStream(true)
          .start();
      send(child, passphrase);
    }
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!child.waitFor(100, TimeUnit.MILLISECONDS)) {
      if (answers(home, child.pid())) {
        session.out().printf("Tend is running in the background (pid %d). Log: %s%n",
            child.pid(), files.nodeLog());
        return ExitCodes.OK;
      }
      if (System.nanoTime() > deadline) {
        child.destroy();
        session.err().printf("tend: The node did not answer within %d s and was stopped."
            + " The end of %s:%n", PATIENCE.toSeconds(), files.nodeLog());
        printTail(session, files.nodeLog());
        return ExitCodes.FAILURE;
      }
    }
    session.err().printf("tend: Tend stopped while starting (exit %d). The end of %s:%n",
        child.exitValue(), files.nodeLog());
    printTail(session, files.nodeLog());
    return child.exitValue() == 0 ? ExitCodes.FAILURE : child.exitValue();
  }

  /** The java command that started this JVM, with its options, running `tend up`. */
  static List<String> command(Path home, ListenAddress listen, boolean lan) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments();
    for (String option : options) {
      // A debugger or agent attached to this command is not meant for the node.
      if (!option.startsWith("-agentlib") && !option.startsWith("-agentpath")
          && !option.startsWith("-javaagent") && !option.startsWith("-Xrunjdwp")) {
        command.add(option);
      }
    }
    // The jar's manifest says this for `java -jar`; the child runs from the class path.
    if (Runtime.version().feature() >= 22
        && options.stream().noneMatch(o -> o.startsWith("--enable-native-access"))) {
      command.add("--enable-native-access=ALL-UNNAMED");
    }
    command.add("-cp");
    command.add(absoluteClassPath());
    command.add(Main.class.getName());
    command.addAll(List.of("up", "--passphrase-stdin", "--home", home.toString(),
        "--listen", listen.toString()));
    if (lan) {
      command.add("--lan");
    }
    return command;
  }

  /** The child runs in the home, so relative class path entries are made absolute first. */
  private static String absoluteClassPath() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(Path.of(entry).toAbsolutePath().toString());
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private static void freshLog(Path log) throws IOException {
    Files.deleteIfExists(log);
    try {
      Files.createFile(log, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(log);
    }
  }

  private static void send(Process child, Passphrase passphrase) {
    byte[] secret = passphrase.secret().exposeSecret();
    byte[] line = Arrays.copyOf(secret, secret.length + 1);
    line[secret.length] = '\n';
    try (OutputStream stdin = child.getOutputStream()) {
      stdin.write(line);
    } catch (IOException exited) {
      // The child is already gone; its log says why.
    } finally {
      Arrays.fill(secret, (byte) 0);
      Arrays.fill(line, (byte) 0);
    }
  }

  /** Below this much free space the node could not even write its log. */
  static final long FULL_DISK_BYTES = 1024 * 1024;

  /** A node that stops before it writes a line either could not write it, or never got to. */
  static String whyEmpty(Path log) {
    try {
      long free = Files.getFileStore(log.getParent()).getUsableSpace();
      if (free < FULL_DISK_BYTES) {
        return "the disk holding the home is full (" + free / 1024 + " KiB free), so the node"
            + " could not even write its log. Free some space on it and run `tend up` again";
      }
    } catch (IOException unknown) {
      // Then the generic advice below is all there is.
    }
    return "the node stopped before it wrote anything. Run `tend up` without --detach to see"
        + " why";
  }

  private static boolean answers(Path home, long pid) {
    try {
      Optional<NodeClient> node = NodeServices.connect(home, Duration.ofSeconds(2));
      return node.isPresent() && node.get().pid() == pid;
    } catch (ControlException notYet) {
      return false;
    }
  }

  private static void printTail(Session session, Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
          .forEach(line -> session.err().println("  " + TerminalText.line(line)));
      if (lines.isEmpty()) {
        session.err().println("  (nothing: " + whyEmpty(log) + ")");
      }
    } catch (IOException e) {
      session.err().println("  (could not read the log: " + TerminalText.line(e.getMessage())
          + ")");
    }
  }
}
