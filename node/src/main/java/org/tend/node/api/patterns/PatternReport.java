package org.tend.node.api.patterns;

import java.time.Instant;
import java.util.List;

/**
 * Local-only insights over a window of the member's journal. Nothing here is ever shared;
 * it is computed on the member's node when asked and never stored.
 *
 * @param survivalResponses how often each survival response was noticed, most frequent first
 * @param bodySignals how often each body signal was noticed, most frequent first
 * @param needs how often each need was asked for, most frequent first
 * @param helped stabilisation practices the member marked as helping, most frequent first
 * @param weeklyEntries entries written per week, oldest week first
 */
public record PatternReport(Instant since, Instant until, int entries,
    List<Tally> survivalResponses, List<Tally> bodySignals,
    List<Tally> needs, List<Tally> helped, int repairsBegun,
    int repairsCompleted, int repairsLetGo, int repairsNotNow, List<Integer> weeklyEntries) {
  public PatternReport {
    survivalResponses = List.copyOf(survivalResponses);
    bodySignals = List.copyOf(bodySignals);
    needs = List.copyOf(needs);
    helped = List.copyOf(helped);
    weeklyEntries = List.copyOf(weeklyEntries);
  }
}
