package org.tend.cli;

import java.nio.file.Path;
import org.tend.node.TendNode;
import org.tend.node.api.home.Passphrase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "backup", mixinStandardHelpOptions = true,
    description = "Make or restore an encrypted backup of your identity and journal.")
final class BackupCommand {
  @Spec
  CommandSpec spec;

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Write one encrypted, integrity-checked archive to FILE.",
          "It opens with the passphrase you have now."})
  int create(@Parameters(paramLabel = "FILE") Path file) throws Exception {
    Session session = Session.of(spec);
    try (TendNode node = session.open()) {
      long records = node.backup(file.toAbsolutePath());
      session.out().printf("Backed up %d records to %s.%n", records, file);
    }
    return ExitCodes.OK;
  }

  @Command(name = "restore", mixinStandardHelpOptions = true,
      description = {"Restore an archive into an empty home (--home), on any machine.",
          "The archive is checked completely before anything is written."})
  int restore(@Parameters(paramLabel = "FILE") Path file) throws Exception {
    Session session = Session.of(spec);
    try (Passphrase passphrase = Passphrases.existing(session.options().passphraseFile(),
        "Passphrase of the backup: ")) {
      long records = TendNode.restore(session.config(), file.toAbsolutePath(), passphrase);
      session.out().printf("Restored %d records into %s.%n", records, session.config().home());
    }
    return ExitCodes.OK;
  }
}
