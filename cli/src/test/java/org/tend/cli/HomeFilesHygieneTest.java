package org.tend.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a home and a node leave on disk for other users to see, and after a crash. */
class HomeFilesHygieneTest {
  @TempDir
  Path dir;

  @Test
  void aDirectCommandMakesEveryFileOfALoosenedHomeOwnerOnlyAgain() throws Exception {
    TestHome home = TestHome.create(dir, "home");
    assertEquals(ExitCodes.OK, home.tend("journal", "write", "--text", "first").exitCode());
    try (Stream<Path> all = Files.walk(home.home())) {
      for (Path p : all.toList()) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
            Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }

    CliResult write = home.tend("journal", "write", "--text", "second");

    assertEquals(ExitCodes.OK, write.exitCode(), write::toString);
    try (Stream<Path> all = Files.walk(home.home())) {
      for (Path p : all.toList()) {
        String expected = Files.isDirectory(p) ? "rwx------" : "rw-------";
        assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(p)),
            p::toString);
      }
    }
  }

  @Test
  void aKilledNodeLeavesNoCopyOfTheNativeLibraryBehind() throws Exception {
    TestHome home = TestHome.create(dir, "home");
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path cache = Files.createDirectories(dir.resolve("cache"));

    for (int round = 0; round < 2; round++) {
      ProcessBuilder builder = new ProcessBuilder(TendProcess.javaCommand(
          List.of("-Djava.io.tmpdir=" + tmp), List.of(home.args("up"))))
          .redirectErrorStream(true);
      builder.environment().put("XDG_CACHE_HOME", cache.toString());
      Process process = builder.start();
      try {
        List<String> lines = collect(process);
        await().atMost(Duration.ofSeconds(60)).until(() -> lines.stream()
            .anyMatch(l -> l.startsWith("Tend is running for ")) || !process.isAlive());
        assertTrue(process.isAlive(), lines::toString);
      } finally {
        process.destroyForcibly();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
      }
    }

    assertEquals(List.of(), libraries(tmp), "nothing left in the temporary folder");
    List<Path> cached = libraries(cache);
    assertEquals(1, cached.size(), () -> "one cached copy: " + cached);
  }

  private static List<Path> libraries(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> p.getFileName().toString().startsWith("librocksdbjni")).toList();
    }
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
