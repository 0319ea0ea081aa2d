package org.tend.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * `tend` on a real pseudo-terminal, by way of util-linux {@code script}: the child sees a
 * terminal ({@code System.console() != null}), so it colours its output, hides typed
 * passphrases and echoes nothing itself, while the test writes keystrokes and reads the screen.
 */
public final class Terminal implements AutoCloseable {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private final Process process;
  private final OutputStream keyboard;
  private final StringBuffer screen = new StringBuffer();
  private final Thread reader;
  private int cursor;

  private Terminal(Process process) {
    this.process = process;
    this.keyboard = process.getOutputStream();
    this.reader = new Thread(() -> copy(process.getInputStream()), "terminal-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts `tend args` on a new pseudo-terminal with {@code extraEnv} added. */
  public static Terminal start(List<String> args, Map<String, String> extraEnv)
      throws IOException {
    return startShell(commandLine(args), extraEnv);
  }

  /** Runs a shell command line, such as a pipeline into `tend`, on a new pseudo-terminal. */
  public static Terminal startShell(String commandLine, Map<String, String> extraEnv)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder("script", "-qfec", commandLine, "/dev/null")
        .redirectErrorStream(true);
    Map<String, String> env = TendProcess.cleanEnvironment(builder.environment());
    env.put("TERM", "xterm");
    env.putAll(extraEnv);
    builder.environment().clear();
    builder.environment().putAll(env);
    return new Terminal(builder.start());
  }

  /**
   * Waits until {@code text} appears on screen after everything already expected, then moves
   * past it. Matching ignores colour codes and carriage returns.
   */
  public void expect(String text) throws InterruptedException {
    try {
      await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
          .until(() -> plainScreen().indexOf(text, cursor) >= 0 || !process.isAlive());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("'" + text + "' never appeared; the terminal showed:\n"
          + plainScreen(), e);
    }
    if (plainScreen().indexOf(text, cursor) < 0) {
      reader.join(TimeUnit.SECONDS.toMillis(10)); // the command ended: read all it printed
    }
    int found = plainScreen().indexOf(text, cursor);
    if (found < 0) {
      throw new AssertionError("'" + text + "' never appeared before tend ended (exit "
          + process.exitValue() + "); the terminal showed:\n" + plainScreen());
    }
    cursor = found + text.length();
  }

  /** Types a line and presses Enter. */
  public void type(String line) throws IOException {
    keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
  }

  /** Waits for the command to end and returns its exit code (as {@code script} reports it). */
  public int awaitExit() throws InterruptedException {
    if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("tend did not finish; screen so far:\n" + plainScreen());
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    return process.exitValue();
  }

  /** Everything the terminal showed, escape codes included. */
  public String rawScreen() {
    return screen.toString();
  }

  public String plainScreen() {
    return Ansi.strip(screen.toString());
  }

  @Override
  public void close() throws IOException {
    keyboard.close();
    if (process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private void copy(InputStream in) {
    char[] buffer = new char[4096];
    try (Reader decoded = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      for (int n; (n = decoded.read(buffer)) != -1; ) {
        screen.append(buffer, 0, n);
      }
    } catch (IOException ended) {
      // The process ended; the screen holds everything it showed.
    }
  }

  /** `tend args` as one shell-quoted command line. */
  public static String commandLine(List<String> args) {
    return TendProcess.javaCommand(args).stream()
        .map(Terminal::shellQuote).collect(Collectors.joining(" "));
  }

  public static String shellQuote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
