package org.tend.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.tend.cli.output.Style;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.api.home.HomeInUseException;
import org.tend.node.api.home.Passphrase;
import org.tend.node.api.home.WrongPassphraseException;
import org.tend.node.api.home.TendException;
import org.tend.node.api.service.CommandRunner;
import org.tend.node.api.service.ControlException;
import org.tend.node.api.service.NodeClient;
import org.tend.node.api.service.NodeNotRunningException;
import org.tend.node.service.NodeServices;
import picocli.CommandLine.Model.CommandSpec;

/** What every command needs: the global options, output streams, and opening the home. */
public final class Session {
  private final GlobalOptions options;
  private final CommandSpec spec;
  private final Style style;
  private final Optional<TendNode> attached;
  private final Optional<CommandRunner.CommandCall> call;

  Session(GlobalOptions options, CommandSpec spec, Optional<TendNode> attached,
      Optional<CommandRunner.CommandCall> call) {
    this.options = options;
    this.spec = spec;
    this.style = Style.detect();
    this.attached = attached;
    this.call = call;
  }

  /** The session of whichever command is running. */
  public static Session of(CommandSpec spec) {
    TendCommand root = (TendCommand) spec.root().userObject();
    return new Session(root.globals, spec, root.attached, root.call);
  }

  /** What a command needs of the node. */
  public enum Needs {
    /** The home: the running node's, or opened here with the passphrase when none runs. */
    HOME,
    /** The running node's network: without one, the command says so and stops. */
    NETWORK,
    /**
     * Private writing (the journal): like {@link #HOME}, but a running node runs the command
     * only with the passphrase, which is asked here and checked there.
     */
    PRIVATE
  }

  /** Something a command does with an open node; returns the exit code. */
  @FunctionalInterface
  public interface NodeAction {
    int run(TendNode node) throws Exception;
  }

  /**
   * Runs {@code action} with the node: inside the running node when this command line runs
   * there; else by handing the whole command line to the home's running node, which holds the
   * home and the network, and printing what it printed; else, unless the command needs the
   * network, by opening the home here.
   *
   * @throws NodeNotRunningException for {@link Needs#NETWORK} when no node runs
   */
  public int withNode(Needs needs, NodeAction action) throws Exception {
    return withNode(needs, false, action);
  }

  /**
   * As {@link #withNode(Needs, NodeAction)}, for a command that reads standard input: handed
   * to the running node, it takes along what {@link #standardInput()} reads here.
   */
  public int withNode(Needs needs, boolean readsInput, NodeAction action) throws Exception {
    if (attached.isPresent()) {
      if (needs == Needs.PRIVATE) {
        Passphrase passphrase = call.flatMap(CommandRunner.CommandCall::passphrase)
            .orElseThrow(() -> new WrongPassphraseException(
                "The running node shows private writing only with the passphrase."));
        attached.get().checkPassphrase(passphrase);
      }
      return action.run(attached.get());
    }
    Optional<NodeClient> running = runningNode();
    if (running.isPresent()) {
      List<String> args = spec.root().commandLine().getParseResult().originalArgs();
      CommandRunner.CommandResult result;
      // The passphrase first: with --passphrase-file - it is the first line of the input.
      if (needs == Needs.PRIVATE) {
        try (Passphrase passphrase = Passphrases.existing(options.passphraseFile(),
            "Passphrase: ")) {
          String input = readsInput ? standardInput() : "";
          result = running.get().run(
              new CommandRunner.CommandCall(args, Optional.of(passphrase), input));
        }
      } else {
        String input = readsInput ? standardInput() : "";
        result = running.get().run(new CommandRunner.CommandCall(args, Optional.empty(), input));
      }
      out().print(result.out());
      out().flush();
      err().print(result.err());
      err().flush();
      return result.exitCode();
    }
    if (needs == Needs.NETWORK) {
      throw new NodeNotRunningException("Tend is not running for " + options.home()
          + "; this needs your node's network: start it with `tend up --detach`.");
    }
    try (TendNode node = open()) {
      return action.run(node);
    }
  }

  /** Whether this command line runs inside the running node. */
  public boolean insideNode() {
    return attached.isPresent();
  }

  /**
   * All of standard input: the command's own, or, inside the running node, what the command
   * line tool read and handed over.
   */
  public String standardInput() throws java.io.IOException {
    if (call.isPresent()) {
      return call.get().input();
    }
    if (System.console() != null) {
      err().println("Write the text; finish with Ctrl-D on a new line.");
      err().flush();
    }
    return new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
  }

  public NodeConfig config() {
    return NodeConfig.forHome(options.home());
  }

  public GlobalOptions options() {
    return options;
  }

  /** Opens the home, asking for the passphrase if no file gives it. */
  public TendNode open() throws TendException {
    NodeConfig config = config();
    if (!TendNode.exists(config)) {
      throw new org.tend.node.api.home.HomeNotFoundException(config.home());
    }
    refuseIfNodeRunning();
    try (var passphrase = Passphrases.existing(options.passphraseFile(), "Passphrase: ")) {
      return TendNode.open(config, passphrase);
    }
  }

  /** The home's running node, if one answers on its control socket. */
  public Optional<NodeClient> runningNode() throws ControlException {
    return NodeServices.connect(options.home());
  }

  /**
   * Fails before asking for a passphrase when the home's running node holds it. A node that
   * does not answer is left to the home lock, which refuses just the same.
   */
  public void refuseIfNodeRunning() throws HomeInUseException {
    try {
      Optional<NodeClient> node = NodeServices.connect(options.home(), Duration.ofSeconds(5));
      if (node.isPresent()) {
        throw new HomeInUseException(options.home(), node.get().pid());
      }
    } catch (ControlException noAnswer) {
      // The lock decides.
    }
  }

  public PrintWriter out() {
    return spec.commandLine().getOut();
  }

  public PrintWriter err() {
    return spec.commandLine().getErr();
  }

  public Style style() {
    return style;
  }
}
