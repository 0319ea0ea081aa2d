package org.tend.bench;

import java.util.Locale;

/**
 * One of our benchmarks against the baseline measured in the same run, and the target it must
 * meet. Ratios are always ours / baseline: above 1 is better for throughput, worse for time.
 *
 * @param title what is compared, as the report's first column
 * @param ours the benchmark, as {@code Class.method}
 * @param baseline the baseline benchmark, as {@code Class.method}
 */
record Comparison(String title, String ours, String baseline, Target target) {

  /** What a comparison must show to pass. */
  sealed interface Target {
    /** Whether the scores meet the target. */
    boolean isMet(Score ours, Score baseline);

    String describe();
  }

  /** Reported for information only. */
  record NoTarget() implements Target {
    @Override
    public boolean isMet(Score ours, Score baseline) {
      return true;
    }

    @Override
    public String describe() {
      return "—";
    }
  }

  /** Our throughput is at least {@code minimum} times the baseline's. */
  record ThroughputRatio(double minimum) implements Target {
    @Override
    public boolean isMet(Score ours, Score baseline) {
      return ratio(ours, baseline) >= minimum;
    }

    @Override
    public String describe() {
      return String.format(Locale.ROOT, "≥ %.2f× baseline", minimum);
    }
  }

  /** Our throughput is at least {@code minimum} operations per second, whatever the baseline. */
  record MinThroughput(double minimum) implements Target {
    @Override
    public boolean isMet(Score ours, Score baseline) {
      return ours.centralPerSecond() >= minimum;
    }

    @Override
    public String describe() {
      return String.format(Locale.ROOT, "≥ %,.0f ops/s", minimum);
    }
  }

  /** Our median time is at most {@code maximum} milliseconds, whatever the baseline. */
  record MedianMillis(double maximum) implements Target {
    @Override
    public boolean isMet(Score ours, Score baseline) {
      return ours.centralMillis() <= maximum;
    }

    @Override
    public String describe() {
      return String.format(Locale.ROOT, "median ≤ %.0f ms", maximum);
    }
  }

  /** Our time exceeds the baseline's by at most {@code maximum} milliseconds. */
  record ExtraMillis(double maximum) implements Target {
    @Override
    public boolean isMet(Score ours, Score baseline) {
      return extraMillis(ours, baseline) <= maximum;
    }

    @Override
    public String describe() {
      return String.format(Locale.ROOT, "≤ baseline + %.0f ms", maximum);
    }
  }

  static double ratio(Score ours, Score baseline) {
    return ours.central() / baseline.central();
  }

  static double extraMillis(Score ours, Score baseline) {
    return ours.centralMillis() - baseline.centralMillis();
  }

  /** Ours against the baseline: the ratio, and for times also the difference. */
  String relation(Score ours, Score baseline) {
    double times = ratio(ours, baseline);
    String ratio = String.format(Locale.ROOT,
        times >= 100 ? "%.0f×" : times >= 10 ? "%.1f×" : "%.2f×", times);
    if (ours.isThroughput()) {
      return ratio;
    }
    return String.format(Locale.ROOT, "%+.0f ms (%s)", extraMillis(ours, baseline), ratio);
  }
}
