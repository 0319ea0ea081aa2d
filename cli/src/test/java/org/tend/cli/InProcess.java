package org.tend.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs `tend` inside the test's JVM through {@link Main#run}. Fast, but it has no terminal, no
 * standard input of its own and the test's environment, so commands that read standard input
 * or depend on environment variables run in a {@link TendProcess} instead.
 */
public final class InProcess {
  private InProcess() {}

  public static CliResult tend(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode;
    try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
      exitCode = Main.run(args, o, e);
    }
    return new CliResult(exitCode, out.toString(), err.toString());
  }
}
