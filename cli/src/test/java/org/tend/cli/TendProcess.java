package org.tend.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs `tend` as its own process, the way a member's shell does: its own standard input, its
 * own environment, and no terminal unless {@link Terminal} provides one.
 */
public final class TendProcess {
  private static final long TIMEOUT_SECONDS = 120;

  private final List<String> jvmOptions = new ArrayList<>();
  private final List<String> args = new ArrayList<>();
  private final Map<String, String> environment = new HashMap<>();
  private byte[] input = new byte[0];

  private TendProcess(String... args) {
    this.args.addAll(Arrays.asList(args));
  }

  public static TendProcess tend(String... args) {
    return new TendProcess(args);
  }

  /** The java command line that runs `tend` with the test's class path. */
  public static List<String> javaCommand(List<String> args) {
    return javaCommand(List.of(), args);
  }

  /** As {@link #javaCommand(List)}, with more options for the JVM. */
  public static List<String> javaCommand(List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    // Without a perf-data file the JVM cannot print a warning about one into the output that a
    // test compares, as it does when another JVM on the machine holds a file of the same pid.
    command.add("-XX:-UsePerfData");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(args);
    return command;
  }

  /**
   * Runs the command in a new session without a controlling terminal (util-linux
   * {@code setsid}), so a child asks no questions on the terminal of whoever runs the tests and
   * behaves the same at a desk as in CI.
   */
  static List<String> detached(List<String> command) {
    if (!Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      return command;
    }
    List<String> out = new ArrayList<>(List.of("/usr/bin/setsid", "--wait"));
    out.addAll(command);
    return out;
  }

  /** A fresh environment for a child: the test's, without any Tend or colour settings. */
  public static Map<String, String> cleanEnvironment(Map<String, String> inherited) {
    Map<String, String> env = new HashMap<>(inherited);
    env.keySet().removeIf(k -> k.startsWith("TEND_") || k.equals("NO_COLOR"));
    return env;
  }

  public TendProcess env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** An option for the JVM, such as {@code -Djava.io.tmpdir=...}. */
  public TendProcess jvmOption(String option) {
    jvmOptions.add(option);
    return this;
  }

  public TendProcess input(String text) {
    this.input = text.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  /** One answer per line, as someone piping a prepared file would give them. */
  public TendProcess lines(List<String> lines) {
    return input(String.join("\n", lines) + "\n");
  }

  public CliResult run() throws IOException, InterruptedException {
    Path outFile = Files.createTempFile("tend-out-", ".txt");
    Path errFile = Files.createTempFile("tend-err-", ".txt");
    try {
      ProcessBuilder builder = new ProcessBuilder(detached(javaCommand(jvmOptions, args)))
          .redirectOutput(outFile.toFile())
          .redirectError(errFile.toFile());
      Map<String, String> env = cleanEnvironment(builder.environment());
      env.putAll(environment);
      builder.environment().clear();
      builder.environment().putAll(env);
      Process process = builder.start();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(input);
      } catch (IOException closedEarly) {
        // The command finished without reading all its input; what it printed says why.
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("tend " + args + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      return new CliResult(process.exitValue(),
          Files.readString(outFile, StandardCharsets.UTF_8),
          Files.readString(errFile, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(outFile);
      Files.deleteIfExists(errFile);
    }
  }
}
