package org.tend.node.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
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
  private NetworkKey networkKey;
  private CollectiveId collective;
  private final java.nio.file.Path stores;
  private boolean[] hostile;
  private int honestCount;
  private Clock clock;
  /** The key epoch each traced event was written in, by its author's roster. */
  private final Map<EventId, Integer> epochs = new ConcurrentHashMap<>();
  private final Map<EventId, Trace> traces = new ConcurrentHashMap<>();
  /** Where each posted event sits: its author's node and its place in the log. */
  private final Map<EventId, long[]> positions = new ConcurrentHashMap<>();
  private final TransportLimits limits;

  /** What shapes a run. */
  public record Config(int nodes, int degree, long seed, Duration graftTimeout, int threads,
      double hostileShare, Set<Behaviour> behaviours) {
    public Config {
      if (hostileShare < 0 || hostileShare >= 0.5) {
        throw new IllegalArgumentException("the hostile share must be in [0, 0.5): "
            + hostileShare);
      }
      behaviours = behaviours.isEmpty() ? Set.of() : java.util.EnumSet.copyOf(behaviours);
      if (nodes < 2) {
        throw new IllegalArgumentException("a simulation needs at least 2 nodes: " + nodes);
      }
      if (degree < 1 || degree >= nodes) {
        throw new IllegalArgumentException("degree must be 1 to nodes - 1: " + degree);
      }
    }

    public static Config of(int nodes, long seed) {
      return new Config(nodes, 8, seed, Duration.ofSeconds(2), 2, 0, Set.of());
    }

    public Config withDegree(int value) {
      return new Config(nodes, value, seed, graftTimeout, threads, hostileShare, behaviours);
    }

    public Config withGraftTimeout(Duration value) {
      return new Config(nodes, degree, seed, value, threads, hostileShare, behaviours);
    }

    /**
     * {@code share} of the nodes (at least one per behaviour) are hostile, chosen by the seed;
     * behaviour i goes to hostile node i modulo their number, so every behaviour is present.
     */
    public Config withHostile(double share, Set<Behaviour> chosen) {
      return new Config(nodes, degree, seed, graftTimeout, threads, share, chosen);
    }

    int hostileCount() {
      if (hostileShare == 0 || behaviours.isEmpty()) {
        return 0;
      }
      return Math.min(nodes - 2, Math.max(1, (int) Math.round(hostileShare * nodes)));
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
      if (!hostile[node] && ++reached == honestCount) {
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
    try {
      this.stores = java.nio.file.Files.createTempDirectory("tend-sim-");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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
    int n = config.nodes();
    hostile = new boolean[n];
    List<Integer> order = new ArrayList<>();
    for (int i = 1; i < n; i++) { // node 0 founds the collective and stays honest
      order.add(i);
    }
    for (int i = order.size() - 1; i > 0; i--) {
      java.util.Collections.swap(order, i, random.nextInt(i + 1));
    }
    int hostileCount = config.hostileCount();
    Map<Integer, Set<Behaviour>> assigned = assign(order.subList(0, hostileCount),
        List.copyOf(config.behaviours()));
    for (int i = 0; i < hostileCount; i++) {
      hostile[order.get(i)] = true;
    }
    honestCount = n - hostileCount;
    clock = new SimClock(Instant.parse("2026-06-01T18:00:00Z")
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
    for (int i = 0; i < n; i++) {
      NodeIdentity id = NodeIdentity.generate(random.split());
      MemberKey key = MemberKey.of(id.signing().publicKey());
      Hostility h = hostile[i] ? Hostility.of(assigned.get(i), key) : Hostility.none();
      nodes.add(new SimNode(i, id, stores.resolve("node-" + i), threads, workers, timers, faults,
          clock, random.split(), config.graftTimeout(), events, h));
    }
    enrol();
    for (SimNode node : nodes) {
      node.logDocuments();
      node.start(limits);
    }
    Set<Long> pairs = new HashSet<>();
    List<CompletableFuture<PeerLink>> links = new ArrayList<>();
    for (SimNode node : nodes) {
      links.addAll(dialRandom(node, config.degree(), pairs));
    }
    awaitAll(links);
  }

  /**
   * Hostile node i takes behaviour i (in the enum's order), round the behaviours again if there
   * are more nodes; behaviours left over when there are fewer nodes go to node j modulo their
   * number. So every chosen behaviour is present, each hostile node has at least one, and with
   * five nodes and all seven the pairs are flood and forge, strip and bogus addresses (withholding,
   * which would hide stripping, stays alone).
   */
  static Map<Integer, Set<Behaviour>> assign(List<Integer> hostileNodes,
      List<Behaviour> behaviours) {
    Map<Integer, Set<Behaviour>> out = new java.util.TreeMap<>();
    if (hostileNodes.isEmpty() || behaviours.isEmpty()) {
      return out;
    }
    for (int i = 0; i < hostileNodes.size(); i++) {
      out.put(hostileNodes.get(i), java.util.EnumSet.of(behaviours.get(i % behaviours.size())));
    }
    for (int j = hostileNodes.size(); j < behaviours.size(); j++) {
      out.get(hostileNodes.get(j % hostileNodes.size())).add(behaviours.get(j));
    }
    return out;
  }

  /**
   * Node 0 founds the collective (one facilitator signature removes a member) and admits
   * everyone; a node that forges resolutions is made a facilitator first, so its forgery
   * carries a facilitator's signature. Then every node takes in the whole history, as a joiner
   * does.
   */
  private void enrol() throws TendException {
    SimNode founder = nodes.get(0);
    collective = founder.collectives.create("simulated", "member 0",
        new org.tend.node.api.collective.Rules(
            org.tend.node.api.collective.InviteRule.FACILITATORS_ONLY, 1)).id();
    for (int i = 1; i < nodes.size(); i++) {
      org.tend.node.collective.DirectEnrolment.admit(founder.collectives,
          nodes.get(i).collectives, collective, "member " + i);
    }
    for (SimNode node : nodes) {
      if (node.hostility.does(Behaviour.FORGE)) {
        founder.collectives.grantFacilitator(collective, node.key);
      }
    }
    List<org.tend.protocol.proto.SignedDocument> history =
        founder.collectives.ownDocuments(collective);
    for (int i = 1; i < nodes.size(); i++) {
      org.tend.node.collective.DirectEnrolment.adopt(nodes.get(i).collectives, collective,
          history);
    }
    networkKey = founder.collectives.currentNetworkKey(collective).orElseThrow();
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
    SimNode node = nodes.get(author);
    int epoch = node.membership(collective).map(m -> m.epoch()).orElse(-1);
    EventId id = node.replicator.publishForCollective(collective,
        EventContent.newBuilder().setNotice(Notice.newBuilder().setText(text)).build());
    epochs.put(id, epoch);
    positions.put(id, new long[] {author,
        node.events.heads(collective).get(node.key).getSequence()});
    Trace t = trace(id);
    t.startNanos = start;
    t.delivered(author, 0, false);
    return id;
  }

  public boolean hostile(int node) {
    return hostile[node];
  }

  /** Nodes that are not hostile: those the promises are for. */
  public int honestCount() {
    return honestCount;
  }

  /** A node chosen by the run's seed among the honest ones. */
  public int randomHonestNode() {
    int i;
    do {
      i = random.nextInt(nodes.size());
    } while (hostile[i]);
    return i;
  }

  /** The hostile nodes, each with how often each of its behaviours acted so far. */
  public Map<Integer, Map<Behaviour, Long>> hostileActs() {
    Map<Integer, Map<Behaviour, Long>> out = new java.util.TreeMap<>();
    for (SimNode node : nodes) {
      if (node.hostility.hostile()) {
        out.put(node.index, node.hostility.acts());
      }
    }
    return out;
  }

  /** First handshake messages replayed, and the bytes any node sent back to them. */
  public record Replays(long sent, long answeredBytes) {
  }

  /** The hostile nodes, each with what it does. */
  public Map<Integer, Set<Behaviour>> hostileNodes() {
    Map<Integer, Set<Behaviour>> out = new java.util.TreeMap<>();
    for (SimNode node : nodes) {
      if (node.hostility.hostile()) {
        out.put(node.index, node.hostility.behaviours());
      }
    }
    return out;
  }

  /**
   * Every hostile node attacks once: forks first (they need an empty log), then floods of
   * {@code floodDocuments} junk documents and {@code floodEvents} events, forged resolutions
   * against an honest member's log, bogus addresses, and replays of the first handshake
   * messages it received to eight honest nodes each. Returns what the replays got back.
   */
  public Replays attack(int floodDocuments, int floodEvents) throws TendException {
    List<org.tend.protocol.proto.SignedDocument> junk = List.of();
    for (SimNode node : nodes) {
      if (node.hostility.does(Behaviour.FORK)) {
        HostileActs.fork(node, collective, clock, random.split(), timers);
      }
    }
    for (SimNode node : nodes) {
      Hostility h = node.hostility;
      if (h.does(Behaviour.FLOOD)) {
        if (junk.isEmpty()) {
          junk = HostileActs.junk(collective, floodDocuments, random.split(), clock.millis());
        }
        HostileActs.flood(node, collective, junk, floodEvents);
      }
      if (h.does(Behaviour.FORGE)) {
        HostileActs.forge(node, collective, nodes.get(randomHonestNode()).key);
      }
      if (h.does(Behaviour.BOGUS)) {
        HostileActs.bogus(node, collective);
      }
    }
    long sent = 0;
    long answered = 0;
    for (SimNode node : nodes) {
      if (node.hostility.does(Behaviour.REPLAY)) {
        List<SimNode> targets = new ArrayList<>();
        for (int i = 0; i < Math.min(8, honestCount); i++) {
          targets.add(nodes.get(randomHonestNode()));
        }
        long[] r = HostileActs.replay(node, targets, Duration.ofSeconds(2));
        sent += r[0];
        answered += r[1];
      }
    }
    return new Replays(sent, answered);
  }

  /** Node 0, a facilitator, removes {@code member}; returns the epoch the rotation starts. */
  public int remove(int member) throws TendException {
    SimNode founder = nodes.get(0);
    int epoch = founder.membership(collective).orElseThrow().epoch();
    founder.collectives.remove(collective, nodes.get(member).key, "the simulated removal");
    return epoch + 1;
  }

  /**
   * Whether {@code node}'s roster has applied the removal of {@code removed} and it holds the
   * keys of {@code epoch}, the rotation's.
   */
  public boolean appliedRemoval(int node, int removed, int epoch) {
    return nodes.get(node).membership(collective).map(m -> !m.isActive(nodes.get(removed).key)
        && m.epoch() >= epoch && m.contentKey(epoch).isPresent()).orElse(false);
  }

  /** The key epoch of {@code node}'s roster now. */
  public int epochOf(int node) {
    return nodes.get(node).membership(collective).map(m -> m.epoch()).orElse(-1);
  }

  /**
   * How many of {@code events} node {@code reader} holds and holds the key of the epoch they
   * were written in: what it could open.
   */
  public int opened(int reader, List<EventId> events) {
    var membership = nodes.get(reader).membership(collective);
    int opened = 0;
    for (EventId id : events) {
      Trace t = trace(id);
      boolean held;
      synchronized (t) {
        held = t.hops[reader] >= 0;
      }
      int epoch = epochs.getOrDefault(id, -1);
      if (held && epoch >= 0 && membership.isPresent()
          && membership.get().contentKey(epoch).isPresent()) {
        opened++;
      }
    }
    return opened;
  }

  /** The key epoch {@code id} was written in. */
  public int epochOf(EventId id) {
    return epochs.getOrDefault(id, -1);
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

  /**
   * Waits until no node has sent or handled a replication frame for {@code still}, up to
   * {@code timeout}; whether that happened. With {@code still} longer than the graft timeout,
   * every push, graft and answer under way has run its course: what has not arrived by then
   * needs anti-entropy. Unlike {@link #awaitQuiet}, frames that never arrive (withheld, or on
   * a link that closed) do not keep it waiting.
   */
  public boolean awaitSettled(Duration still, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long last = -1;
    long since = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long now = nodes.stream().mapToLong(n -> n.framesSent.get() + n.framesReceived.get()).sum();
      if (now != last) {
        last = now;
        since = System.nanoTime();
      } else if (System.nanoTime() - since >= still.toNanos()) {
        return true;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
    }
    return false;
  }

  /** The graft timeout of every node. */
  public Duration graftTimeout() {
    return config.graftTimeout();
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

  /**
   * How many honest nodes hold the posted event {@code id} with its content, as its author
   * wrote it (a stripped copy, which counts as arrived, does not count here).
   */
  public int heldWhole(EventId id) {
    long[] at = positions.get(id);
    if (at == null) {
      return 0;
    }
    MemberKey author = nodes.get((int) at[0]).key;
    int whole = 0;
    for (SimNode node : nodes) {
      if (!hostile[node.index] && node.events.event(collective, author, at[1])
          .filter(e -> !e.getContent().isEmpty() && Replicator.idOf(e).equals(id)).isPresent()) {
        whole++;
      }
    }
    return whole;
  }

  /** Waits until every honest node holds {@code id} whole, up to {@code timeout}. */
  public boolean awaitWhole(EventId id, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (heldWhole(id) < honestCount) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
    }
    return true;
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
      int n = honestCount;
      int[] honestHops = new int[n];
      long[] delays = new long[t.reached];
      int k = 0;
      int h = 0;
      int repaired = 0;
      for (int i = 0; i < nodes.size(); i++) {
        if (hostile[i]) {
          continue;
        }
        honestHops[h++] = t.hops[i];
        if (t.hops[i] >= 0) {
          delays[k++] = t.nanos[i] - t.startNanos;
          repaired += t.repaired[i] ? 1 : 0;
        }
      }
      int[] sortedHops = honestHops.clone();
      Arrays.sort(sortedHops);
      Arrays.sort(delays);
      List<Integer> byRound = new ArrayList<>();
      int held = 0;
      int maxRound = Arrays.stream(honestHops).filter(x -> x >= 0 && x < Integer.MAX_VALUE)
          .max().orElse(0);
      for (int r = 0; r <= maxRound; r++) {
        final int round = r;
        held += (int) Arrays.stream(honestHops).filter(x -> x == round).count();
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
    for (SimNode node : nodes) {
      node.close();
    }
    deleteStores();
  }

  private void deleteStores() {
    try (var paths = java.nio.file.Files.walk(stores)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // a temporary directory: the system cleans it eventually
    }
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
