package org.tend.node.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.home.TendException;
import org.tend.node.api.replication.EventId;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.api.transport.PeerLink;
import org.tend.node.api.transport.TransportLimits;
import org.tend.node.keystore.NodeIdentity;
import org.tend.node.replication.Replicator;
import org.tend.node.transport.Network;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.EventContent;
import org.tend.protocol.proto.Notice;
import org.tend.protocol.proto.SignedEvent;

/**
 * Many members' nodes in one JVM: real Noise handshakes, framing and event verification over
 * Netty's in-memory channels, with injected faults (see {@link LinkFaults}). A seed fixes the
 * identities, the topology, who posts, and every fault decision; the threads' interleaving is
 * the JVM's, so timings vary a little from run to run.
 *
 * <p>Each node dials {@code degree} others chosen at random, so the links form a random graph of
 * mean degree about twice that. Anti-entropy runs only when {@link #antiEntropy} is called, so
 * a test can count periods.
 */
public final class Simulation implements AutoCloseable {
  private final Config config;
  private final SeededRandomness random;
  private final List<SimNode> nodes = new ArrayList<>();
  private final Network.Threads threads;
  private final ExecutorService workers;
  private final ScheduledExecutorService timers;
  private final LinkFaults faults;
  private final NetworkKey networkKey;
  private final CollectiveId collective;
  private final Map<EventId, Trace> traces = new ConcurrentHashMap<>();
  private final TransportLimits limits;

  /** What shapes a run. */
  public record Config(int nodes, int degree, long seed, Duration graftTimeout, int threads) {
    public Config {
      if (nodes < 2) {
        throw new IllegalArgumentException("a simulation needs at least 2 nodes: " + nodes);
      }
      if (degree < 1 || degree >= nodes) {
        throw new IllegalArgumentException("degree must be 1 to nodes - 1: " + degree);
      }
    }

    public static Config of(int nodes, long seed) {
      return new Config(nodes, 8, seed, Duration.ofSeconds(2), 2);
    }

    public Config withDegree(int value) {
      return new Config(nodes, value, seed, graftTimeout, threads);
    }

    public Config withGraftTimeout(Duration value) {
      return new Config(nodes, degree, seed, value, threads);
    }
  }

  /** How one event is spreading. */
  private final class Trace {
    final int[] hops;
    final long[] nanos;
    final boolean[] repaired;
    int reached;
    int copies;
    long startNanos;
    final CompletableFuture<Void> complete = new CompletableFuture<>();

    Trace() {
      hops = new int[nodes.size()];
      nanos = new long[nodes.size()];
      repaired = new boolean[nodes.size()];
      Arrays.fill(hops, -1);
    }

    synchronized void delivered(int node, int hop, boolean viaRepair) {
      if (hops[node] >= 0) {
        return;
      }
      hops[node] = viaRepair ? Integer.MAX_VALUE : hop;
      repaired[node] = viaRepair;
      nanos[node] = System.nanoTime();
      if (++reached == nodes.size()) {
        complete.complete(null);
      }
    }

    synchronized void copied() {
      copies++;
    }
  }

  private Simulation(Config config) {
    this.config = config;
    this.random = new SeededRandomness(config.seed());
    this.threads = Network.Threads.shared(config.threads());
    this.workers = Executors.newFixedThreadPool(config.threads(), daemon("tend-sim-worker"));
    this.timers = Executors.newSingleThreadScheduledExecutor(daemon("tend-sim-timer"));
    this.faults = new LinkFaults(random.split(), timers);
    this.collective = CollectiveId.of(random.bytes(CollectiveId.LENGTH));
    this.networkKey = new NetworkKey(collective, 0, SecretBytes.copyOf(random.bytes(32)));
    // Hundreds of nodes share two threads: handshakes wait their turn, so give them longer.
    this.limits = TransportLimits.defaults().withHandshakeTimeout(Duration.ofSeconds(30));
  }

