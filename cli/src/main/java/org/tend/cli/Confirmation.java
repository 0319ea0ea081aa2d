package org.tend.cli;

import java.io.Console;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Asks before a command destroys something; scripts say --yes instead. */
public final class Confirmation {
  private Confirmation() {}

  /**
   * Whether the member agreed: {@code yes} given, or "yes" typed at the terminal. Without a
   * terminal and without --yes the command line is refused (exit 2), so a script never destroys
   * something because nobody was there to be asked.
   */
  public static boolean given(CommandSpec command, boolean yes, String question) {
    if (yes) {
      return true;
    }
    Console console = System.console();
    if (console == null) {
      throw new CommandLine.ParameterException(command.commandLine(),
          "`" + command.qualifiedName() + "` needs --yes when there is no terminal to ask.");
    }
    String answer = console.readLine("%s Type yes: ", question);
    return answer != null && answer.strip().equalsIgnoreCase("yes");
  }
}
