package org.tend.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.api.home.HomeNotFoundException;
import org.tend.node.api.home.Passphrase;
import org.tend.node.api.home.SalvageReport;
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

  @Command(name = "salvage", mixinStandardHelpOptions = true,
      description = {"When your home reports damage (exit code 5): save everything in it that",
          "can still be read into a new archive FILE, and list what could not be read.",
          "Nothing in the home is changed. FILE is a normal backup: restore it into a new,",
          "empty home with `tend backup restore FILE --home NEW-HOME`, then check that",
          "home with `tend journal list` before you remove the damaged one.",
          "Exits 0 if nothing was lost, 5 if some records could not be read (the archive",
          "is written either way)."})
  int salvage(@Parameters(paramLabel = "FILE") Path file) throws Exception {
    Session session = Session.of(spec);
    NodeConfig config = session.config();
    if (!TendNode.exists(config)) {
      throw new HomeNotFoundException(config.home());
    }
    session.refuseIfNodeRunning();
    SalvageReport report;
    try (Passphrase passphrase = Passphrases.existing(session.options().passphraseFile(),
        "Passphrase: ")) {
      report = TendNode.salvage(config, file.toAbsolutePath(), passphrase);
    }
    PrintWriter out = session.out();
    out.printf("Saved %d records that could still be read to %s.%n", report.savedTotal(), file);
    report.saved().forEach((kind, count) -> out.printf("  %-22s %d%n", kind, count));
    if (report.complete()) {
      out.println("Nothing in the store was damaged.");
      return ExitCodes.OK;
    }
    PrintWriter err = session.err();
    err.println("Some of this home could not be read:");
    for (SalvageReport.Loss loss : report.losses()) {
      String kind = loss.kind().orElse("records of an unknown kind");
      err.println(loss.records() < 0
          ? "  table file " + loss.file() + " could not be read at all (" + kind + ")"
          : "  " + loss.records() + " " + kind + " record(s) in table file " + loss.file());
    }
    for (String note : report.notes()) {
      err.println("  " + note);
    }
    err.println("Restore " + file + " into a new, empty home (tend backup restore " + file
        + " --home NEW-HOME), and keep the damaged home until you have checked it.");
    return ExitCodes.DAMAGED;
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
