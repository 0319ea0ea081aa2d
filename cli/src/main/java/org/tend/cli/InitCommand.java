package org.tend.cli;

import java.util.concurrent.Callable;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.api.home.HomeExistsException;
import org.tend.node.api.home.HomeStatus;
import org.tend.node.api.home.Passphrase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "init", mixinStandardHelpOptions = true,
    description = {"Create your identity and an empty, encrypted journal.",
        "Your passphrase is hardened with Argon2id, tuned to take about a second here."})
final class InitCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    NodeConfig config = session.config();
    if (TendNode.exists(config)) {
      throw new HomeExistsException(config.home());
    }
    session.out().println("Creating a Tend home at " + config.home());
    try (Passphrase passphrase = Passphrases.chosen(session.options().passphraseFile(),
        "Choose a passphrase: ")) {
      session.out().println("Tuning passphrase hardening for this machine...");
      long start = System.nanoTime();
      try (TendNode node = TendNode.init(config, passphrase)) {
        HomeStatus status = node.status();
        session.out().printf("Ready. Argon2id with %d MiB and %d passes (%d ms here).%n",
            status.kdfMemoryMiB(), status.kdfIterations(),
            (System.nanoTime() - start) / 1_000_000);
        session.out().println("Your fingerprint: " + session.style().bold(status.fingerprint().value()));
        session.out().println();
        session.out().println("There is no way to recover a forgotten passphrase. Next:");
        session.out().println("  tend resources add --name ... --contact ...   your crisis line");
        session.out().println("  tend journal write --kind check-in             a first entry");
        session.out().println("  tend backup create FILE                        a backup");
      }
    }
    return ExitCodes.OK;
  }
}
