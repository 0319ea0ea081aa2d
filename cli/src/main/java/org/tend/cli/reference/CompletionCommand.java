package org.tend.cli.reference;

import java.util.concurrent.Callable;
import org.tend.cli.ExitCodes;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints a completion script for the member's shell. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    header = "Print a script that completes tend's commands and options in your shell.",
    description = {
        "Install it once; new shells then complete `tend` with Tab.",
        "bash:  tend completion bash > ~/.local/share/bash-completion/completions/tend",
        "zsh:   tend completion zsh > ~/.tend-completion.zsh",
        "       and add `source ~/.tend-completion.zsh` to ~/.zshrc",
        "fish:  tend completion fish > ~/.config/fish/completions/tend.fish"})
public final class CompletionCommand implements Callable<Integer> {
  /** The shells a script is written for. */
  public enum Shell { bash, zsh, fish }

  @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish.")
  Shell shell;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    String script = switch (shell) {
      // picocli's script runs in zsh too, through zsh's bash completion layer.
      case bash, zsh -> AutoComplete.bash(root.getCommandName(), root);
      case fish -> FishCompletion.script(root.getCommandSpec());
    };
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
