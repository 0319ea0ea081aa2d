package org.tend.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tend.node.api.journal.Listing;
import org.tend.protocol.proto.SignedEvent;
import org.tend.protocol.crypto.Argon2Params;

/**
 * Runs each benchmark's setup, one invocation and teardown directly (not through JMH) on tiny
 * sizes, so the build catches a broken benchmark without paying for a measurement.
 */
class BenchmarksSmokeTest {
  private static final int TINY_JOURNAL = 200;

  @Test
  void appendsWriteOneEntryOrOneBatchAndLeaveNoScratchBehind() throws Exception {
    JournalAppendBenchmark benchmark = new JournalAppendBenchmark();
    JournalAppendBenchmark.Home home = new JournalAppendBenchmark.Home();
    home.open();
    try {
      assertEquals(JournalAppendBenchmark.ENTRY_BYTES,
          benchmark.journalWrite(home).text().length());
      assertEquals(JournalAppendBenchmark.BATCH, benchmark.journalWriteAll(home).size());
    } finally {
      home.close();
    }
    assertFalse(Files.exists(home.directory));

    JournalAppendBenchmark.RawDb raw = new JournalAppendBenchmark.RawDb();
    raw.open();
    try {
      benchmark.rawPut(raw);
      benchmark.rawBatch(raw);
    } finally {
      raw.close();
    }
    assertFalse(Files.exists(raw.directory));
  }

  @Test
  void searchFindsEveryPlantedNeedleAndListShowsEveryEntry() throws Exception {
    SearchBenchmark benchmark = new SearchBenchmark();
    SearchBenchmark.Home home = new SearchBenchmark.Home();
    home.entries = TINY_JOURNAL;
    home.open();
    try {
      Listing found = benchmark.search(home);
      assertEquals(SearchBenchmark.expectedMatches(TINY_JOURNAL), found.entries().size());
      assertTrue(found.entries().get(0).text().contains(JournalText.NEEDLE));
      assertEquals(TINY_JOURNAL, benchmark.list(home).entries().size());
    } finally {
      home.close();
    }
  }

  @Test
  void rawScanReadsEverySealedBodyOfTheSameJournal() throws Exception {
    SearchBenchmark.RawStore raw = new SearchBenchmark.RawStore();
    raw.entries = TINY_JOURNAL;
    raw.open();
    try {
      long bytes = new SearchBenchmark().rawBodyScan(raw);
      // Sealed bodies are padded and carry a nonce and tag, so each is larger than its text.
      assertTrue(bytes > (long) TINY_JOURNAL * SearchBenchmark.ENTRY_BYTES, "scanned " + bytes);
    } finally {
      raw.close();
    }
    assertFalse(Files.exists(raw.directory));
  }

  @Test
  void unlockAndItsBaselineDeriveWithTheHomesParameters() throws Exception {
    UnlockBenchmark benchmark = new UnlockBenchmark();
    benchmark.home = "";
    benchmark.kdf = UnlockBenchmark.MINIMUM;
    benchmark.createHome();
    try {
      assertEquals(Argon2Params.MINIMUM, benchmark.params());
      benchmark.unlock();
      assertEquals(32, benchmark.argon2());
    } finally {
      benchmark.deleteHome();
    }
  }

  @Test
  void sharedUnlockHomeIsCreatedOnceAndKept() throws Exception {
    Path scratch = ScratchDirectory.create("smoke");
    try {
      String home = scratch.resolve("home").toString();
      UnlockBenchmark first = new UnlockBenchmark();
      first.home = home;
      first.kdf = UnlockBenchmark.MINIMUM;
      first.createHome();
      first.deleteHome();
      assertTrue(Files.exists(scratch.resolve("home").resolve("keystore")));
      UnlockBenchmark second = new UnlockBenchmark();
      second.home = home;
      second.kdf = UnlockBenchmark.MINIMUM;
      second.createHome();
      assertEquals(first.unlock(), second.unlock());
      second.deleteHome();
    } finally {
      ScratchDirectory.delete(scratch);
    }
  }

  @Test
  void everyGeneratedEventJoinsItsLogOnceAndThePoolRefusesToRunDry() throws Exception {
    IngestBenchmark benchmark = new IngestBenchmark();
    IngestBenchmark.Node node = new IngestBenchmark.Node();
    node.batches = 2;
    node.generate();
    try {
      for (int iteration = 0; iteration < 2; iteration++) {
        node.open();
        assertEquals(IngestBenchmark.BATCH, benchmark.ingest(node));
        // Ingestion is idempotent: the same batch again adds nothing.
        assertEquals(0, node.replicator.ingest(node.events.collective, node.events.batches
            .get(0)));
        assertEquals(IngestBenchmark.BATCH, benchmark.ingest(node));
        assertThrows(IllegalStateException.class, () -> benchmark.ingest(node));
        node.close();
        assertFalse(Files.exists(node.directory));
      }
    } finally {
      node.release();
    }
  }

  @Test
  void verificationBaselineChecksTheSameEventsAndWrapsAround() throws Exception {
    IngestBenchmark.Signatures signatures = new IngestBenchmark.Signatures();
    signatures.batches = 2;
    signatures.generate();
    IngestBenchmark.Node node = new IngestBenchmark.Node();
    node.batches = 2;
    node.generate();
    try {
      // Both states, as in their separate forks, make the very same events.
      SignedEvent second = node.events.batches.get(1).get(0);
      assertArrayEquals(second.getHeader().toByteArray(),
          signatures.headers[IngestBenchmark.BATCH]);
      assertArrayEquals(second.getSignature().toByteArray(),
          signatures.signatures[IngestBenchmark.BATCH]);
    } finally {
      node.release();
    }
    for (int i = 0; i < 3; i++) {
      assertEquals(IngestBenchmark.BATCH, new IngestBenchmark().verifyOnly(signatures));
    }
  }

  @Test
  void ingestPoolCoversTheLongestIterationAtTheCeilingRate() {
    int batches = IngestBenchmark.poolBatches(5);
    assertTrue((long) batches * IngestBenchmark.BATCH
        >= 5L * IngestBenchmark.CEILING_EVENTS_PER_SECOND + IngestBenchmark.BATCH);
  }

  @Test
  void bothHandshakesCompleteOnLoopback() throws Exception {
    HandshakeBenchmark benchmark = new HandshakeBenchmark();
    HandshakeBenchmark.Nodes nodes = new HandshakeBenchmark.Nodes();
    nodes.start();
    try {
      for (int i = 0; i < 3; i++) {
        assertFalse(benchmark.noiseConnect(nodes).member() == null);
      }
    } finally {
      nodes.stop();
    }
    HandshakeBenchmark.Tls tls = new HandshakeBenchmark.Tls();
    tls.start();
    try {
      for (int i = 0; i < 3; i++) {
        assertEquals(1, benchmark.tlsConnect(tls));
      }
    } finally {
      tls.stop();
    }
    assertFalse(Files.exists(tls.scratch));
  }
}