  /** Creates the nodes, starts them, and connects the topology. */
  public static Simulation start(Config config) throws TendException {
    Simulation sim = new Simulation(config);
    try {
      sim.build();
      return sim;
    } catch (TendException | RuntimeException e) {
      sim.close();
      throw e;
    }
  }

  private void build() throws TendException {
    List<NodeIdentity> identities = new ArrayList<>();
    Map<MemberKey, byte[]> agreement = new HashMap<>();
    for (int i = 0; i < config.nodes(); i++) {
      NodeIdentity id = NodeIdentity.generate(random.split());
      identities.add(id);
      agreement.put(MemberKey.of(id.signing().publicKey()), id.agreement().publicKey());
    }
    SimMembership membership = new SimMembership(collective, agreement, random.bytes(32));
    Clock clock = new SimClock(Instant.parse("2026-06-01T18:00:00Z")
        .plusSeconds(random.nextInt(86_400)));
    SimNode.Events events = new SimNode.Events() {
      @Override
      public void delivered(int node, EventId id, int hops, boolean repaired) {
        trace(id).delivered(node, hops, repaired);
      }

      @Override
      public void copies(int node, List<SignedEvent> pushed) {
        for (SignedEvent e : pushed) {
          if (!e.getContent().isEmpty()) {
            trace(Replicator.idOf(e)).copied();
          }
        }
      }
    };
    for (int i = 0; i < config.nodes(); i++) {
      SimNode node = new SimNode(i, identities.get(i), membership, networkKey, threads, workers,
          timers, faults, clock, random.split(), config.graftTimeout(), events);
      nodes.add(node);
      node.start(limits);
    }
    Set<Long> pairs = new HashSet<>();
    List<CompletableFuture<PeerLink>> links = new ArrayList<>();
    for (SimNode node : nodes) {
      links.addAll(dialRandom(node, config.degree(), pairs));
    }
    awaitAll(links);
  }

  private List<CompletableFuture<PeerLink>> dialRandom(SimNode node, int count, Set<Long> pairs) {
    List<CompletableFuture<PeerLink>> out = new ArrayList<>();
    int attempts = 0;
    while (out.size() < count && attempts++ < count * 20) {
      SimNode other = nodes.get(random.nextInt(nodes.size()));
      long pair = (long) Math.min(node.index, other.index) * nodes.size()
          + Math.max(node.index, other.index);
      if (other == node || !other.online() || !pairs.add(pair)) {
        continue;
      }
      out.add(node.connect(other, networkKey));
    }
    return out;
  }

