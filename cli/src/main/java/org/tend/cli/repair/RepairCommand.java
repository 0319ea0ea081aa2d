package org.tend.cli.repair;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tend.cli.Confirmation;
import org.tend.cli.ExitCodes;
import org.tend.cli.Session;
import org.tend.cli.journal.EntryView;
import org.tend.cli.output.Json;
import org.tend.cli.output.TerminalText;
import org.tend.cli.output.Times;
import org.tend.node.TendNode;
import org.tend.node.api.journal.Entry;
import org.tend.node.api.repair.Repair;
import org.tend.node.api.repair.RepairId;
import org.tend.node.api.repair.RepairStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "repair", mixinStandardHelpOptions = true,
    description = {"Walk through a rupture, step by step, on your own: notice, name it, ask,"
        + " stabilise, honour, reflect, check readiness, re-engage, reconnect.",
        "Every step can be skipped, and you can stop at any point and continue later.",
        "Answers come one per line, typed or piped (or from --answers FILE)."})
public final class RepairCommand {
  @Spec
  CommandSpec spec;

  @Command(name = "begin", mixinStandardHelpOptions = true, description = "Begin a repair.")
  int begin(@Option(names = "--title", paramLabel = "TEXT",
          description = "A few words to recognise it by (asked for when absent).") String title,
      @Option(names = "--answers", paramLabel = "FILE",
          description = "Read answers from FILE, one per line, instead of standard input.")
          Path answers) throws Exception {
    Session session = Session.of(spec);
    try (TendNode node = session.open(); BufferedReader in = input(answers)) {
      Prompter prompter = prompter(session, in, answers);
      showResources(session, node);
      String name = title;
      if (name == null) {
        try {
          name = prompter.text("A few words to recognise this repair by (only you see them):");
        } catch (Prompter.SkipStep e) {
          name = "";
        } catch (Prompter.StopHere e) {
          session.out().println("Nothing begun.");
          return ExitCodes.OK;
        }
      }
      Repair repair = node.repairs().begin(name.isEmpty() ? "untitled" : name);
      session.out().println("Repair " + repair.id().shortForm() + " begun.");
      new RepairWizard(node.repairs(), prompter).walk(repair);
    }
    return ExitCodes.OK;
  }

