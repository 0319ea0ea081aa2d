package org.tend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tend.node.service.NodeServices;

/**
 * Nodes started with `tend up --detach`, each in its own process as a member starts theirs,
 * and killed when the test ends so a failed test leaves none running.
 */
final class DetachedNodes implements AutoCloseable {
  private static final Pattern DETACHED =
      Pattern.compile("Tend is running in the background \\(pid (\\d+)\\)\\. Log: (.+)\n");
  private static final Duration EXIT_PATIENCE = Duration.ofSeconds(20);

  private final Path scratch;
  private final List<Long> started = new CopyOnWriteArrayList<>();

  /** {@code dir} holds the child JVMs' temporary files (RocksDB's unpacked library). */
  DetachedNodes(Path dir) throws IOException {
    this.scratch = Files.createDirectories(dir.resolve("tmp"));
  }

  /** Runs `tend up --detach --listen 127.0.0.1:PORT` for {@code home}; returns the node's pid. */
  long up(TestHome home, int port) throws Exception {
    CliResult up = TendProcess.tend(home.args("up", "--detach", "--listen", "127.0.0.1:" + port))
        .jvmOption("-Djava.io.tmpdir=" + scratch).run();
    Matcher matcher = DETACHED.matcher(up.out());
    // A node that started is stopped after the test even when what `up` printed is wrong.
    if (matcher.find()) {
      started.add(Long.parseLong(matcher.group(1)));
    }
    assertEquals(ExitCodes.OK, up.exitCode(), up::toString);
    assertTrue(matcher.matches(), up::toString);
    return Long.parseLong(matcher.group(1));
  }

  /**
   * Starts a node for each home on its port, all at once as members would at a meeting, and
   * returns each home's pid once every one answers.
   */
  Map<TestHome, Long> up(Map<TestHome, Integer> ports) throws Exception {
    ExecutorService starters = Executors.newFixedThreadPool(ports.size());
    try {
      Map<TestHome, Future<Long>> starting = new LinkedHashMap<>();
      ports.forEach((home, port) -> starting.put(home, starters.submit(() -> up(home, port))));
      // Every start is waited for, so none can finish after the test has cleaned up.
      Map<TestHome, Long> pids = new LinkedHashMap<>();
      Optional<Throwable> failed = Optional.empty();
      for (Map.Entry<TestHome, Future<Long>> e : starting.entrySet()) {
        try {
          pids.put(e.getKey(), e.getValue().get());
        } catch (ExecutionException notUp) {
          failed = failed.or(() -> Optional.of(notUp.getCause()));
        }
      }
      if (failed.isPresent() && failed.get() instanceof Error error) {
        throw error;
      }
      if (failed.isPresent()) {
        throw (Exception) failed.get();
      }
      return pids;
    } finally {
      starters.shutdownNow();
    }
  }

  /** kill -9, and wait until the process is gone. */
  void killNine(long pid) {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    assertTrue(NodeServices.awaitExit(pid, EXIT_PATIENCE), "node " + pid + " still running");
  }

  @Override
  public void close() {
    for (long pid : started) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    for (long pid : started) {
      NodeServices.awaitExit(pid, EXIT_PATIENCE);
    }
  }
}