  private static void awaitAll(List<CompletableFuture<PeerLink>> links) throws TendException {
    try {
      CompletableFuture.allOf(links.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
      throw new TendException("the simulated nodes could not all connect: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TendException("interrupted while connecting", e);
    }
  }

  private Trace trace(EventId id) {
    return traces.computeIfAbsent(id, i -> new Trace());
  }

  public int size() {
    return nodes.size();
  }

  public LinkFaults faults() {
    return faults;
  }

  public MemberKey key(int node) {
    return nodes.get(node).key;
  }

  /** A node chosen by the run's seed. */
  public int randomNode() {
    return random.nextInt(nodes.size());
  }

  /** Node {@code author} posts a notice; returns its id once stored and pushed. */
  public EventId post(int author, String text) throws TendException {
    long start = System.nanoTime();
    EventId id = nodes.get(author).replicator.publishForCollective(collective,
        EventContent.newBuilder().setNotice(Notice.newBuilder().setText(text)).build());
    Trace t = trace(id);
    t.startNanos = start;
    t.delivered(author, 0, false);
    return id;
  }

  /** Waits until every node holds {@code id}, up to {@code timeout}; whether they all do. */
  public boolean awaitComplete(EventId id, Duration timeout) {
    try {
      trace(id).complete.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Waits until every frame sent has been handled (prunes and "I have" notices included), up
   * to {@code timeout}, as a quiet moment between one event and the next would allow; whether
   * it got quiet. Frames lost to faults never arrive, so with faults this waits out the timeout.
   */
  public boolean awaitQuiet(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long stableSince = -1;
    while (System.nanoTime() < deadline) {
      long sent = nodes.stream().mapToLong(n -> n.framesSent.get()).sum();
      long received = nodes.stream().mapToLong(n -> n.framesReceived.get()).sum();
      if (sent == received) {
        if (stableSince < 0) {
          stableSince = System.nanoTime();
        } else if (System.nanoTime() - stableSince > 20_000_000L) {
          return true;
        }
      } else {
        stableSince = -1;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L);
    }
    return false;
  }

  /** One anti-entropy period on every online node. */
  public void antiEntropy() {
    for (SimNode node : nodes) {
      if (node.online()) {
        node.replicator.antiEntropy();
      }
    }
  }

  /** Node {@code index} goes offline; its logs stay. */
  public void stop(int index) {
    nodes.get(index).stop();
  }

  /** Node {@code index} comes back and dials {@code degree} online nodes. */
  public void restart(int index) throws TendException {
    SimNode node = nodes.get(index);
    node.start(limits);
    awaitAll(dialRandom(node, config.degree(), new HashSet<>()));
  }

  /** How many nodes hold {@code id} now. */
  public int reached(EventId id) {
    Trace t = trace(id);
    synchronized (t) {
      return t.reached;
    }
  }

  /** Bytes of frames sent by all nodes so far, over the node count. */
  public double bytesSentPerNode() {
    return nodes.stream().mapToLong(n -> n.bytesSent.get()).sum() / (double) nodes.size();
  }

  public EventReport report(EventId id) {
    Trace t = trace(id);
    synchronized (t) {
      int n = nodes.size();
      int[] sortedHops = t.hops.clone();
      Arrays.sort(sortedHops);
      long[] delays = new long[t.reached];
      int k = 0;
      int repaired = 0;
      for (int i = 0; i < n; i++) {
        if (t.hops[i] >= 0) {
          delays[k++] = t.nanos[i] - t.startNanos;
          repaired += t.repaired[i] ? 1 : 0;
        }
      }
      Arrays.sort(delays);
      List<Integer> byRound = new ArrayList<>();
      int held = 0;
      int maxRound = Arrays.stream(t.hops).filter(h -> h >= 0 && h < Integer.MAX_VALUE)
          .max().orElse(0);
      for (int r = 0; r <= maxRound; r++) {
        final int round = r;
        held += (int) Arrays.stream(t.hops).filter(h -> h == round).count();
        byRound.add(held);
      }
      return new EventReport(id, n, t.reached, repaired, round(sortedHops, n, 0.5),
          round(sortedHops, n, 0.99), round(sortedHops, n, 1.0), millis(delays, n, 0.5),
          millis(delays, n, 0.99), millis(delays, n, 1.0), t.copies / (double) n, byRound);
    }
  }

  /** The round by which {@code share} of the nodes held the event by push, or -1. */
  private static int round(int[] sortedHops, int n, double share) {
    int needed = (int) Math.ceil(share * n);
    int held = 0;
    for (int h : sortedHops) {
      if (h < 0) {
        continue;
      }
      if (h == Integer.MAX_VALUE) {
        return -1;
      }
      if (++held >= needed) {
        return h;
      }
    }
    return -1;
  }

  private static double millis(long[] sortedDelays, int n, double share) {
    int needed = (int) Math.ceil(share * n);
    if (sortedDelays.length < needed) {
      return Double.NaN;
    }
    return sortedDelays[needed - 1] / 1e6;
  }

  @Override
  public void close() {
    for (SimNode node : nodes) {
      node.stop();
    }
    timers.shutdownNow();
    workers.shutdownNow();
    threads.close();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Wall time moving from a seeded start: timestamps and handshakes agree across nodes. */
  private static final class SimClock extends Clock {
    private final Instant start;
    private final long startNanos = System.nanoTime();

    SimClock(Instant start) {
      this.start = start;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return start.plusNanos(System.nanoTime() - startNanos);
    }
  }
}