  @Command(name = "continue", mixinStandardHelpOptions = true,
      description = "Continue a paused repair from its next step.")
  int resume(@Parameters(paramLabel = "ID") String id,
      @Option(names = "--answers", paramLabel = "FILE",
          description = "Read answers from FILE, one per line.") Path answers) throws Exception {
    Session session = Session.of(spec);
    try (TendNode node = session.open(); BufferedReader in = input(answers)) {
      Repair repair = node.repairs().get(node.repairs().resolve(id));
      if (repair.status().isClosed()) {
        throw new IllegalArgumentException("repair " + repair.id().shortForm() + " is closed ("
            + repair.status().label() + ")");
      }
      showResources(session, node);
      session.out().println("Continuing " + session.style().bold(TerminalText.line(repair.title()))
          + ".");
      new RepairWizard(node.repairs(), prompter(session, in, answers)).walk(repair);
    }
    return ExitCodes.OK;
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List repairs with where each stands.")
  int list(@Option(names = "--json", description = "Print JSON for scripts.") boolean json)
      throws Exception {
    Session session = Session.of(spec);
    try (TendNode node = session.open()) {
      List<Repair> repairs = node.repairs().list();
      if (json) {
        session.out().println(Json.render(repairs.stream().map(RepairCommand::toJson).toList()));
        return ExitCodes.OK;
      }
      if (repairs.isEmpty()) {
        session.out().println("No repairs yet. `tend repair begin` starts one.");
      }
      for (Repair r : repairs) {
        session.out().printf("%s  %s  %-12s %-28s %s%n", session.style().accent(r.id().shortForm()),
            Times.show(r.begunAt()), r.status().label(), where(r), TerminalText.line(r.title()));
      }
    }
    return ExitCodes.OK;
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show a repair and every step saved for it.")
  int show(@Parameters(paramLabel = "ID") String id,
      @Option(names = "--json", description = "Print JSON for scripts.") boolean json)
      throws Exception {
    Session session = Session.of(spec);
    try (TendNode node = session.open()) {
      Repair repair = node.repairs().get(node.repairs().resolve(id));
      List<Entry> steps = node.journal().forRepair(repair.id());
      if (json) {
        Map<String, Object> out = toJson(repair);
        out.put("steps", steps.stream().map(EntryView::toJson).toList());
        session.out().println(Json.render(out));
        return ExitCodes.OK;
      }
      session.out().println(session.style().bold(TerminalText.line(repair.title())) + "  "
          + session.style().dim(repair.id().shortForm()));
      session.out().println("Begun " + Times.show(repair.begunAt()) + " · "
          + repair.status().label() + " · " + where(repair));
      for (Entry e : steps) {
        session.out().println();
        EntryView.printEntry(session.out(), session.style(), e);
      }
    }
    return ExitCodes.OK;
  }

  @Command(name = "close", mixinStandardHelpOptions = true,
      description = "Close a repair as repaired, not now, or let go.")
  int close(@Parameters(paramLabel = "ID") String id,
      @Option(names = "--as", required = true, paramLabel = "OUTCOME",
          description = "repaired, not-now or let-go") String outcome) throws Exception {
    RepairStatus status = switch (outcome.toLowerCase(Locale.ROOT).replace(' ', '-')) {
      case "repaired" -> RepairStatus.REPAIRED;
      case "not-now" -> RepairStatus.NOT_NOW;
      case "let-go" -> RepairStatus.LET_GO;
      default -> throw new IllegalArgumentException(
          "close a repair --as repaired, not-now or let-go");
    };
    Session session = Session.of(spec);
    try (TendNode node = session.open()) {
      RepairId resolved = node.repairs().resolve(id);
      Repair closed = node.repairs().close(resolved, status);
      session.out().println("Closed " + closed.id().shortForm() + " as " + status.label() + ".");
    }
    return ExitCodes.OK;
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = {"Delete a repair and every step saved for it, for good: the store is"
          + " compacted so nothing that could recover them stays on disk."})
  int delete(@Parameters(paramLabel = "ID") String id,
      @Option(names = "--yes", description = "Delete without asking (for scripts).") boolean yes)
      throws Exception {
    Session session = Session.of(spec);
    try (TendNode node = session.open()) {
      Repair repair = node.repairs().get(node.repairs().resolve(id));
      int steps = node.journal().forRepair(repair.id()).size();
      if (!Confirmation.given(spec.subcommands().get("delete").getCommandSpec(), yes,
          "Delete the repair \"" + TerminalText.line(repair.title()) + "\" and the " + steps
              + (steps == 1 ? " step" : " steps") + " saved for it, for good?")) {
        session.out().println("Nothing was deleted.");
        return ExitCodes.OK;
      }
      node.repairs().delete(repair.id());
      session.out().println("Deleted the repair " + repair.id().shortForm() + " and " + steps
          + (steps == 1 ? " step." : " steps."));
    }
    return ExitCodes.OK;
  }

  private static String where(Repair r) {
    if (r.status().isClosed()) {
      return "closed " + r.closedAt().map(Times::show).orElse("");
    }
    return r.nextStep().map(s -> "next: " + s.number() + " " + s.title())
        .orElse("all steps offered");
  }

  private static Map<String, Object> toJson(Repair r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", r.id().hex());
    out.put("title", r.title());
    out.put("begunAt", r.begunAt().toString());
    out.put("status", r.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    out.put("nextStep", r.nextStep().map(s -> s.name().toLowerCase(Locale.ROOT).replace('_', '-'))
        .orElse(null));
    out.put("closedAt", r.closedAt().map(Object::toString).orElse(null));
    return out;
  }

  private static void showResources(Session session, TendNode node) throws Exception {
    org.tend.cli.ResourcesView.print(session.out(), session.style(), node.resources().list());
  }

  private static BufferedReader input(Path answers) throws java.io.IOException {
    if (answers != null) {
      return Files.newBufferedReader(answers, StandardCharsets.UTF_8);
    }
    // Closing this reader must not close the process's standard input.
    InputStream unclosable = new FilterInputStream(System.in) {
      @Override
      public void close() {}
    };
    return new BufferedReader(new InputStreamReader(unclosable, StandardCharsets.UTF_8));
  }

  private static Prompter prompter(Session session, BufferedReader in, Path answers) {
    boolean interactive = answers == null && System.console() != null;
    return new Prompter(in, session.out(), session.style(), !interactive);
  }
}
