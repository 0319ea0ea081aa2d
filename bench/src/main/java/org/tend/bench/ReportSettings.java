package org.tend.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How {@link Report} runs JMH. Defaults suit a two-core machine; each value can be overridden
 * with a system property, and {@code tend.bench.quick=true} gives a smoke run of about two
 * minutes with noisy numbers.
 *
 * <ul>
 *   <li>{@code tend.bench.quick}: shorter defaults (1 × 1 s warmup, 2 × 1 s measurement)
 *   <li>{@code tend.bench.forks}, {@code tend.bench.warmup.iterations},
 *       {@code tend.bench.warmup.seconds}, {@code tend.bench.iterations},
 *       {@code tend.bench.seconds}
 *   <li>{@code tend.bench.include}: regular expression of benchmarks to run (default: all)
 *   <li>{@code tend.bench.out}: the Markdown report (default {@value #DEFAULT_OUT})
 *   <li>{@code tend.bench.jvmArgs}: JVM options for the forks (default {@value #FORK_JVM_ARGS});
 *       Argon2 allocates its memory on the heap
 * </ul>
 */
record ReportSettings(boolean quick, int forks, int warmupIterations, int warmupSeconds,
    int iterations, int seconds, String include, Path out, String jvmArgs) {

  static final String PREFIX = "tend.bench.";
  static final String DEFAULT_OUT = "bench/target/bench-report.md";
  static final String FORK_JVM_ARGS = "-Xmx2g";
  static final String ALL_BENCHMARKS =
      "org\\.tend\\.bench\\.(JournalAppend|Unlock|Search|Ingest)Benchmark\\..*";

  ReportSettings {
    if (forks < 1 || warmupIterations < 0 || warmupSeconds < 1 || iterations < 1
        || seconds < 1) {
      throw new IllegalArgumentException("forks, iterations and seconds must be at least 1"
          + " (warmup iterations at least 0): " + this);
    }
  }

  static ReportSettings fromSystemProperties() {
    boolean quick = Boolean.parseBoolean(property("quick", "false"));
    return new ReportSettings(quick,
        number("forks", 1),
        number("warmup.iterations", quick ? 1 : 2),
        number("warmup.seconds", quick ? 1 : 2),
        number("iterations", quick ? 2 : 3),
        number("seconds", quick ? 1 : 3),
        property("include", ALL_BENCHMARKS),
        Path.of(property("out", DEFAULT_OUT)),
        property("jvmArgs", FORK_JVM_ARGS));
  }

  ChainedOptionsBuilder jmhOptions() {
    return new OptionsBuilder()
        .include(include)
        .forks(forks)
        .warmupIterations(warmupIterations)
        .warmupTime(TimeValue.seconds(warmupSeconds))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(seconds))
        .jvmArgsAppend(jvmArgs.trim().split("\\s+"));
  }

  String describe() {
    return String.format(Locale.ROOT,
        "%s: %d fork(s), warmup %d × %d s, measurement %d × %d s, fork JVM %s",
        quick ? "quick" : "full", forks, warmupIterations, warmupSeconds, iterations, seconds,
        jvmArgs);
  }

  private static String property(String name, String fallback) {
    return System.getProperty(PREFIX + name, fallback);
  }

  private static int number(String name, int fallback) {
    String value = property(name, null);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PREFIX + name + " must be a whole number: " + value, e);
    }
  }
}
