package org.tend.node.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.tend.node.api.home.TendException;
import org.tend.node.api.replication.EventId;

/**
 * The scenario for the promises with hostile members present: honest nodes post, the hostile
 * ones attack, a facilitator removes a hostile member (rotating the keys), and honest nodes
 * post again. Measured over the honest nodes only.
 */
public final class HostileRun {
  /** Anti-entropy periods a run waits at most before it counts something as never done. */
  private static final int MAX_PERIODS = 5;

  private HostileRun() {
  }

  /**
   * @param heldWithinBound share of honest nodes holding each honest event within
   *     ceil(log2 N) + 2 rounds, by push, over all honest events
   * @param allHonestEventsComplete every honest node ended up holding every honest event
   * @param removalPeriods anti-entropy periods until every honest node applied the removal and
   *     held the rotated keys (-1: not within {@value #MAX_PERIODS})
   * @param openedByRemoved events written after the removal that the removed member can open
   * @param frozenRosters honest nodes whose roster never reached the rotation's epoch
   * @param minHeldWithinBound the lowest share, over the honest events, of honest nodes holding
   *     one within the bound by push
   * @param removed the hostile node removed
   * @param replays first handshake messages replayed to honest nodes, and bytes they answered
   * @param acts each hostile node with how often each of its behaviours acted
   */
  public record Result(int honest, int bound, double heldWithinBound,
      boolean allHonestEventsComplete, int maxEventPeriods, int removalPeriods,
      int openedByRemoved, int frozenRosters, List<EventReport> reports,
      double minHeldWithinBound, int removed, Simulation.Replays replays,
      Map<Integer, Map<Behaviour, Long>> acts) {
    /** Whether every behaviour in {@code chosen} was carried out at least once. */
    public boolean everyBehaviourActed(java.util.Set<Behaviour> chosen) {
      return chosen.stream().allMatch(b -> acts.values().stream()
          .anyMatch(m -> m.getOrDefault(b, 0L) > 0));
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "honest nodes %d: %.2f%% held each honest event within"
              + " %d rounds (mean over events; lowest %.2f%%); all complete: %s (at most %d"
              + " anti-entropy periods); removal and rotation applied by every honest node"
              + " after %d period(s); post-removal events the removed member (node %d) opens:"
              + " %d; frozen rosters: %d; replayed first messages: %d, bytes answered: %d;"
              + " hostile nodes and their acts: %s", honest,
          100 * heldWithinBound, bound, 100 * minHeldWithinBound, allHonestEventsComplete,
          maxEventPeriods, removalPeriods, removed, openedByRemoved, frozenRosters,
          replays.sent(), replays.answeredBytes(), acts);
    }
  }

  /** What a run tells as it goes, so a long run cut short still shows how far it got. */
  public interface Progress {
    /** A step began or ended. */
    void step(String what);

    /** One measured event spread as far as it would. */
    void event(EventReport report);

    Progress SILENT = new Progress() {
      @Override
      public void step(String what) {
      }

      @Override
      public void event(EventReport report) {
      }
    };
  }

  public static Result run(Simulation sim, int events, int floodDocuments, int floodEvents)
      throws TendException {
    return run(sim, events, floodDocuments, floodEvents, true, Progress.SILENT);
  }

  /**
   * As above; without {@code removal}, no one is removed (removal figures are then -1 and 0),
   * for collectives too big for one rotation document where that is not supported.
   */
  public static Result run(Simulation sim, int events, int floodDocuments, int floodEvents,
      boolean removal, Progress progress) throws TendException {
    int n = sim.size();
    int bound = (int) Math.ceil(Math.log(n) / Math.log(2)) + 2;
    int[] maxPeriods = {0};
    List<EventReport> reports = new ArrayList<>();
    boolean complete = true;
    for (int i = 0; i < 3; i++) { // the first events shape the spanning tree
      spread(sim, sim.post(sim.randomHonestNode(), "warm-up " + i), maxPeriods);
    }
    progress.step("warm-up done; the hostile nodes attack");
    Simulation.Replays replays = sim.attack(floodDocuments, floodEvents);
    settle(sim);
    progress.step("attack settled; honest nodes post " + events + " events");
    for (int i = 0; i < events; i++) {
      EventId id = sim.post(sim.randomHonestNode(), "before " + i);
      complete &= spread(sim, id, maxPeriods);
      reports.add(sim.report(id));
      progress.event(reports.get(reports.size() - 1));
    }
    int removed = sim.hostileNodes().keySet().stream().findFirst()
        .orElseGet(() -> sim.randomHonestNode() == 0 ? 1 : sim.randomHonestNode());
    progress.step(removal ? "node 0 removes node " + removed : "no removal");
    int epoch = removal ? sim.remove(removed) : sim.epochOf(0);
    int periods = removal ? 0 : -1;
    while (removal && !appliedEverywhere(sim, removed, epoch)) {
      if (periods == MAX_PERIODS) {
        periods = -1;
        break;
      }
      sim.antiEntropy();
      periods++;
    }
    progress.step(removal ? "removal and rotation applied by every honest node after "
        + periods + " period(s) (-1: not within " + MAX_PERIODS + ")" : "posting again");
    List<EventId> after = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      int author = sim.randomHonestNode();
      EventId id = sim.post(author, "after " + i);
      after.add(id);
      complete &= spread(sim, id, maxPeriods);
      reports.add(sim.report(id));
      progress.event(reports.get(reports.size() - 1));
    }
    int frozen = 0;
    for (int i = 0; i < n; i++) {
      if (!sim.hostile(i) && sim.epochOf(i) < epoch) {
        frozen++;
      }
    }
    double within = reports.stream().mapToDouble(r -> r.heldWithin(bound) / (double) r.nodes())
        .average().orElse(0);
    double lowest = reports.stream().mapToDouble(r -> r.heldWithin(bound) / (double) r.nodes())
        .min().orElse(0);
    return new Result(sim.honestCount(), bound, within, complete, maxPeriods[0], periods,
        removal ? sim.opened(removed, after) : 0, frozen, reports, lowest, removal ? removed : -1,
        replays, sim.hostileActs());
  }

  /**
   * Whether every honest node applied the removal, once what pushes and grafts were under way
   * settled: an anti-entropy period is due only then (a period is minutes long in a running
   * node, far beyond the graft timeout), however slowly a loaded machine runs the simulation.
   */
  private static boolean appliedEverywhere(Simulation sim, int removed, int epoch) {
    if (awaitApplied(sim, removed, epoch, Duration.ofSeconds(1))) {
      return true;
    }
    settle(sim);
    return awaitApplied(sim, removed, epoch, Duration.ofMillis(1));
  }

  private static boolean awaitApplied(Simulation sim, int removed, int epoch, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean all = true;
      for (int i = 0; i < sim.size() && all; i++) {
        all = sim.hostile(i) || sim.appliedRemoval(i, removed, epoch);
      }
      if (all) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
    }
  }

  /** Waits until no frame moved for longer than the graft timeout (at most two minutes). */
  private static void settle(Simulation sim) {
    sim.awaitSettled(sim.graftTimeout().plusMillis(500), Duration.ofMinutes(2));
  }

  /**
   * Waits for every honest node to hold {@code id} with its content, by push and graft first;
   * an anti-entropy period repairs only once those have settled (see {@link
   * #appliedEverywhere}).
   */
  private static boolean spread(Simulation sim, EventId id, int[] maxPeriods) {
    int periods = 0;
    while (!held(sim, id)) {
      if (periods == MAX_PERIODS) {
        return false;
      }
      sim.antiEntropy();
      periods++;
    }
    maxPeriods[0] = Math.max(maxPeriods[0], periods);
    sim.awaitSettled(Duration.ofMillis(200), Duration.ofSeconds(5)); // the prunes settle
    return true;
  }

  private static boolean held(Simulation sim, EventId id) {
    if (sim.awaitComplete(id, Duration.ofSeconds(1)) && sim.awaitWhole(id, Duration.ofSeconds(1))) {
      return true;
    }
    settle(sim);
    return sim.awaitComplete(id, Duration.ofMillis(1))
        && sim.awaitWhole(id, Duration.ofMillis(1));
  }
}
