package org.tend.node;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A second JVM running one of this package's main classes on the test class path, whose
 * standard output is collected line by line so a test can kill it at a chosen point.
 */
public final class ChildJvm {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final Thread outReader;
  private final Thread errReader;

  private ChildJvm(Process process) {
    this.process = process;
    this.outReader = collect(process.getInputStream(), lines, "child-stdout");
    this.errReader = collect(process.getErrorStream(), errors, "child-stderr");
  }

  /**
   * Starts {@code main} with {@code args}. The child keeps its temporary files (RocksDB unpacks
   * its native library there, and a killed JVM never removes it) under {@code scratch}, which
   * the test's temporary directory cleans up.
   */
  public static ChildJvm start(Path scratch, Class<?> main, String... args) {
    try {
      Path tmp = Files.createDirectories(scratch.resolve("child-tmp"));
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx512m", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + tmp,
          "-cp", System.getProperty("java.class.path"),
          main.getName()));
      command.addAll(List.of(args));
      return new ChildJvm(new ProcessBuilder(command).start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the child has printed enough lines matching {@code which}; fails if it died. */
  public void awaitLines(Predicate<String> which, int count) {
    awaitLines(which, count, PATIENCE);
  }

  /** As {@link #awaitLines(Predicate, int)}, failing if that takes longer than {@code patience}. */
  public void awaitLines(Predicate<String> which, int count, Duration patience) {
    await("child to print " + count + " matching lines")
        .atMost(patience)
        .pollInterval(Duration.ofMillis(2))
        .until(() -> {
          if (!process.isAlive()) {
            throw new AssertionError("the child exited with " + process.exitValue()
                + " before printing enough; stderr:\n" + String.join("\n", errors));
          }
          return lines.stream().filter(which).count() >= count;
        });
  }

  /** Lets the child run for {@code delay} more; fails if it ends by itself meanwhile. */
  public void runFor(Duration delay) throws InterruptedException {
    if (process.waitFor(delay.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new AssertionError("the child exited with " + process.exitValue()
          + " before it was killed; stderr:\n" + String.join("\n", errors));
    }
  }

  /** SIGKILL: no shutdown hooks, no finally blocks, no flushing. Returns every line printed. */
  public List<String> kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
    outReader.join();
    errReader.join();
    return List.copyOf(lines);
  }

  private static Thread collect(InputStream stream, List<String> into, String name) {
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          into.add(line);
        }
      } catch (IOException e) {
        // The child was killed; what was read so far stays.
      }
    }, name);
    reader.setDaemon(true);
    reader.start();
    return reader;
  }
}
