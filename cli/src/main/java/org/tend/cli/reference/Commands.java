package org.tend.cli.reference;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The command tree as the reference pages and completions show it: visible parts only. */
final class Commands {
  private Commands() {}

  /** Every command below {@code root}, parents before children, in declaration order. */
  static List<CommandSpec> below(CommandSpec root) {
    List<CommandSpec> all = new ArrayList<>();
    collect(root, all);
    return all;
  }

  private static void collect(CommandSpec command, List<CommandSpec> into) {
    for (CommandLine sub : command.subcommands().values()) {
      CommandSpec spec = sub.getCommandSpec();
      // Aliases map to the same spec; list each command once, under its own name.
      if (!spec.usageMessage().hidden() && spec.parent() == command && !into.contains(spec)) {
        into.add(spec);
        collect(spec, into);
      }
    }
  }

  static List<CommandSpec> children(CommandSpec command) {
    return command.subcommands().values().stream()
        .map(CommandLine::getCommandSpec)
        .filter(spec -> !spec.usageMessage().hidden())
        .distinct()
        .toList();
  }

  /** The options a member may type for this command, its own and inherited ones. */
  static List<OptionSpec> options(CommandSpec command) {
    return command.options().stream().filter(option -> !option.hidden()).toList();
  }

  /** A description as one line of plain text. */
  static String oneLine(String[] lines) {
    return String.join(" ", lines).replace("%n", " ").replaceAll("\\s+", " ").strip();
  }

  /** The first sentence-sized line of a command's description, for lists. */
  static String summary(CommandSpec command) {
    String[] header = command.usageMessage().header();
    String[] description = command.usageMessage().description();
    String text = oneLine(header.length > 0 ? header : description);
    int stop = text.indexOf(". ");
    return stop > 0 ? text.substring(0, stop + 1) : text;
  }
}
