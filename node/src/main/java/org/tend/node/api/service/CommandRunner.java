package org.tend.node.api.service;

import java.util.List;

/**
 * Runs one `tend` command line inside the running node, against its open home, for a client
 * on the control channel. The command line tool supplies it when it starts the node.
 */
public interface CommandRunner {

  /** Runs {@code args} and returns what it printed and its exit code; never throws. */
  CommandResult run(List<String> args);

  /** A runner for nodes started without one: every command is refused. */
  static CommandRunner none() {
    return args -> new CommandResult(1, "",
        "tend: this node was started without command support; stop it and run the command.\n");
  }

  /** What a command printed, and how it ended. */
  record CommandResult(int exitCode, String out, String err) {
    public CommandResult {
      java.util.Objects.requireNonNull(out, "out");
      java.util.Objects.requireNonNull(err, "err");
    }
  }
}
