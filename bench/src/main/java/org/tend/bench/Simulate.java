package org.tend.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.replication.EventId;
import org.tend.node.simulation.Behaviour;
import org.tend.node.simulation.EventReport;
import org.tend.node.simulation.HostileRun;
import org.tend.node.simulation.Simulation;

/**
 * Runs the in-JVM simulator from the command line and prints what each event did:
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar org.tend.bench.Simulate --nodes 1000 --events 20
 * </pre>
 *
 * Options: see {@link #USAGE}. With {@code --hostile SHARE}, the run is the hostile scenario
 * (see {@link HostileRun}) instead, and prints the figures of the promises for honest nodes:
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar org.tend.bench.Simulate --nodes 1000 --hostile 0.05 \
 *       --behaviours all --seeds 1,2,3
 * </pre>
 */
public final class Simulate {
  private Simulate() {
  }

  static final String USAGE = """
      usage: Simulate [options]
        --nodes N            nodes in the collective (1000)
        --degree K           each node dials K others (8)
        --seed S             seed of identities, topology, authors and faults (1)
        --seeds S1,S2,...    runs once per seed, one after the other (overrides --seed)
        --warmup W           events posted first, to shape the spanning tree (3)
        --events E           events measured (20; with --hostile: E before and E after the
                             removal)
        --drop RATE          share of frames lost (0)
        --delay-ms D         delay added to every frame (0)
        --jitter-ms J        random extra delay up to J (0)
        --graft-ms G         graft timeout (2000)
        --partition          also runs a split-and-heal scenario
        --hostile SHARE      share of nodes that are hostile, in [0, 0.5) (0: none); runs the
                             hostile scenario: honest nodes post, hostile ones attack, node 0
                             removes a hostile member (rotating the keys), honest nodes post
                             again
        --behaviours LIST    what hostile nodes do: all, or a comma-separated list of
                             flood, strip, withhold, replay, fork, forge, bogus (all); node i
                             takes behaviour i, and leftovers go round the nodes again
        --flood-documents D  junk documents each flooding node sends on every link (21000)
        --flood-events F     events each flooding node posts in a burst (50)
        --no-removal         the hostile scenario without the removal (for collectives whose
                             rotation does not fit one document)
        --help               prints this
      """;

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    openFilesWarning(o.nodes, maxOpenFiles()).ifPresent(System.err::println);
    int failed = 0;
    for (long seed : o.seeds) {
      o.seed = seed;
      if (o.hostile > 0) {
        failed += hostile(o) ? 0 : 1;
      } else {
        plain(o);
      }
    }
    System.exit(failed == 0 ? 0 : 1);
  }

  /**
   * Open files each simulated node takes: its store's lock, info log, write-ahead log, manifest,
   * two handles on its directory and a few table files (8.4–8.7 thousand for 1,000 nodes).
   */
  static final int FILES_PER_NODE = 9;
  /** Open files the JVM and the run take besides the nodes' stores. */
  static final int FILES_BESIDES = 1_000;

  /**
   * A warning when {@code nodes} need more open files than the process may have: past the
   * limit RocksDB fails writes ("Too many open files"), and the run measures that instead.
   */
  static java.util.Optional<String> openFilesWarning(int nodes, long limit) {
    long need = (long) nodes * FILES_PER_NODE + FILES_BESIDES;
    if (limit < 0 || limit >= need) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(String.format(Locale.ROOT, "warning: %d nodes need about %d"
        + " open files and this process may open %d; raise the limit (ulimit -n) or run fewer"
        + " nodes, or the nodes' stores will fail to write.", nodes, need, limit));
  }

  /** The process's limit on open files, or -1 where the JVM cannot tell. */
  private static long maxOpenFiles() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.UnixOperatingSystemMXBean unix
        ? unix.getMaxFileDescriptorCount() : -1;
  }

  /** The hostile scenario: prints the figures and whether each promise held. */
  private static boolean hostile(Options o) throws Exception {
    long started = System.nanoTime();
    Simulation.Config config = Simulation.Config.of(o.nodes, o.seed).withDegree(o.degree)
        .withGraftTimeout(Duration.ofMillis(o.graftMillis)).withHostile(o.hostile, o.behaviours);
    try (Simulation sim = Simulation.start(config)) {
      System.out.printf(Locale.ROOT, "%d nodes (%d hostile: %s), each dialling %d, seed %d:"
              + " connected in %.1f s%n", o.nodes, o.nodes - sim.honestCount(),
          sim.hostileNodes(), o.degree, o.seed, (System.nanoTime() - started) / 1e9);
      sim.faults().dropRate(o.drop);
      sim.faults().delay(Duration.ofMillis(o.delayMillis), Duration.ofMillis(o.jitterMillis));
      HostileRun.Result r = HostileRun.run(sim, o.events, o.floodDocuments, o.floodEvents,
          o.removal, new HostileRun.Progress() {
            @Override
            public void step(String what) {
              System.out.printf(Locale.ROOT, "[%.0f s] %s%n",
                  (System.nanoTime() - started) / 1e9, what);
            }

            @Override
            public void event(EventReport report) {
              print(report);
            }
          });
      System.out.println(r);
      boolean[] held = {
          !o.removal
              || r.removalPeriods() >= 0 && r.removalPeriods() <= 3 && r.frozenRosters() == 0,
          r.minHeldWithinBound() >= 0.99,
          r.allHonestEventsComplete(),
          r.openedByRemoved() == 0,
          r.replays().answeredBytes() == 0 && r.replays().sent() > 0,
          r.everyBehaviourActed(o.behaviours)};
      String[] promise = {
          o.removal ? "every honest node applied the removal and held the rotated keys within 3"
              + " periods" : "(no removal: --no-removal)",
          "each honest event held by >= 99% of honest nodes within the bound",
          "every honest node holds every honest event, content included",
          "the removed member opens nothing written after its removal",
          "replayed first handshake messages got no byte back",
          "every chosen behaviour acted"};
      boolean all = true;
      for (int i = 0; i < held.length; i++) {
        System.out.printf("  %s: %s%n", held[i] ? "HELD  " : "FAILED", promise[i]);
        all &= held[i];
      }
      System.out.printf(Locale.ROOT, "seed %d: wall time %.1f s; peak heap %.0f MiB; peak"
              + " resident %s%n", o.seed, (System.nanoTime() - started) / 1e9,
          peakHeapBytes() / 1048576.0, peakResident());
      return all;
    }
  }

  /** The sum of the heap pools' peaks: an upper bound of the heap used at any one time. */
  private static long peakHeapBytes() {
    return java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  /** The process's peak resident set, where the system tells it (Linux). */
  private static String peakResident() {
    try {
      return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))
          .stream().filter(l -> l.startsWith("VmHWM:")).map(l -> l.substring(6).strip())
          .findFirst().orElse("unknown");
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static void plain(Options o) throws Exception {
    long started = System.nanoTime();
    Simulation.Config config = Simulation.Config.of(o.nodes, o.seed).withDegree(o.degree)
        .withGraftTimeout(Duration.ofMillis(o.graftMillis));
    try (Simulation sim = Simulation.start(config)) {
      System.out.printf(Locale.ROOT, "%d nodes, each dialling %d, seed %d: connected in %.1f s%n",
          o.nodes, o.degree, o.seed, (System.nanoTime() - started) / 1e9);
      sim.faults().dropRate(o.drop);
      sim.faults().delay(Duration.ofMillis(o.delayMillis), Duration.ofMillis(o.jitterMillis));
      int bound = (int) Math.ceil(Math.log(o.nodes) / Math.log(2)) + 2;
      System.out.println("warm-up (the first events shape the spanning tree):");
      for (int i = 0; i < o.warmup; i++) {
        print(run(sim, "warm-up " + i));
      }
      System.out.printf("measured (bound: %d rounds = ceil(log2 N) + 2):%n", bound);
      List<EventReport> reports = new ArrayList<>();
      double bytesBefore = sim.bytesSentPerNode();
      for (int i = 0; i < o.events; i++) {
        EventReport r = run(sim, "notice " + i);
        reports.add(r);
        print(r);
      }
      double bytes = (sim.bytesSentPerNode() - bytesBefore) / Math.max(1, o.events);
      summarise(reports, bound, bytes);
      if (o.partition) {
        partition(sim);
      }
    }
  }

  private static EventReport run(Simulation sim, String text) throws Exception {
    EventId id = sim.post(sim.randomNode(), text);
    for (int period = 0; !sim.awaitComplete(id, Duration.ofSeconds(5)) && period < 20;
        period++) {
      sim.antiEntropy(); // faults lost some pushes: repair
    }
    sim.awaitQuiet(Duration.ofSeconds(2)); // members do not post in the same millisecond
    return sim.report(id);
  }

  private static void summarise(List<EventReport> reports, int bound, double bytes) {
    long within = reports.stream().filter(r -> r.rounds99() >= 0 && r.rounds99() <= bound)
        .count();
    double share = reports.stream().mapToDouble(r -> r.heldWithin(bound) / (double) r.nodes())
        .average().orElse(0);
    System.out.printf(Locale.ROOT, "summary: %.2f%% of nodes held a new event within %d rounds"
        + " (over all events);%n", 100 * share, bound);
    System.out.printf(Locale.ROOT, "summary: %d of %d events reached 99%% within %d rounds;"
            + " all complete: %s; mean copies per node %.3f; mean 99%% time %.1f ms;"
            + " bytes sent per node per event %.0f%n", within, reports.size(), bound,
        reports.stream().allMatch(EventReport::complete),
        reports.stream().mapToDouble(EventReport::copiesPerNode).average().orElse(0),
        reports.stream().mapToDouble(EventReport::millis99).average().orElse(0), bytes);
  }

  private static void partition(Simulation sim) throws Exception {
    int n = sim.size();
    Set<MemberKey> half = new HashSet<>();
    for (int i = 0; i < n / 2; i++) {
      half.add(sim.key(i));
    }
    sim.faults().partition(half);
    EventId left = sim.post(0, "posted on one side");
    EventId right = sim.post(n - 1, "posted on the other side");
    sim.awaitComplete(left, Duration.ofSeconds(3));
    System.out.printf("partitioned in two halves: %d and %d nodes hold the two events%n",
        sim.reached(left), sim.reached(right));
    sim.faults().heal();
    int periods = 0;
    while (!(sim.awaitComplete(left, Duration.ofSeconds(2))
        && sim.awaitComplete(right, Duration.ofSeconds(2))) && periods < 20) {
      sim.antiEntropy();
      periods++;
    }
    System.out.printf("healed: every node holds both after %d anti-entropy period%s: %s%n",
        periods, periods == 1 ? "" : "s", sim.report(left).complete()
            && sim.report(right).complete());
  }

  private static void print(EventReport r) {
    System.out.printf(Locale.ROOT, "  %s reached %d/%d (repaired %d)  rounds 50/99/100%%: %d/%d/%d"
            + "  ms 50/99/100%%: %.0f/%.0f/%.0f  copies/node %.3f%n", r.id(), r.reached(),
        r.nodes(), r.repaired(), r.rounds50(), r.rounds99(), r.rounds100(), r.millis50(),
        r.millis99(), r.millis100(), r.copiesPerNode());
  }

  private static final class Options {
    int nodes = 1000;
    int degree = 8;
    long seed = 1;
    int warmup = 3;
    int events = 20;
    double drop;
    long delayMillis;
    long jitterMillis;
    long graftMillis = 2000;
    boolean partition;
    List<Long> seeds;
    double hostile;
    Set<Behaviour> behaviours = java.util.EnumSet.allOf(Behaviour.class);
    int floodDocuments = 21_000;
    int floodEvents = 50;
    boolean removal = true;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--partition")) {
          o.partition = true;
          continue;
        }
        if (a.equals("--no-removal")) {
          o.removal = false;
          continue;
        }
        if (a.equals("--help") || i + 1 >= args.length) {
          (a.equals("--help") ? System.out : System.err).print(USAGE);
          System.exit(a.equals("--help") ? 0 : 2);
        }
        String v = args[++i];
        switch (a) {
          case "--nodes" -> o.nodes = Integer.parseInt(v);
          case "--degree" -> o.degree = Integer.parseInt(v);
          case "--seed" -> o.seed = Long.parseLong(v);
          case "--warmup" -> o.warmup = Integer.parseInt(v);
          case "--events" -> o.events = Integer.parseInt(v);
          case "--drop" -> o.drop = Double.parseDouble(v);
          case "--delay-ms" -> o.delayMillis = Long.parseLong(v);
          case "--jitter-ms" -> o.jitterMillis = Long.parseLong(v);
          case "--graft-ms" -> o.graftMillis = Long.parseLong(v);
          case "--seeds" -> o.seeds = java.util.Arrays.stream(v.split(","))
              .map(s -> Long.parseLong(s.strip())).toList();
          case "--hostile" -> o.hostile = Double.parseDouble(v);
          case "--behaviours" -> o.behaviours = v.strip().equalsIgnoreCase("all")
              ? java.util.EnumSet.allOf(Behaviour.class)
              : java.util.EnumSet.copyOf(java.util.Arrays.stream(v.split(","))
                  .map(Behaviour::parse).toList());
          case "--flood-documents" -> o.floodDocuments = Integer.parseInt(v);
          case "--flood-events" -> o.floodEvents = Integer.parseInt(v);
          default -> {
            System.err.println("unknown option " + a + " (try --help)");
            System.exit(2);
          }
        }
      }
      if (o.seeds == null) {
        o.seeds = List.of(o.seed);
      }
      return o;
    }
  }
}
