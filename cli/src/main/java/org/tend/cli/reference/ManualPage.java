package org.tend.cli.reference;

import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The manual page tend(1), in troff, written from the picocli model of every command. */
final class ManualPage {
  private ManualPage() {}

  static String of(CommandSpec root, String version) {
    StringBuilder out = new StringBuilder();
    String name = root.name();
    out.append(".TH ").append(name.toUpperCase(Locale.ROOT)).append(" 1 \"\" ")
        .append(quoted(version)).append(" \"Tend manual\"\n");
    out.append(".SH NAME\n").append(text(name)).append(" \\- ")
        .append(text(Commands.summary(root))).append('\n');
    out.append(".SH SYNOPSIS\n.B ").append(text(name)).append("\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR"
        + " [\\fIARGUMENTS\\fR]\n");
    out.append(".SH DESCRIPTION\n");
    paragraph(out, root.usageMessage().description());
    out.append(".SH OPTIONS\n");
    options(out, Commands.options(root));
    out.append(".SH COMMANDS\n");
    for (CommandSpec command : Commands.below(root)) {
      command(out, command);
    }
    String[] footer = root.usageMessage().footer();
    if (footer.length > 0) {
      out.append(".SH EXIT STATUS\n.nf\n");
      for (String line : footer) {
        out.append(text(line.replace("%n", ""))).append('\n');
      }
      out.append(".fi\n");
    }
    out.append(".SH SEE ALSO\nThe user guide, docs/user-guide.md, in Tend's source;"
        + " `").append(text(name)).append(" help COMMAND`.\n");
    return out.toString();
  }

  private static void command(StringBuilder out, CommandSpec command) {
    out.append(".SS ").append(quoted(command.qualifiedName(" "))).append('\n');
    out.append(".B ").append(text(command.qualifiedName(" "))).append('\n');
    StringBuilder synopsis = new StringBuilder();
    if (!Commands.options(command).isEmpty()) {
      synopsis.append(" [\\fIOPTIONS\\fR]");
    }
    for (PositionalParamSpec parameter : command.positionalParameters()) {
      if (parameter.hidden()) {
        continue;
      }
      String label = "\\fI" + text(parameter.paramLabel()) + "\\fR";
      boolean optional = parameter.arity().min() == 0;
      boolean many = parameter.arity().max() > 1;
      synopsis.append(' ').append(optional ? "[" : "").append(label).append(many ? "..." : "")
          .append(optional ? "]" : "");
    }
    if (!Commands.children(command).isEmpty()) {
      synopsis.append(" \\fICOMMAND\\fR");
    }
    out.append(synopsis.toString().strip()).append('\n');
    out.append(".PP\n");
    String[] header = command.usageMessage().header();
    String[] description = command.usageMessage().description();
    paragraph(out, header.length > 0 && description.length == 0 ? header : description);
    List<OptionSpec> own = Commands.options(command).stream()
        .filter(option -> !option.inherited() && !isStandardHelp(option)).toList();
    options(out, own);
  }

  private static boolean isStandardHelp(OptionSpec option) {
    return option.usageHelp() || option.versionHelp();
  }

  private static void options(StringBuilder out, List<OptionSpec> options) {
    for (OptionSpec option : options) {
      out.append(".TP\n");
      StringBuilder names = new StringBuilder();
      for (String flag : option.names()) {
        if (names.length() > 0) {
          names.append(", ");
        }
        names.append("\\fB").append(text(flag)).append("\\fR");
      }
      if (option.arity().max() > 0) {
        names.append(" \\fI").append(text(option.paramLabel())).append("\\fR");
      }
      out.append(names).append('\n').append(text(Commands.oneLine(option.description())))
          .append('\n');
    }
  }

  private static void paragraph(StringBuilder out, String[] lines) {
    String body = Commands.oneLine(lines);
    if (!body.isEmpty()) {
      out.append(text(body)).append('\n');
    }
  }

  /**
   * Text made safe for troff: backslashes and hyphens escaped, and a leading dot or quote
   * (which troff would read as a request) neutralised.
   */
  static String text(String plain) {
    String escaped = plain.replace("\\", "\\e").replace("-", "\\-");
    if (escaped.startsWith(".") || escaped.startsWith("'")) {
      escaped = "\\&" + escaped;
    }
    return escaped;
  }

  private static String quoted(String plain) {
    return "\"" + text(plain).replace("\"", "\\(dq") + "\"";
  }
}
