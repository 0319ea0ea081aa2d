package org.tend.node.replication;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.transport.PeerLink;
import org.tend.protocol.proto.EventRequest;
import org.tend.protocol.proto.Frame;
import org.tend.protocol.proto.HaveNotice;
import org.tend.protocol.proto.LogPosition;

/**
 * Plumtree's lazy path: an "I have" for an event this node lacks starts the graft timeout; if
 * the event has not come by push when it passes, the announcer closest to the author is asked
 * for it and its link grafted into the tree; if that fails too, the next. Not thread-safe: runs
 * under the replicator's lock ({@code serialized} runs timer work there).
 */
final class LazyRepair {
  /** An event announced by "I have" and not yet received. */
  private static final class Missing {
    long sequence;
    /** Who said "I have", and how many links from the author they had it. */
    final Map<PeerLink, Integer> announcers = new LinkedHashMap<>();
    boolean scheduled;
  }

  /** How far this node holds an author's log. */
  interface Heads {
    EventLog.Head head(CollectiveId collective, MemberKey author);

    /** Whether {@code author} is in the collective's history at all. */
    boolean known(CollectiveId collective, MemberKey author);
  }

  /** Most events waited for at once; notices past it are ignored (anti-entropy catches up). */
  static final int MAX_MISSING = 4096;

  private final Map<CollectiveId, Map<MemberKey, Missing>> missing = new HashMap<>();
  private final Neighbours neighbours;
  private final Outbox outbox;
  private final Heads heads;
  private final ScheduledExecutorService timers;
  private final Duration timeout;
  private final Consumer<Runnable> serialized;

  LazyRepair(Neighbours neighbours, Outbox outbox, Heads heads, ScheduledExecutorService timers,
      Duration timeout, Consumer<Runnable> serialized) {
    this.neighbours = neighbours;
    this.outbox = outbox;
    this.heads = heads;
    this.timers = timers;
    this.timeout = timeout;
    this.serialized = serialized;
  }

  /** An "I have" arrived on {@code link}. */
  void have(PeerLink link, HaveNotice notice) {
    for (LogPosition position : notice.getPositionsList()) {
      if (position.getAuthor().size() != MemberKey.LENGTH) {
        continue;
      }
      MemberKey author = MemberKey.of(position.getAuthor().toByteArray());
      EventLog.Head head = heads.head(link.collective(), author);
      if (head.forked() || head.sequence() >= position.getSequence()
          || !heads.known(link.collective(), author)) {
        continue;
      }
      Map<MemberKey, Missing> byAuthor =
          missing.computeIfAbsent(link.collective(), c -> new HashMap<>());
      if (!byAuthor.containsKey(author) && size() >= MAX_MISSING) {
        continue;
      }
      Missing m = byAuthor.computeIfAbsent(author, a -> new Missing());
      m.sequence = Math.max(m.sequence, position.getSequence());
      m.announcers.merge(link, notice.getHops(), Math::min);
      schedule(link.collective(), author, m);
    }
  }

  private int size() {
    return missing.values().stream().mapToInt(Map::size).sum();
  }

  /** Events arrived: those waited for need no graft. */
  void arrived(CollectiveId collective, List<VerifiedEvent> added) {
    Map<MemberKey, Missing> byAuthor = missing.get(collective);
    if (byAuthor == null) {
      return;
    }
    for (VerifiedEvent e : added) {
      Missing m = byAuthor.get(e.author());
      if (m != null && e.sequence() >= m.sequence) {
        byAuthor.remove(e.author());
      }
    }
  }

  /** A link closed: it can no longer be asked. */
  void gone(PeerLink link) {
    missing.getOrDefault(link.collective(), Map.of()).values()
        .forEach(m -> m.announcers.remove(link));
  }

  private void schedule(CollectiveId collective, MemberKey author, Missing m) {
    if (m.scheduled) {
      return;
    }
    m.scheduled = true;
    timers.schedule(() -> serialized.accept(() -> graft(collective, author, m)),
        timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The graft timeout passed: ask the announcer closest to the author that is still connected,
   * and graft its link, so the repaired tree is no deeper than it need be.
   */
  private void graft(CollectiveId collective, MemberKey author, Missing m) {
    m.scheduled = false;
    Map<MemberKey, Missing> byAuthor = missing.getOrDefault(collective, Map.of());
    long have = heads.head(collective, author).sequence();
    if (byAuthor.get(author) != m || have >= m.sequence) {
      byAuthor.remove(author, m);
      return;
    }
    while (!m.announcers.isEmpty()) {
      PeerLink link = m.announcers.entrySet().stream().min(Map.Entry.comparingByValue())
          .orElseThrow().getKey();
      m.announcers.remove(link);
      if (neighbours.contains(link) && link.isOpen()) {
        neighbours.eager(link, true);
        outbox.send(link, Frame.newBuilder().setRequest(EventRequest.newBuilder().setGraft(true)
            .addRanges(Outbox.range(author, have + 1, m.sequence))).build());
        schedule(collective, author, m); // if this one fails too, the next announcer
        return;
      }
    }
    byAuthor.remove(author); // no one left to ask: anti-entropy will bring it
  }
}
