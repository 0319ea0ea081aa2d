package org.tend.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import org.tend.cli.output.Style;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.api.home.HomeInUseException;
import org.tend.node.api.home.TendException;
import org.tend.node.api.service.ControlException;
import org.tend.node.api.service.NodeClient;
import org.tend.node.service.NodeServices;
import picocli.CommandLine.Model.CommandSpec;

/** What every command needs: the global options, output streams, and opening the home. */
public final class Session {
  private final GlobalOptions options;
  private final CommandSpec spec;
  private final Style style;

  Session(GlobalOptions options, CommandSpec spec) {
    this.options = options;
    this.spec = spec;
    this.style = Style.detect();
  }

  /** The session of whichever command is running. */
  public static Session of(CommandSpec spec) {
    TendCommand root = (TendCommand) spec.root().userObject();
    return new Session(root.globals, spec);
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
