package org.tend.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.service.NodeServices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "panic", mixinStandardHelpOptions = true,
    description = {"Destroy this home at once: nothing in it can be read again, even with the"
        + " passphrase. Backups you made elsewhere are not touched.",
        "Needs no passphrase, so it works when you cannot type one calmly. A running node"
            + " is killed first."})
final class PanicCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--yes", description = "Do it without asking.")
  boolean yes;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    NodeConfig config = session.config();
    if (!Confirmation.given(spec, yes, "Destroy everything in " + config.home() + " forever?")) {
      session.out().println("Nothing was destroyed.");
      return ExitCodes.OK;
    }
    long start = System.nanoTime();
    // A running node holds the master key in memory: it ends first, without a clean stop.
    NodeServices.kill(config.home(), Duration.ofSeconds(2));
    TendNode.panic(config);
    session.out().printf("Destroyed in %d ms. Nothing in %s can be read again.%n",
        (System.nanoTime() - start) / 1_000_000, config.home());
    return ExitCodes.OK;
  }
}
