package org.tend.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tend.cli.output.Json;
import org.tend.cli.output.TerminalText;
import org.tend.cli.output.Times;
import org.tend.node.TendNode;
import org.tend.node.api.patterns.PatternReport;
import org.tend.node.api.patterns.Tally;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "patterns", mixinStandardHelpOptions = true,
    description = {"What your own entries show over a period. Computed here, never stored,"
        + " never shared."})
final class PatternsCommand implements Callable<Integer> {
  private static final char[] BARS = "▁▂▃▄▅▆▇█".toCharArray();

  @Spec
  CommandSpec spec;

  @Option(names = "--since", defaultValue = "90d", paramLabel = "SPAN",
      description = "How far back: 90d, 12w, 36h or a date (default: ${DEFAULT-VALUE}).")
  String since;

  @Option(names = "--json", description = "Print JSON for scripts.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    Instant from = Times.since(since, Instant.now());
    try (TendNode node = session.open()) {
      PatternReport r = node.patterns().since(from);
      if (json) {
        session.out().println(Json.render(toJson(r)));
        return ExitCodes.OK;
      }
      print(session.out(), session.style(), r);
    }
    return ExitCodes.OK;
  }

  static void print(java.io.PrintWriter out, org.tend.cli.output.Style style, PatternReport r) {
    out.println(style.bold("Your patterns since " + Times.show(r.since()))
        + style.dim("  (only you can see this)"));
    out.println("Entries:  " + r.entries() + "   weekly " + sparkline(r.weeklyEntries()));
    section(out, "Survival responses", r.survivalResponses());
    section(out, "Body signals", r.bodySignals());
    section(out, "Needs", r.needs());
    section(out, "What helped you settle", r.helped());
    out.printf("Repairs:  %d begun, %d repaired, %d not now, %d let go%n", r.repairsBegun(),
        r.repairsCompleted(), r.repairsNotNow(), r.repairsLetGo());
  }

  static String sparkline(List<Integer> counts) {
    int max = counts.stream().mapToInt(Integer::intValue).max().orElse(0);
    StringBuilder line = new StringBuilder();
    for (int count : counts) {
      line.append(max == 0 ? BARS[0] : BARS[(int) Math.round((double) count * (BARS.length - 1) / max)]);
    }
    return line.toString();
  }

  private static void section(java.io.PrintWriter out, String title, List<Tally> tallies) {
    if (tallies.isEmpty()) {
      out.println(title + ": none recorded");
      return;
    }
    StringBuilder line = new StringBuilder(title + ": ");
    for (int i = 0; i < Math.min(6, tallies.size()); i++) {
      line.append(i == 0 ? "" : ", ").append(TerminalText.line(tallies.get(i).label()))
          .append(" ×")
          .append(tallies.get(i).count());
    }
    out.println(line);
  }

  private static Map<String, Object> toJson(PatternReport r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("since", r.since().toString());
    out.put("until", r.until().toString());
    out.put("entries", r.entries());
    out.put("survivalResponses", tallies(r.survivalResponses()));
    out.put("bodySignals", tallies(r.bodySignals()));
    out.put("needs", tallies(r.needs()));
    out.put("helped", tallies(r.helped()));
    out.put("repairsBegun", r.repairsBegun());
    out.put("repairsCompleted", r.repairsCompleted());
    out.put("repairsNotNow", r.repairsNotNow());
    out.put("repairsLetGo", r.repairsLetGo());
    out.put("weeklyEntries", r.weeklyEntries());
    return out;
  }

  private static Map<String, Object> tallies(List<Tally> tallies) {
    Map<String, Object> out = new LinkedHashMap<>();
    tallies.forEach(t -> out.put(t.label(), t.count()));
    return out;
  }
}
