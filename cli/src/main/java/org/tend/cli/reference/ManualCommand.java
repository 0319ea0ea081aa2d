package org.tend.cli.reference;

import java.util.concurrent.Callable;
import org.tend.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints the manual page, written from the same definitions as `--help`. */
@Command(name = "man", mixinStandardHelpOptions = true,
    header = "Print tend's manual page (troff), for `man tend`.",
    description = {
        "Install it once:",
        "  mkdir -p ~/.local/share/man/man1 && tend man > ~/.local/share/man/man1/tend.1",
        "Then `man tend` shows every command and option; `tend help COMMAND` shows one."})
public final class ManualCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    CommandSpec root = spec.root();
    String version = String.join(" ", root.versionProvider() == null
        ? root.version() : root.versionProvider().getVersion());
    spec.commandLine().getOut().print(ManualPage.of(root, version));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
