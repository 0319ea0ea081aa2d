package org.tend.cli;

import java.io.PrintWriter;
import org.tend.cli.output.Style;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.api.home.TendException;
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
    try (var passphrase = Passphrases.existing(options.passphraseFile(), "Passphrase: ")) {
      return TendNode.open(config, passphrase);
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
