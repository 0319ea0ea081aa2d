package org.tend.cli;

/** What one run of `tend` left behind: its exit code and everything it printed. */
public record CliResult(int exitCode, String out, String err) {
  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
  }
}
