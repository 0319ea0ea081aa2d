package org.tend.cli;

import org.tend.cli.journal.JournalCommand;
import org.tend.cli.repair.RepairCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "tend",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    header = "Tend: a private journal and a guided practice for rupture and repair.",
    description = {
        "Everything you write stays on this device, encrypted under your passphrase.",
        "Tend is not a crisis service: add your local crisis line with `tend resources add`."},
    subcommands = {
        InitCommand.class,
        StatusCommand.class,
        UpCommand.class,
        DownCommand.class,
        JournalCommand.class,
        RepairCommand.class,
        PatternsCommand.class,
        ResourcesCommand.class,
        PassphraseCommand.class,
        BackupCommand.class,
        PanicCommand.class,
        org.tend.cli.collective.CollectiveCommand.class,
        org.tend.cli.collective.InviteCommand.class,
        org.tend.cli.collective.JoinCommand.class,
        org.tend.cli.collective.MembersCommand.class,
        org.tend.cli.collective.MemberCommand.class,
        org.tend.cli.collective.PeersCommand.class,
        org.tend.cli.board.BoardCommand.class,
        DemoCommand.class,
        org.tend.cli.reference.CompletionCommand.class,
        org.tend.cli.reference.ManualCommand.class,
        picocli.CommandLine.HelpCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0  done",
        "  1  failed (the message says why)",
        "  2  the command line was not understood",
        "  3  wrong passphrase",
        "  4  no home here, a home already here, or the home is in use (by `tend up`, say)",
        "  5  stored data or a backup failed its integrity check",
        "  6  no node is running for this home (`tend down`)",
        "  7  what was given was refused (too long, invalid, names nothing); the message says why",
        "",
        "Environment: TEND_HOME, TEND_PASSPHRASE_FILE, XDG_DATA_HOME, NO_COLOR."})
public final class TendCommand implements Runnable {
  @Mixin
  GlobalOptions globals;

  /** The open node, when this command line runs inside the running node. */
  java.util.Optional<org.tend.node.TendNode> attached = java.util.Optional.empty();

  /** What came with the command line when it runs inside the running node. */
  java.util.Optional<org.tend.node.api.service.CommandRunner.CommandCall> call =
      java.util.Optional.empty();

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
