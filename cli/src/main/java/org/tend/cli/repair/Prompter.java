package org.tend.cli.repair;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tend.cli.output.Style;
import org.tend.cli.output.TerminalText;

/**
 * Asks one question per line, from a terminal or from piped answers alike. An empty answer
 * skips the question; {@code skip} skips the whole step; {@code stop} (or the end of input)
 * pauses the repair so it can be continued later.
 */
final class Prompter {
  /** The member chose to skip the rest of this step. */
  static final class SkipStep extends Exception {
    SkipStep() {
      super(null, null, false, false);
    }
  }

  /** The member chose to stop here for now. */
  static final class StopHere extends Exception {
    StopHere() {
      super(null, null, false, false);
    }
  }

  private final BufferedReader in;
  private final PrintWriter out;
  private final Style style;
  private final boolean echo;

  /** @param echo print each answer after reading it, so a transcript of piped input reads well */
  Prompter(BufferedReader in, PrintWriter out, Style style, boolean echo) {
    this.in = in;
    this.out = out;
    this.style = style;
    this.echo = echo;
  }

  PrintWriter out() {
    return out;
  }

  Style style() {
    return style;
  }

  /** A free-text answer; empty when the member skipped the question. */
  String text(String question) throws SkipStep, StopHere {
    out.print(style.accent("› ") + question + " ");
    out.flush();
    String line;
    try {
      line = in.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (line == null) {
      out.println();
      throw new StopHere();
    }
    String answer = line.strip();
    if (echo) {
      out.println(TerminalText.line(answer));
    }
    switch (answer.toLowerCase(Locale.ROOT)) {
      case "skip":
        throw new SkipStep();
      case "stop":
        throw new StopHere();
      default:
        return answer;
    }
  }

  /** Items from a numbered list, by number or in the member's own words. */
  List<String> choose(String question, List<String> options) throws SkipStep, StopHere {
    for (int i = 0; i < options.size(); i++) {
      out.println(style.dim(String.format("   %d  %s", i + 1, options.get(i))));
    }
    String answer = text(question);
    List<String> chosen = new ArrayList<>();
    for (String part : answer.split(",")) {
      String item = part.strip();
      if (item.isEmpty()) {
        continue;
      }
      Optional<Integer> number = number(item);
      if (number.isPresent() && number.get() >= 1 && number.get() <= options.size()) {
        chosen.add(options.get(number.get() - 1));
      } else {
        chosen.add(item);
      }
    }
    return chosen;
  }

  /** Yes or no; empty when skipped. Re-asks once on an answer it cannot read. */
  Optional<Boolean> yesNo(String question) throws SkipStep, StopHere {
    for (int attempt = 0; attempt < 2; attempt++) {
      String answer = text(question + style.dim(" (yes/no)")).toLowerCase(Locale.ROOT);
      if (answer.isEmpty()) {
        return Optional.empty();
      }
      if (answer.startsWith("y")) {
        return Optional.of(true);
      }
      if (answer.startsWith("n")) {
        return Optional.of(false);
      }
      out.println(style.dim("   Answer yes or no, or press Enter to skip."));
    }
    return Optional.empty();
  }

  /** A whole number in a range; empty when skipped. Re-asks once on an answer out of range. */
  Optional<Integer> number(String question, int min, int max) throws SkipStep, StopHere {
    for (int attempt = 0; attempt < 2; attempt++) {
      String answer = text(question);
      if (answer.isEmpty()) {
        return Optional.empty();
      }
      Optional<Integer> n = number(answer);
      if (n.isPresent() && n.get() >= min && n.get() <= max) {
        return n;
      }
      out.println(style.dim("   A number from " + min + " to " + max
          + ", or press Enter to skip."));
    }
    return Optional.empty();
  }

  private static Optional<Integer> number(String text) {
    try {
      return Optional.of(Integer.parseInt(text.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
