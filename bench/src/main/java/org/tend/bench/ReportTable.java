package org.tend.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.annotations.Mode;

/** Renders the comparisons, and every score behind them, as Markdown. */
final class ReportTable {
  static final String PASS = "PASS";
  static final String FAIL = "FAIL";
  static final String NOT_RUN = "NOT RUN";

  private final List<Comparison> comparisons;
  private final Map<String, Score> scores;

  ReportTable(List<Comparison> comparisons, Map<String, Score> scores) {
    this.comparisons = List.copyOf(comparisons);
    this.scores = Map.copyOf(scores);
  }

  /** PASS, FAIL, or NOT RUN when either benchmark has no result (excluded, or it failed). */
  String verdict(Comparison comparison) {
    Score ours = scores.get(comparison.ours());
    Score baseline = scores.get(comparison.baseline());
    if (ours == null || baseline == null) {
      return NOT_RUN;
    }
    if (comparison.target() instanceof Comparison.NoTarget) {
      return "—";
    }
    return comparison.target().isMet(ours, baseline) ? PASS : FAIL;
  }

  /** Whether every comparison with a target ran and met it. */
  boolean allTargetsMet() {
    return comparisons.stream()
        .filter(c -> !(c.target() instanceof Comparison.NoTarget))
        .allMatch(c -> verdict(c).equals(PASS));
  }

  String summary() {
    StringBuilder md = new StringBuilder()
        .append("| Comparison | Ours | Baseline | Ours vs baseline | Target | Result |\n")
        .append("|---|---|---|---|---|---|\n");
    for (Comparison c : comparisons) {
      Optional<Score> ours = Optional.ofNullable(scores.get(c.ours()));
      Optional<Score> baseline = Optional.ofNullable(scores.get(c.baseline()));
      String relation = ours.isPresent() && baseline.isPresent()
          ? c.relation(ours.get(), baseline.get()) : "n/a";
      md.append(row(c.title(), cell(c.ours(), ours), cell(c.baseline(), baseline), relation,
          c.target().describe(), verdict(c)));
    }
    return md.toString();
  }

  /** Every score JMH returned, as it reported them. */
  String details() {
    StringBuilder md = new StringBuilder()
        .append("| Benchmark | Mode | Score | Error (99.9%) | Unit | Median |\n")
        .append("|---|---|---|---|---|---|\n");
    scores.values().stream()
        .sorted(Comparator.comparing(Score::benchmark))
        .forEach(s -> md.append(row(s.benchmark(), s.mode().shortLabel(), number(s.mean()),
            number(s.error()), s.unit(),
            s.mode() == Mode.SampleTime ? number(s.median()) : "—")));
    return md.toString();
  }

  private static String cell(String benchmark, Optional<Score> score) {
    String name = "`" + benchmark.substring(benchmark.indexOf('.') + 1) + "`";
    if (score.isEmpty()) {
      return name + " n/a";
    }
    Score s = score.get();
    String error = Double.isNaN(s.error()) ? "" : " ± " + number(s.error());
    if (s.mode() == Mode.SampleTime) {
      return String.format(Locale.ROOT, "%s median %s %s (mean %s%s)", name, number(s.median()),
          s.unit(), number(s.mean()), error);
    }
    return String.format(Locale.ROOT, "%s %s%s %s", name, number(s.mean()), error, s.unit());
  }

  private static String row(String... cells) {
    return "| " + String.join(" | ", cells) + " |\n";
  }

  /** Three significant figures or more, with thousands separated. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    double magnitude = Math.abs(value);
    String pattern = magnitude >= 100 ? "%,.0f" : magnitude >= 10 ? "%.1f"
        : magnitude >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, pattern, value);
  }
}
