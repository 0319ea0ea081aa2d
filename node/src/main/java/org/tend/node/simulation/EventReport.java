package org.tend.node.simulation;

import org.tend.node.api.replication.EventId;

/**
 * How one event spread through a simulated collective. Rounds count links of eager push from
 * the author (the author itself is round 0); an event a node got by repair (an answer to a
 * request or an anti-entropy vector) counts as reached but not within any round.
 *
 * @param nodes nodes in the collective, the author included
 * @param reached nodes holding the event
 * @param repaired nodes that got it by repair rather than push
 * @param rounds50 the round by which half the nodes held it (-1: never by push alone)
 * @param copiesPerNode copies of the event received per node, duplicates included
 * @param heldByRound how many nodes held it by push within each number of rounds (index 0: the
 *     author)
 */
public record EventReport(EventId id, int nodes, int reached, int repaired, int rounds50,
    int rounds99, int rounds100, double millis50, double millis99, double millis100,
    double copiesPerNode, java.util.List<Integer> heldByRound) {

  public EventReport {
    heldByRound = java.util.List.copyOf(heldByRound);
  }

  /** How many nodes held it by push within {@code rounds} rounds. */
  public int heldWithin(int rounds) {
    return heldByRound.isEmpty() ? 0
        : heldByRound.get(Math.min(rounds, heldByRound.size() - 1));
  }

  /** Whether every node holds the event. */
  public boolean complete() {
    return reached == nodes;
  }
}
