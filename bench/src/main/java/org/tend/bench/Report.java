package org.tend.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.tend.node.api.home.TendException;
import org.tend.node.keystore.HomeFiles;
import org.tend.node.keystore.Keystores;
import org.tend.protocol.crypto.Argon2Params;

/**
 * Runs every benchmark through JMH and reports each against its baseline, with PASS or FAIL
 * for the targets, on standard output and as Markdown ({@code tend.bench.out}). Settings are
 * described in {@link ReportSettings}; arguments of the form {@code tend.bench.name=value} are
 * taken as those system properties. Exits with status 1 when a target is missed or not run.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.tend.bench.Report tend.bench.quick=true</pre>
 */
public final class Report {
  static final double BATCH_APPEND_MIN_RATIO = 0.5;
  static final double SEARCH_MAX_MEDIAN_MS = 100;
  static final double UNLOCK_MAX_EXTRA_MS = 200;
  static final double HANDSHAKE_MIN_RATIO = 4.0;
  static final double INGEST_MIN_EVENTS_PER_SECOND = 10_000;

  static final List<Comparison> COMPARISONS = List.of(
      new Comparison("Durable append, 1 KiB, one per write",
          "JournalAppendBenchmark.journalWrite", "JournalAppendBenchmark.rawPut",
          new Comparison.NoTarget()),
      new Comparison("Durable append, 1 KiB, batches of 100",
          "JournalAppendBenchmark.journalWriteAll", "JournalAppendBenchmark.rawBatch",
          new Comparison.ThroughputRatio(BATCH_APPEND_MIN_RATIO)),
      new Comparison("Unlock a calibrated home (open + close)",
          "UnlockBenchmark.unlock", "UnlockBenchmark.argon2",
          new Comparison.ExtraMillis(UNLOCK_MAX_EXTRA_MS)),
      new Comparison("Search 10,000 entries for \"" + JournalText.NEEDLE + "\"",
          "SearchBenchmark.search", "SearchBenchmark.rawBodyScan",
          new Comparison.MedianMillis(SEARCH_MAX_MEDIAN_MS)),
      new Comparison("List 10,000 entries",
          "SearchBenchmark.list", "SearchBenchmark.rawBodyScan",
          new Comparison.NoTarget()),
      new Comparison("New authenticated connection over loopback",
          "HandshakeBenchmark.noiseConnect", "HandshakeBenchmark.tlsConnect",
          new Comparison.ThroughputRatio(HANDSHAKE_MIN_RATIO)),
      new Comparison("Verify and ingest events, batches of " + IngestBenchmark.BATCH,
          "IngestBenchmark.ingest", "IngestBenchmark.verifyOnly",
          new Comparison.MinThroughput(INGEST_MIN_EVENTS_PER_SECOND)));

  private static final String BASELINES = """
      Baselines, measured in the same run:
      - `rawPut` / `rawBatch`: a plain RocksDB (default options, its own directory) taking \
      1 KiB random values under random 16-byte keys, written with `sync=true`, one put or one \
      `WriteBatch` of 100 puts per write. Scores are per entry.
      - `argon2`: `Argon2id.derive` alone with the unlocked home's own parameters.
      - `rawBodyScan`: a raw RocksDB iterator (read-only open) over every sealed value in the \
      same journal's `entries` column, without decryption or parsing.
      - `tlsConnect`: a JDK TLS 1.3 handshake with client authentication (self-signed \
      RSA-2048 certificates, the JDK's fastest; no resumption) between an `SSLSocket` and an `SSLServerSocket` on \
      loopback, both in the benchmark JVM; `noiseConnect` is a new connection between two Tend \
      nodes there, through the whole Netty pipeline up to the responder's welcome.
      - `verifyOnly`: `Ed25519.verify` (unprepared: the public key decompressed every time) of \
      the same events' signatures over their header bytes, one thread; `ingest` is \
      `Replicator.ingest` of batches of 500 new events from 50 authors into a sealed, synced \
      RocksDB event store. Scores are events per second.
      """;

  private Report() {}

  public static void main(String[] args) throws Exception {
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith(ReportSettings.PREFIX) || equals < 0) {
        throw new IllegalArgumentException("Arguments look like tend.bench.quick=true: " + arg);
      }
      System.setProperty(arg.substring(0, equals), arg.substring(equals + 1));
    }
    ReportSettings settings = ReportSettings.fromSystemProperties();
    // One home for both unlock benchmarks, so both use the parameters calibrated at its creation.
    Path unlockScratch = ScratchDirectory.create("unlock-shared");
    Path unlockHome = unlockScratch.resolve("home");
    boolean met;
    try {
      Collection<RunResult> runs = new Runner(settings.jmhOptions()
          .param("home", unlockHome.toString())
          .build()).run();
      Map<String, Score> scores = new LinkedHashMap<>();
      for (RunResult run : runs) {
        Score score = Score.of(run);
        scores.put(score.benchmark(), score);
      }
      ReportTable table = new ReportTable(COMPARISONS, scores);
      String markdown = render(settings, table, kdfOf(unlockHome));
      System.out.println();
      System.out.println(markdown);
      write(settings.out(), markdown);
      met = table.allTargetsMet();
    } finally {
      ScratchDirectory.delete(unlockScratch);
    }
    System.exit(met ? 0 : 1);
  }

  private static String render(ReportSettings settings, ReportTable table,
      Optional<Argon2Params> kdf) {
    String unlockParams = kdf.map(p -> String.format(
        "Unlock home's calibrated Argon2id: m = %d MiB, t = %d, p = %d.%n",
        p.memoryKiB() / 1024, p.iterations(), p.parallelism())).orElse("");
    return "# Tend benchmark report\n\n"
        + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " — "
        + settings.describe() + "; " + Runtime.getRuntime().availableProcessors()
        + " cores, Java " + System.getProperty("java.version") + ".\n\n"
        + table.summary() + "\n"
        + unlockParams + "\n" + BASELINES + "\n"
        + "## All scores\n\n" + table.details();
  }

  private static Optional<Argon2Params> kdfOf(Path home) {
    HomeFiles files = new HomeFiles(home);
    if (!files.exists()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Keystores.kdfOf(files));
    } catch (TendException e) {
      return Optional.empty();
    }
  }

  private static void write(Path out, String markdown) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(out, markdown, StandardCharsets.UTF_8);
    System.out.println("Report written to " + out.toAbsolutePath());
  }
}
