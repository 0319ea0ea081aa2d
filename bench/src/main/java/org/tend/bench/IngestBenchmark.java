package org.tend.bench;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.home.TendException;
import org.tend.node.api.replication.EventLimits;
import org.tend.node.api.replication.Membership;
import org.tend.node.replication.Replicator;
import org.tend.node.replication.SealedEventStore;
import org.tend.node.simulation.SimMembership;
import org.tend.node.store.Store;
import org.tend.node.store.StoreOptions;
import org.tend.protocol.crypto.Ed25519;
import org.tend.protocol.crypto.Ed25519KeyPair;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.crypto.Sha256;
import org.tend.protocol.proto.Audience;
import org.tend.protocol.proto.CollectiveAudience;
import org.tend.protocol.proto.EventHeader;
import org.tend.protocol.proto.SignedEvent;

/**
 * Taking in other members' events as a node does from a peer's push: {@link Replicator#ingest}
 * verifies each event (form, Ed25519 signature, content hash), checks it against its author's
 * log (membership, sequence, previous hash, time, rate limit), and writes each batch sealed into
 * the node's RocksDB store in one synced write. The baseline is Ed25519 verification of the same
 * events' signatures alone, with the unprepared verifier ({@link Ed25519#verify}). Both run on
 * one thread, in batches of {@value #BATCH} events from {@value #AUTHORS} authors; scores are
 * events per second.
 *
 * <p>Events are made before the measurement as real authors' nodes would write them, each
 * author's log obeying every rule: sequence 1, 2, 3, …, each naming the hash of the header
 * before it, timestamps {@value #SPACING_MILLIS} ms apart (within the rate limit of
 * {@value EventLimits#RATE_EVENTS} a minute). Their content is {@value #CONTENT_BYTES} random
 * bytes, as ciphertext would be: ingestion stores content without opening it.
 *
 * <p>Ingestion is idempotent, so each measured batch must be new to the node: every iteration
 * starts over with an empty store and a new replicator, and takes the pool's batches in order.
 * The pool is sized for the longest iteration at {@value #CEILING_EVENTS_PER_SECOND} events a
 * second; an iteration that runs out, or that has any event refused, fails rather than report a
 * number for less work.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class IngestBenchmark {
  static final int BATCH = 500;
  static final int AUTHORS = 50;
  static final int PER_AUTHOR_PER_BATCH = BATCH / AUTHORS;
  static final int CONTENT_BYTES = 300;
  static final long SPACING_MILLIS = 1100;
  /** Far above what one core verifies; the pool covers an iteration at this rate. */
  static final int CEILING_EVENTS_PER_SECOND = 40_000;
  /** Batches the baseline cycles through: verification keeps no state, so repeats cost the same. */
  static final String VERIFY_BATCHES = "20";
  /** The same seed in every fork: both benchmarks see the same authors and events. */
  static final long SEED = 20_261_201L;
  /** The first event's time; every later one is later still. */
  static final long START_MILLIS = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();

  /**
   * A collective's signed events, {@code batches} batches of {@value #BATCH}: in each, the next
   * {@value #PER_AUTHOR_PER_BATCH} events of every author's log, authors interleaved.
   */
  static final class Events {
    final CollectiveId collective;
    final Set<MemberKey> authors;
    final List<List<SignedEvent>> batches;
    /** Later than every event, within the clock skew ingestion allows. */
    final long clockMillis;

    private Events(CollectiveId collective, Set<MemberKey> authors,
        List<List<SignedEvent>> batches, long clockMillis) {
      this.collective = collective;
      this.authors = authors;
      this.batches = batches;
      this.clockMillis = clockMillis;
    }

    static Events generate(int batches) {
      SplittableRandom seeds = new SplittableRandom(SEED);
      byte[] collectiveBytes = new byte[CollectiveId.LENGTH];
      seeds.nextBytes(collectiveBytes);
      CollectiveId collective = CollectiveId.of(collectiveBytes);
      long[] authorSeeds = seeds.longs(AUTHORS).toArray();
      int perAuthor = batches * PER_AUTHOR_PER_BATCH;
      // Signing dominates: authors' logs are independent, so they are made in parallel.
      List<AuthorLog> logs = IntStream.range(0, AUTHORS).parallel()
          .mapToObj(a -> AuthorLog.write(collective, a, authorSeeds[a], perAuthor))
          .toList();
      List<List<SignedEvent>> out = new ArrayList<>(batches);
      for (int b = 0; b < batches; b++) {
        List<SignedEvent> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < PER_AUTHOR_PER_BATCH; i++) {
          for (AuthorLog log : logs) {
            batch.add(log.events.get(b * PER_AUTHOR_PER_BATCH + i));
          }
        }
        out.add(List.copyOf(batch));
      }
      long last = logs.stream().mapToLong(l -> l.lastMillis).max().orElse(START_MILLIS);
      Set<MemberKey> authors = logs.stream().map(l -> l.author)
          .collect(Collectors.toUnmodifiableSet());
      return new Events(collective, authors, List.copyOf(out), last + 60_000);
    }

    int events() {
      return batches.size() * BATCH;
    }
  }

  /** One author's log, written as {@code EventWriter} writes it. */
  private record AuthorLog(MemberKey author, List<SignedEvent> events, long lastMillis) {
    static AuthorLog write(CollectiveId collective, int index, long seed, int count) {
      SplittableRandom random = new SplittableRandom(seed);
      ByteString collectiveBytes = ByteString.copyFrom(collective.bytes());
      Audience everyone = Audience.newBuilder()
          .setCollective(CollectiveAudience.getDefaultInstance()).build();
      try (Ed25519KeyPair key = Ed25519.generate(random::nextBytes)) {
        byte[] publicKey = key.publicKey();
        ByteString author = ByteString.copyFrom(publicKey);
        List<SignedEvent> events = new ArrayList<>(count);
        byte[] previous = null;
        // Authors start a little apart, as members do.
        long millis = START_MILLIS + index * 37L;
        for (long sequence = 1; sequence <= count; sequence++, millis += SPACING_MILLIS) {
          byte[] content = new byte[CONTENT_BYTES];
          random.nextBytes(content);
          EventHeader.Builder header = EventHeader.newBuilder()
              .setCollectiveId(collectiveBytes)
              .setAuthor(author)
              .setSequence(sequence)
              .setCreatedAtMillis(millis)
              .setEpoch(0)
              .setAudience(everyone)
              .setContentHash(ByteString.copyFrom(
                  Sha256.hash(Labels.EVENT_CONTENT_HASH, content)))
              .setContentLength(content.length);
          if (previous != null) {
            header.setPrevious(ByteString.copyFrom(Sha256.hash(Labels.EVENT_HASH, previous)));
          }
          byte[] headerBytes = header.build().toByteArray();
          events.add(SignedEvent.newBuilder()
              .setHeader(ByteString.copyFrom(headerBytes))
              .setSignature(ByteString.copyFrom(key.sign(Labels.EVENT_SIGNATURE, headerBytes)))
              .setContent(ByteString.copyFrom(content))
              .build());
          previous = headerBytes;
        }
        return new AuthorLog(MemberKey.of(publicKey), List.copyOf(events),
            millis - SPACING_MILLIS);
      }
    }
  }

  /**
   * A node's event store, sealed in its own RocksDB store with synced writes as the node opens
   * it, new and empty each iteration, with the pool of events it has not seen.
   */
  @State(Scope.Benchmark)
  public static class Node {
    /** Batches in the pool; 0 sizes it from the iteration time (see the class comment). */
    @Param("0")
    public int batches;

    Events events;
    Membership membership;
    Ed25519KeyPair signing;
    SecretBytes masterKey;
    ScheduledExecutorService timers;
    Path directory;
    Store store;
    Replicator replicator;
    int next;
    long added;

    @Setup(Level.Trial)
    public void generate(BenchmarkParams params) {
      if (batches == 0) {
        long longest = Math.max(params.getWarmup().getTime().convertTo(TimeUnit.SECONDS),
            params.getMeasurement().getTime().convertTo(TimeUnit.SECONDS));
        batches = poolBatches(longest);
      }
      generate();
    }

    void generate() {
      events = Events.generate(batches);
      Map<MemberKey, byte[]> agreement = new HashMap<>();
      events.authors.forEach(a -> agreement.put(a, new byte[32]));
      membership = new SimMembership(events.collective, agreement, new byte[32]);
      Randomness random = Randomness.secure();
      signing = Ed25519.generate(random);
      masterKey = SecretBytes.random(random, 32);
      timers = Executors.newSingleThreadScheduledExecutor();
    }

    @Setup(Level.Iteration)
    public void open() throws Exception {
      directory = ScratchDirectory.create("ingest");
      store = Store.open(directory.resolve("store"), StoreOptions.defaults(), masterKey);
      SealedEventStore logs = new SealedEventStore(store, masterKey, Randomness.secure());
      Replicator.MembershipSource source = c -> c.equals(events.collective)
          ? Optional.of(membership) : Optional.empty();
      replicator = Replicator.builder(logs, source, signing)
          .clock(Clock.fixed(Instant.ofEpochMilli(events.clockMillis), ZoneOffset.UTC))
          .executor(Runnable::run) // frames never arrive here
          .timers(timers)
          .build();
      next = 0;
      added = 0;
    }

    List<SignedEvent> nextBatch() {
      if (next == events.batches.size()) {
        throw new IllegalStateException("The pool of " + events.events() + " events ran out "
            + "within one iteration: ingestion ran faster than " + CEILING_EVENTS_PER_SECOND
            + " events/s; raise IngestBenchmark.CEILING_EVENTS_PER_SECOND or the batches param.");
      }
      return events.batches.get(next++);
    }

    /** Every event offered joined its log: a refused event would make the score a lie. */
    @TearDown(Level.Iteration)
    public void close() {
      try {
        if (store != null) {
          store.close();
        }
      } finally {
        ScratchDirectory.delete(directory);
      }
      if (added != (long) next * BATCH) {
        throw new IllegalStateException("Only " + added + " of " + (long) next * BATCH
            + " events joined their logs");
      }
    }

    @TearDown(Level.Trial)
    public void release() {
      if (timers != null) {
        timers.shutdownNow();
      }
      if (signing != null) {
        signing.close();
      }
      if (masterKey != null) {
        masterKey.close();
      }
    }
  }

  /** The pool's size for iterations of {@code seconds}, with one batch to spare. */
  static int poolBatches(long seconds) {
    return (int) Math.max(1, (seconds * CEILING_EVENTS_PER_SECOND + BATCH - 1) / BATCH + 1);
  }

  /** The first batches of the same events, as the raw bytes verification takes. */
  @State(Scope.Benchmark)
  public static class Signatures {
    @Param(VERIFY_BATCHES)
    public int batches;

    byte[][] publicKeys;
    byte[][] headers;
    byte[][] signatures;
    int next;

    @Setup(Level.Trial)
    public void generate() throws Exception {
      Events events = Events.generate(batches);
      int n = events.events();
      publicKeys = new byte[n][];
      headers = new byte[n][];
      signatures = new byte[n][];
      int i = 0;
      for (List<SignedEvent> batch : events.batches) {
        for (SignedEvent e : batch) {
          headers[i] = e.getHeader().toByteArray();
          publicKeys[i] = EventHeader.parseFrom(headers[i]).getAuthor().toByteArray();
          signatures[i] = e.getSignature().toByteArray();
          i++;
        }
      }
      next = 0;
    }
  }

  /** Verify, check against the logs and store one batch of events new to this node. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int ingest(Node node) throws TendException {
    int joined = node.replicator.ingest(node.events.collective, node.nextBatch());
    node.added += joined;
    return joined;
  }

  /** Ed25519 verification alone of one batch's signatures; the same events, over and over. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int verifyOnly(Signatures s) {
    int valid = 0;
    int from = s.next;
    for (int i = from; i < from + BATCH; i++) {
      if (Ed25519.verify(s.publicKeys[i], Labels.EVENT_SIGNATURE, s.headers[i],
          s.signatures[i])) {
        valid++;
      }
    }
    s.next = from + BATCH == s.headers.length ? 0 : from + BATCH;
    if (valid != BATCH) {
      throw new IllegalStateException((BATCH - valid) + " signatures did not verify");
    }
    return valid;
  }
}
