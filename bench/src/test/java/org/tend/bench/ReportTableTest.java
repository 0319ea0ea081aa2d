package org.tend.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;

/** The report's verdicts, each target checked at exactly its limit and just past it. */
class ReportTableTest {
  private static final Comparison BATCH = new Comparison("batch", "A.ours", "A.raw",
      new Comparison.ThroughputRatio(0.5));
  private static final Comparison SEARCH = new Comparison("search", "S.ours", "S.raw",
      new Comparison.MedianMillis(100));
  private static final Comparison UNLOCK = new Comparison("unlock", "U.ours", "U.raw",
      new Comparison.ExtraMillis(200));
  private static final Comparison INGEST = new Comparison("ingest", "I.ours", "I.raw",
      new Comparison.MinThroughput(10_000));

  @Test
  void batchedAppendPassesAtExactlyHalfTheRawThroughput() {
    assertEquals(ReportTable.PASS,
        verdict(BATCH, throughput("A.ours", 500), throughput("A.raw", 1000)));
  }

  @Test
  void batchedAppendFailsJustBelowHalfTheRawThroughput() {
    assertEquals(ReportTable.FAIL,
        verdict(BATCH, throughput("A.ours", 499.9), throughput("A.raw", 1000)));
  }

  @Test
  void searchPassesWithAMedianOfExactly100MsWhateverTheMean() {
    assertEquals(ReportTable.PASS,
        verdict(SEARCH, sampled("S.ours", 100, 180), sampled("S.raw", 5, 5)));
  }

  @Test
  void searchFailsWithAMedianJustOver100Ms() {
    assertEquals(ReportTable.FAIL,
        verdict(SEARCH, sampled("S.ours", 100.1, 90), sampled("S.raw", 5, 5)));
  }

  @Test
  void unlockPassesAtExactly200MsOverArgon2AndFailsJustPast() {
    assertEquals(ReportTable.PASS,
        verdict(UNLOCK, average("U.ours", 1200), average("U.raw", 1000)));
    assertEquals(ReportTable.FAIL,
        verdict(UNLOCK, average("U.ours", 1200.1), average("U.raw", 1000)));
  }

  @Test
  void ingestPassesAtExactly10000PerSecondWhateverTheBaselineAndFailsJustBelow() {
    assertEquals(ReportTable.PASS,
        verdict(INGEST, throughput("I.ours", 10_000), throughput("I.raw", 50_000)));
    assertEquals(ReportTable.FAIL,
        verdict(INGEST, throughput("I.ours", 9_999.9), throughput("I.raw", 5_000)));
  }

  @Test
  void minimumThroughputRefusesATimeScore() {
    assertThrows(IllegalStateException.class, () -> verdict(INGEST, average("I.ours", 1),
        throughput("I.raw", 1)));
  }

  @Test
  void minimumThroughputIsDescribedInOperationsPerSecond() {
    assertEquals("≥ 10,000 ops/s", INGEST.target().describe());
  }

  @Test
  void aComparisonWithoutItsBaselineIsNotRunAndFailsTheReport() {
    ReportTable table = new ReportTable(List.of(BATCH), Map.of("A.ours", throughput("A.ours", 1)));
    assertEquals(ReportTable.NOT_RUN, table.verdict(BATCH));
    assertFalse(table.allTargetsMet());
  }

  @Test
  void summaryShowsRatioForThroughputAndDifferenceForTime() {
    ReportTable table = new ReportTable(List.of(BATCH, UNLOCK), Map.of(
        "A.ours", throughput("A.ours", 600), "A.raw", throughput("A.raw", 1000),
        "U.ours", average("U.ours", 1150), "U.raw", average("U.raw", 1000)));
    String summary = table.summary();
    assertTrue(summary.contains("| 0.60× |"), summary);
    assertTrue(summary.contains("| +150 ms (1.15×) |"), summary);
    assertTrue(table.allTargetsMet());
  }

  private static String verdict(Comparison comparison, Score ours, Score baseline) {
    return new ReportTable(List.of(comparison),
        Map.of(ours.benchmark(), ours, baseline.benchmark(), baseline)).verdict(comparison);
  }

  private static Score throughput(String name, double opsPerSecond) {
    return new Score(name, Mode.Throughput, opsPerSecond, 1, "ops/s", opsPerSecond);
  }

  private static Score average(String name, double millis) {
    return new Score(name, Mode.AverageTime, millis, 1, "ms/op", millis);
  }

  private static Score sampled(String name, double median, double mean) {
    return new Score(name, Mode.SampleTime, mean, 1, "ms/op", median);
  }
}
