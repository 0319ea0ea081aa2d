package org.tend.bench;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One benchmark's primary result.
 *
 * @param benchmark the method, as {@code Class.method}
 * @param mean JMH's score: the mean over iterations (or over samples in sample-time mode)
 * @param error half-width of JMH's 99.9% confidence interval; NaN when too few iterations
 * @param median the 50th percentile of samples in sample-time mode, else the mean
 */
record Score(String benchmark, Mode mode, double mean, double error, String unit,
    double median) {

  static Score of(RunResult run) {
    Result<?> primary = run.getPrimaryResult();
    Mode mode = run.getParams().getMode();
    double median = mode == Mode.SampleTime
        ? primary.getStatistics().getPercentile(50.0) : primary.getScore();
    return new Score(shortName(run.getParams().getBenchmark()), mode, primary.getScore(),
        primary.getScoreError(), primary.getScoreUnit(), median);
  }

  /** {@code org.tend.bench.SearchBenchmark.search} becomes {@code SearchBenchmark.search}. */
  static String shortName(String benchmark) {
    int method = benchmark.lastIndexOf('.');
    int type = benchmark.lastIndexOf('.', method - 1);
    return benchmark.substring(type + 1);
  }

  boolean isThroughput() {
    return mode == Mode.Throughput;
  }

  /** The figure comparisons use: the median in sample-time mode, the mean otherwise. */
  double central() {
    return median;
  }

  /** {@link #central()} in milliseconds; only for time modes reported in ms/op. */
  double centralMillis() {
    if (!"ms/op".equals(unit)) {
      throw new IllegalStateException(benchmark + " is reported in " + unit + ", not ms/op");
    }
    return median;
  }

  /** {@link #central()} in operations per second; only for throughput reported in ops/s. */
  double centralPerSecond() {
    if (!isThroughput() || !"ops/s".equals(unit)) {
      throw new IllegalStateException(benchmark + " is reported in " + unit + ", not ops/s");
    }
    return median;
  }
}
