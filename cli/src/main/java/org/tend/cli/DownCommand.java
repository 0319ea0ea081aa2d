package org.tend.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.tend.node.api.home.TendException;
import org.tend.node.api.service.NodeClient;
import org.tend.node.api.service.NodeNotRunningException;
import org.tend.node.service.NodeServices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "down", mixinStandardHelpOptions = true,
    description = {"Stop your running node cleanly.",
        "The node closes its control socket, then your store and keys, then releases the"
            + " home. Needs no passphrase. Exits 6 if no node is running for this home."})
final class DownCommand implements Callable<Integer> {
  /** A clean stop closes the store; it takes well under a second. */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    Path home = session.config().home();
    NodeClient node = session.runningNode().orElseThrow(() -> new NodeNotRunningException(home));
    long pid = node.pid();
    node.shutdown();
    // A node inside this very process (an embedding program) cannot be waited for.
    if (pid != ProcessHandle.current().pid() && !NodeServices.awaitExit(pid, PATIENCE)) {
      throw new TendException("Tend (pid " + pid + ") was asked to stop but is still running"
          + " after " + PATIENCE.toSeconds() + " s; see " + home.resolve("node.log") + ".");
    }
    session.out().printf("Stopped Tend (pid %d).%n", pid);
    return ExitCodes.OK;
  }
}
