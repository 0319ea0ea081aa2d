package org.tend.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Programs some tests run (a shell, a pty, a formatter). On a developer's machine a test whose
 * program is missing is skipped; where {@value #REQUIRED} is set, as `.ci/run` sets it after
 * installing them, a missing program fails the test instead, so CI never passes by skipping.
 */
public final class TestPrograms {
  /** Set to 1 where every program a test needs must be there. */
  public static final String REQUIRED = "TEND_REQUIRE_TEST_PROGRAMS";

  private TestPrograms() {}

  /** Skips the calling test without {@code program}, or fails it where programs are required. */
  public static void need(String program, String installedBy) {
    if (onPath(program)) {
      return;
    }
    String missing = program + " is not installed (" + installedBy + ")";
    if ("1".equals(System.getenv(REQUIRED))) {
      fail(missing + ", and " + REQUIRED + "=1 requires it");
    }
    assumeTrue(false, missing);
  }

  private static boolean onPath(String program) {
    if (program.contains("/")) {
      return Files.isExecutable(Path.of(program));
    }
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }
}
