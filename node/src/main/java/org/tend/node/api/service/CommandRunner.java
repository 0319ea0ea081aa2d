package org.tend.node.api.service;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tend.node.api.home.Passphrase;

/**
 * Runs one `tend` command line inside the running node, against its open home, for a client
 * on the control channel. The command line tool supplies it when it starts the node.
 */
public interface CommandRunner {

  /** Runs the call and returns what it printed and its exit code; never throws. */
  CommandResult run(CommandCall call);

  /** A runner for nodes started without one: every command is refused. */
  static CommandRunner none() {
    return call -> new CommandResult(1, "",
        "tend: this node was started without command support; stop it and run the command.\n");
  }

  /**
   * One command line and what came with it.
   *
   * @param passphrase given for commands that show or change private writing; the runner
   *     checks it before running them, and closes it
   * @param input what the command reads as standard input (empty when it reads none)
   */
  record CommandCall(List<String> args, Optional<Passphrase> passphrase, String input) {
    public CommandCall {
      args = List.copyOf(args);
      Objects.requireNonNull(passphrase, "passphrase");
      Objects.requireNonNull(input, "input");
    }

    public static CommandCall of(List<String> args) {
      return new CommandCall(args, Optional.empty(), "");
    }
  }

  /** What a command printed, and how it ended. */
  record CommandResult(int exitCode, String out, String err) {
    public CommandResult {
      Objects.requireNonNull(out, "out");
      Objects.requireNonNull(err, "err");
    }
  }
}
