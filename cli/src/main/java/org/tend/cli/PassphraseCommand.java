package org.tend.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.tend.node.TendNode;
import org.tend.node.api.home.HomeNotFoundException;
import org.tend.node.api.home.Passphrase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "passphrase", mixinStandardHelpOptions = true,
    description = "Manage your passphrase.")
final class PassphraseCommand {
  @Spec
  CommandSpec spec;

  @Command(name = "change", mixinStandardHelpOptions = true,
      description = {"Change the passphrase. Only the wrapped key is rewritten; if this is"
          + " interrupted, either the old or the new passphrase opens the home."})
  int change(@Option(names = "--new-passphrase-file", paramLabel = "FILE",
      description = "Read the new passphrase from FILE instead of asking twice.")
      Path newFile) throws Exception {
    Session session = Session.of(spec);
    if (!TendNode.exists(session.config())) {
      throw new HomeNotFoundException(session.config().home());
    }
    try (Passphrase current = Passphrases.existing(session.options().passphraseFile(),
            "Current passphrase: ");
        Passphrase next = Passphrases.chosen(Optional.ofNullable(newFile),
            "New passphrase: ")) {
      TendNode.changePassphrase(session.config(), current, next);
    }
    session.out().println("Passphrase changed. Backups made before keep the old passphrase.");
    return ExitCodes.OK;
  }
}
