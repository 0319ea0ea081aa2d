package org.tend.cli.reference;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** A fish completion script for the command tree, written from its picocli model. */
final class FishCompletion {
  private FishCompletion() {}

  static String script(CommandSpec root) {
    String name = root.name();
    StringBuilder out = new StringBuilder();
    out.append("# fish completion for ").append(name)
        .append(", written by `").append(name).append(" completion fish`\n");
    out.append("complete -c ").append(name).append(" -f\n");
    describe(out, root, root);
    for (CommandSpec command : Commands.below(root)) {
      describe(out, root, command);
    }
    return out.toString();
  }

  /** Completes the subcommands and options of {@code command} once its path has been typed. */
  private static void describe(StringBuilder out, CommandSpec root, CommandSpec command) {
    String when = condition(root, command);
    for (CommandSpec child : Commands.children(command)) {
      out.append("complete -c ").append(root.name()).append(" -n ").append(quote(when))
          .append(" -a ").append(quote(child.name()))
          .append(" -d ").append(quote(Commands.summary(child))).append('\n');
    }
    for (OptionSpec option : Commands.options(command)) {
      if (option.inherited()) {
        continue;
      }
      out.append("complete -c ").append(root.name());
      if (command != root) {
        out.append(" -n ").append(quote(when));
      }
      for (String flag : option.names()) {
        out.append(flag.startsWith("--") ? " -l " + flag.substring(2) : " -s " + flag.substring(1));
      }
      if (option.arity().max() > 0) {
        boolean file = option.type() == Path.class || option.type() == File.class;
        out.append(file ? " -r -F" : " -r");
        List<String> candidates = candidates(option);
        if (!candidates.isEmpty()) {
          out.append(" -a ").append(quote(String.join(" ", candidates)));
        }
      }
      out.append(" -d ").append(quote(Commands.oneLine(option.description()))).append('\n');
    }
  }

  /** The fish condition under which {@code command}'s words are offered. */
  private static String condition(CommandSpec root, CommandSpec command) {
    if (command == root) {
      return "__fish_use_subcommand";
    }
    String path = command.qualifiedName(" ").substring(root.name().length()).strip();
    String children = Commands.children(command).stream().map(CommandSpec::name)
        .collect(Collectors.joining(" "));
    StringBuilder when = new StringBuilder();
    for (String word : path.split(" ")) {
      if (when.length() > 0) {
        when.append("; and ");
      }
      when.append("__fish_seen_subcommand_from ").append(word);
    }
    if (!children.isEmpty()) {
      when.append("; and not __fish_seen_subcommand_from ").append(children);
    }
    return when.toString();
  }

  private static List<String> candidates(OptionSpec option) {
    Iterable<String> values = option.completionCandidates();
    if (values == null) {
      return List.of();
    }
    List<String> list = new ArrayList<>();
    values.forEach(list::add);
    return list;
  }

  private static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
