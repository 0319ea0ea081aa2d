package org.tend.node.patterns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tend.node.api.home.TendException;
import org.tend.node.api.journal.Entry;
import org.tend.node.api.journal.EntryDetails;
import org.tend.node.api.journal.Journal;
import org.tend.node.api.patterns.PatternReport;
import org.tend.node.api.patterns.Patterns;
import org.tend.node.api.patterns.Tally;
import org.tend.node.api.repair.Repair;
import org.tend.node.api.repair.RepairStatus;
import org.tend.node.api.repair.Repairs;

/** Counts what the member's own entries and repairs show, in memory, on request. */
final class JournalPatterns implements Patterns {
  private static final Duration WEEK = Duration.ofDays(7);

  private final Journal journal;
  private final Repairs repairs;
  private final Clock clock;

  JournalPatterns(Journal journal, Repairs repairs, Clock clock) {
    this.journal = journal;
    this.repairs = repairs;
    this.clock = clock;
  }

  @Override
  public PatternReport since(Instant since) throws TendException {
    Instant until = clock.instant();
    List<Entry> entries = journal.list(Optional.empty(), Optional.of(since)).entries();
    Map<String, Integer> responses = new LinkedHashMap<>();
    Map<String, Integer> signals = new LinkedHashMap<>();
    Map<String, Integer> needs = new LinkedHashMap<>();
    Map<String, Integer> helped = new LinkedHashMap<>();
    int weeks = (int) Math.max(1, (Duration.between(since, until).toDays() + 6) / 7);
    int[] weekly = new int[weeks];
    for (Entry entry : entries) {
      long age = Duration.between(entry.createdAt(), until).toMillis();
      int week = weeks - 1 - (int) Math.min(weeks - 1, Math.max(0, age / WEEK.toMillis()));
      weekly[week]++;
      entry.details().ifPresent(details -> {
        if (details instanceof EntryDetails.Notice n) {
          n.response().ifPresent(r -> responses.merge(r.label(), 1, Integer::sum));
          n.bodySignals().forEach(s -> signals.merge(s.strip().toLowerCase(), 1, Integer::sum));
        } else if (details instanceof EntryDetails.Needs n) {
          n.needs().forEach(need -> needs.merge(need.label(), 1, Integer::sum));
        } else if (details instanceof EntryDetails.Stabilisation s) {
          s.helped().forEach(h -> helped.merge(h.strip().toLowerCase(), 1, Integer::sum));
        }
      });
    }
    int begun = 0;
    int repaired = 0;
    int letGo = 0;
    int notNow = 0;
    for (Repair repair : repairs.list()) {
      if (repair.begunAt().isBefore(since)) {
        continue;
      }
      begun++;
      repaired += repair.status() == RepairStatus.REPAIRED ? 1 : 0;
      letGo += repair.status() == RepairStatus.LET_GO ? 1 : 0;
      notNow += repair.status() == RepairStatus.NOT_NOW ? 1 : 0;
    }
    List<Integer> weeklyList = new ArrayList<>();
    for (int count : weekly) {
      weeklyList.add(count);
    }
    return new PatternReport(since, until, entries.size(), ranked(responses), ranked(signals),
        ranked(needs), ranked(helped), begun, repaired, letGo, notNow, weeklyList);
  }

  private static List<Tally> ranked(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .map(e -> new Tally(e.getKey(), e.getValue()))
        .sorted(Comparator.comparingInt(Tally::count).reversed().thenComparing(Tally::label))
        .toList();
  }
}
