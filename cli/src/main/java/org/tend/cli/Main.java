package org.tend.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tend.cli.output.TerminalText;
import org.tend.node.TendNode;
import org.tend.node.api.service.CommandRunner;
import org.tend.node.api.home.BackupDamagedException;
import org.tend.node.api.home.HomeDamagedException;
import org.tend.node.api.home.HomeExistsException;
import org.tend.node.api.home.HomeInUseException;
import org.tend.node.api.home.HomeNotFoundException;
import org.tend.node.api.home.StoreDamagedException;
import org.tend.node.api.home.TendException;
import org.tend.node.api.home.WrongPassphraseException;
import org.tend.node.api.journal.EntryDamagedException;
import org.tend.node.api.journal.EntryNotFoundException;
import org.tend.node.api.repair.RepairNotFoundException;
import org.tend.node.api.service.NodeNotRunningException;
import picocli.CommandLine;

/** Entry point of the `tend` command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one command line with the given streams and returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(new TendCommand(), args, out, err);
  }

  /**
   * Runs a command line handed over the control channel, inside the running node: against
   * {@code node}, with no passphrase asked and nothing read from a terminal.
   */
  static CommandRunner.CommandResult runInside(TendNode node, CommandRunner.CommandCall call) {
    TendCommand root = new TendCommand();
    root.attached = java.util.Optional.of(node);
    root.call = java.util.Optional.of(call);
    List<String> args = call.args();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
      code = run(root, args.toArray(String[]::new), o, e);
    }
    return new CommandRunner.CommandResult(code, out.toString(), err.toString());
  }

  private static int run(TendCommand root, String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(root);
    cli.setOut(out);
    cli.setErr(err);
    shareFooter(cli, cli.getCommandSpec().usageMessage());
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("tend: " + TerminalText.lines(messageOf(e)));
      return exitCodeOf(e);
    });
    cli.setParameterExceptionHandler(Main::refuseCommandLine);
    cli.setExecutionStrategy(parsed -> {
      Integer helped = CommandLine.executeHelpRequest(parsed);
      if (helped != null) {
        return helped;
      }
      Path home = root.globals.home();
      if (Files.exists(home) && !Files.isDirectory(home)) {
        err.println("tend: " + TerminalText.lines("The Tend home " + home + " is a file, not a"
            + " folder. Give --home (or TEND_HOME) the folder that holds your home, or a new"
            + " folder's path for `tend init`."));
        return ExitCodes.HOME_STATE;
      }
      return new CommandLine.RunLast().execute(parsed);
    });
    return cli.execute(args);
  }

  /**
   * Says what was not understood, any close match, and where the command's help is; the whole
   * help would push the one line that matters off the screen. The message goes through
   * {@link TerminalText}: it quotes what was typed, which may be a pasted name or file name.
   */
  private static int refuseCommandLine(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(TerminalText.lines(e.getMessage()));
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("See `" + command.getCommandSpec().qualifiedName() + " --help` for how to use it.");
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** Every command's help ends with the exit codes, not only the root's. */
  private static void shareFooter(CommandLine command, CommandLine.Model.UsageMessageSpec root) {
    for (CommandLine sub : command.getSubcommands().values()) {
      sub.getCommandSpec().usageMessage()
          .footerHeading(root.footerHeading())
          .footer(root.footer());
      shareFooter(sub, root);
    }
  }

  static int exitCodeOf(Throwable e) {
    if (e instanceof WrongPassphraseException) {
      return ExitCodes.WRONG_PASSPHRASE;
    }
    if (e instanceof HomeNotFoundException || e instanceof HomeExistsException
        || e instanceof HomeInUseException) {
      return ExitCodes.HOME_STATE;
    }
    if (e instanceof HomeDamagedException || e instanceof EntryDamagedException
        || e instanceof BackupDamagedException || e instanceof StoreDamagedException) {
      return ExitCodes.DAMAGED;
    }
    if (e instanceof NodeNotRunningException) {
      return ExitCodes.NOT_RUNNING;
    }
    if (e instanceof IllegalArgumentException || e instanceof EntryNotFoundException
        || e instanceof RepairNotFoundException) {
      return ExitCodes.REFUSED_INPUT;
    }
    return ExitCodes.FAILURE;
  }

  private static String messageOf(Throwable e) {
    if (e instanceof StoreDamagedException && !e.getMessage().contains("salvage")) {
      return e.getMessage() + "\nTo save everything that can still be read into a new backup:"
          + " tend backup salvage FILE";
    }
    if (e instanceof TendException || e instanceof IllegalArgumentException) {
      return e.getMessage();
    }
    return "unexpected failure: " + e;
  }
}
