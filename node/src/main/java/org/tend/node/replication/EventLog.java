package org.tend.node.replication;

import com.google.protobuf.ByteString;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.home.TendException;
import org.tend.node.api.replication.EventId;
import org.tend.node.api.replication.EventLimits;
import org.tend.node.api.replication.ForkReport;
import org.tend.node.api.replication.Membership;
import org.tend.protocol.proto.EventHeader;
import org.tend.protocol.proto.ForkEvidence;
import org.tend.protocol.proto.LogHead;
import org.tend.protocol.proto.SignedEvent;

/**
 * The logs of one collective as this node holds them, and the rules for what may join them.
 * An event joins its author's log only if it verifies, its author was a member in its epoch
 * when it was written, it extends the log (next sequence, hash of the one before, epoch and
 * time not going back), and it keeps to the rate limit. A second event at a position already
 * taken is a fork: both are kept as evidence and the log takes nothing more. Taking in an
 * event twice changes nothing, with one exception: an event held without its content (a
 * relaying node may strip it) whose author has not retracted it takes its content from the
 * first copy that matches the signed header's hash and length; until then it is listed as
 * missing, so the replicator asks other neighbours for it. Not thread-safe: the replicator
 * serialises access.
 */
final class EventLog {
  /** What one batch did. */
  record Outcome(List<VerifiedEvent> added, List<ForkReport> forks, List<Gap> gaps, int invalid,
      int refused, int duplicates, List<VerifiedEvent> refilled) {

    /** Events whose readers must run: new ones, and held ones whose content just came. */
    List<VerifiedEvent> toRead() {
      if (refilled.isEmpty()) {
        return added;
      }
      List<VerifiedEvent> all = new ArrayList<>(added);
      all.addAll(refilled);
      return all;
    }
  }

  /** Events missing before one that arrived ahead of them. */
  record Gap(MemberKey author, long fromSequence, long toSequence) {
  }

  /**
   * A log's newest event, whether the log is forked, and the rule a facilitator's resolution
   * left: events at {@code resolvedFrom} or later count only if written after
   * {@code resolvedAfterMillis}.
   */
  record Head(long sequence, EventId id, int epoch, long createdAtMillis, long forkedAt,
      long resolvedFrom, long resolvedAfterMillis) {
    static final Head EMPTY = new Head(0, null, 0, 0, 0, 0, 0);

    boolean forked() {
      return forkedAt > 0;
    }

    /** Whether a resolution discarded the event at {@code sequence} written at {@code at}. */
    boolean discards(long sequence, long at) {
      return resolvedFrom > 0 && sequence >= resolvedFrom && at <= resolvedAfterMillis;
    }

    Head moved(VerifiedEvent e) {
      return new Head(e.sequence(), e.id(), e.epoch(), e.createdAtMillis(), forkedAt,
          resolvedFrom, resolvedAfterMillis);
    }

    Head forkedAt(long sequence) {
      return new Head(this.sequence, id, epoch, createdAtMillis, sequence, resolvedFrom,
          resolvedAfterMillis);
    }
  }

  private final CollectiveId collective;
  private final EventStore store;
  private final AuthorKeys keys;
  private final Clock clock;
  private final Map<MemberKey, Head> heads = new HashMap<>();
  private final Map<MemberKey, TreeMap<Long, VerifiedEvent>> waiting = new HashMap<>();
  private int waitingCount;
  private long events;
  /** Positions held without content that no retraction explains: content to ask for. */
  private final Map<MemberKey, java.util.TreeSet<Long>> missing = new HashMap<>();
  /** Positions their authors retracted (with the retracted event's id): content stays away. */
  private final Map<MemberKey, Map<Long, EventId>> retracted = new HashMap<>();

  EventLog(CollectiveId collective, EventStore store, AuthorKeys keys, Clock clock)
      throws TendException {
    this.collective = collective;
    this.store = store;
    this.keys = keys;
    this.clock = clock;
    store.heads(collective).forEach((author, h) -> {
      heads.put(author, new Head(h.getSequence(), h.getSequence() == 0 ? null
          : EventId.of(h.getHash().toByteArray()), h.getEpoch(), h.getCreatedAtMillis(),
          h.getForkedAt(), h.getResolvedFrom(), h.getResolvedAfterMillis()));
      events += h.getSequence();
    });
  }

  CollectiveId collective() {
    return collective;
  }

  Head head(MemberKey author) {
    return heads.getOrDefault(author, Head.EMPTY);
  }

  Map<MemberKey, Head> heads() {
    return Map.copyOf(heads);
  }

  long eventCount() {
    return events;
  }

  int waitingCount() {
    return waitingCount;
  }

  Optional<SignedEvent> event(MemberKey author, long sequence) throws TendException {
    return sequence < 1 || sequence > head(author).sequence() ? Optional.empty()
        : store.event(collective, author, sequence);
  }

  /** Whether the store holds {@code author}'s event at {@code sequence}, past the head or not. */
  boolean stored(MemberKey author, long sequence) throws TendException {
    return store.event(collective, author, sequence).isPresent();
  }

  List<ForkEvidence> forks() throws TendException {
    return store.forks(collective);
  }

  /** Takes in events from a peer; see the class comment for the rules. Durable on return. */
  Outcome ingest(Membership membership, List<SignedEvent> batch) throws TendException {
    Batch work = new Batch(membership);
    for (SignedEvent signed : batch) {
      VerifiedEvent event;
      try {
        event = VerifiedEvent.verify(signed, keys);
      } catch (EventException e) {
        work.invalid++; // no honest node passes on what does not verify
        continue;
      }
      work.consider(event);
    }
    return work.commit();
  }

  /** Adds an event this node's member wrote; the caller built it on {@link #head}. */
  void appendOwn(VerifiedEvent event) throws TendException {
    Batch work = new Batch(null);
    work.add(event);
    work.commit();
  }

  /**
   * Replaces a held event with its header alone, its content dropped (after its author
   * retracted it). The log stays whole: the signed header still links the events around it.
   * The retraction is remembered, so no copy with content brings the content back.
   */
  void dropContent(MemberKey author, long sequence, EventId id) throws TendException {
    retracted.computeIfAbsent(author, a -> new HashMap<>()).put(sequence, id);
    unmarkMissing(author, sequence);
    Optional<SignedEvent> held = event(author, sequence);
    if (held.isPresent() && !held.get().getContent().isEmpty()
        && id.equals(EventId.of(VerifiedEvent.hash(held.get().getHeader().toByteArray())))) {
      store.write(collective, new EventStore.Changes(List.of(new EventStore.Stored(author,
          sequence, held.get().toBuilder().clearContent().build())), List.of(), List.of()));
    }
  }

  /**
   * Notes that a held event came without content; unless its author retracted it, the
   * position is listed as missing. For events read back at start, before the readers see the
   * retractions again.
   */
  void heldWithoutContent(VerifiedEvent event) {
    if (!event.hasContent() && !isRetracted(event.author(), event.sequence(), event.id())) {
      missing.computeIfAbsent(event.author(), a -> new java.util.TreeSet<>())
          .add(event.sequence());
    }
  }

  /** Positions held without content that no retraction explains, at most {@code limit}. */
  Map<MemberKey, List<Long>> missingContent(int limit) {
    Map<MemberKey, List<Long>> out = new HashMap<>();
    int n = 0;
    for (Map.Entry<MemberKey, java.util.TreeSet<Long>> e : missing.entrySet()) {
      for (long s : e.getValue()) {
        if (n++ >= limit) {
          return out;
        }
        out.computeIfAbsent(e.getKey(), a -> new ArrayList<>()).add(s);
      }
    }
    return out;
  }

  boolean isMissing(MemberKey author, long sequence) {
    java.util.TreeSet<Long> mine = missing.get(author);
    return mine != null && mine.contains(sequence);
  }

  private boolean isRetracted(MemberKey author, long sequence, EventId id) {
    return id.equals(retracted.getOrDefault(author, Map.of()).get(sequence));
  }

  private void unmarkMissing(MemberKey author, long sequence) {
    java.util.TreeSet<Long> mine = missing.get(author);
    if (mine != null && mine.remove(sequence) && mine.isEmpty()) {
      missing.remove(author);
    }
  }

  /**
   * Applies a facilitator's resolution of {@code author}'s log: its events from
   * {@code fromSequence} on are discarded, the fork (if any) is cleared, and from then on the
   * log takes events at those positions only if written after {@code afterMillis}. Every node
   * applies the same resolution the same way, so the logs converge again.
   */
  void resolve(MemberKey author, long fromSequence, long afterMillis) throws TendException {
    Head head = head(author);
    if (fromSequence < 1 || afterMillis <= head.resolvedAfterMillis()) {
      return; // a resolution this log has already applied, or a later one
    }
    long keep = Math.min(head.sequence(), fromSequence - 1);
    Head kept = Head.EMPTY;
    if (keep > 0) {
      Optional<SignedEvent> last = store.event(collective, author, keep);
      if (last.isEmpty()) {
        return;
      }
      EventHeader h;
      try {
        h = EventHeader.parseFrom(last.get().getHeader());
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        return;
      }
      kept = new Head(keep, EventId.of(VerifiedEvent.hash(last.get().getHeader().toByteArray())),
          h.getEpoch(), h.getCreatedAtMillis(), 0, 0, 0);
    }
    Head resolved = new Head(kept.sequence(), kept.id(), kept.epoch(), kept.createdAtMillis(),
        0, fromSequence, afterMillis);
    List<EventStore.Stored> discarded = new ArrayList<>();
    for (long s = keep + 1; s <= head.sequence(); s++) {
      discarded.add(new EventStore.Stored(author, s, null));
    }
    store.write(collective, new EventStore.Changes(discarded, List.of(logHead(author, resolved)),
        List.of()));
    events -= head.sequence() - keep;
    heads.put(author, resolved);
    java.util.TreeSet<Long> mine = missing.get(author);
    if (mine != null) {
      mine.tailSet(keep + 1).clear();
      if (mine.isEmpty()) {
        missing.remove(author);
      }
    }
    TreeMap<Long, VerifiedEvent> dropped = waiting.remove(author);
    waitingCount -= dropped == null ? 0 : dropped.size();
  }

  private LogHead logHead(MemberKey author, Head h) {
    LogHead.Builder b = LogHead.newBuilder()
        .setCollectiveId(ByteString.copyFrom(collective.bytes()))
        .setAuthor(ByteString.copyFrom(author.bytes()))
        .setSequence(h.sequence()).setEpoch(h.epoch()).setCreatedAtMillis(h.createdAtMillis())
        .setForkedAt(h.forkedAt()).setResolvedFrom(h.resolvedFrom())
        .setResolvedAfterMillis(h.resolvedAfterMillis());
    if (h.id() != null) {
      b.setHash(ByteString.copyFrom(h.id().bytes()));
    }
    return b.build();
  }

  /** Whether an author's log may take an event at {@code createdAtMillis} as its next. */
  boolean withinRate(MemberKey author, long createdAtMillis) throws TendException {
    return withinRate(author, head(author).sequence() + 1, createdAtMillis, Map.of());
  }

  private boolean withinRate(MemberKey author, long sequence, long createdAtMillis,
      Map<Long, VerifiedEvent> pending) throws TendException {
    long earlier = sequence - EventLimits.RATE_EVENTS;
    if (earlier < 1) {
      return true;
    }
    VerifiedEvent inBatch = pending.get(earlier);
    long then;
    if (inBatch != null) {
      then = inBatch.createdAtMillis();
    } else {
      Optional<SignedEvent> stored = store.event(collective, author, earlier);
      if (stored.isEmpty()) {
        return false;
      }
      try {
        then = EventHeader.parseFrom(stored.get().getHeader()).getCreatedAtMillis();
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        return false;
      }
    }
    return createdAtMillis - then >= EventLimits.RATE_WINDOW_MILLIS;
  }

  /** One ingestion: decisions made against the heads as they move, written at once. */
  private final class Batch {
    private final Membership membership;
    private final List<VerifiedEvent> added = new ArrayList<>();
    private final List<ForkReport> forkReports = new ArrayList<>();
    private final List<ForkEvidence> evidence = new ArrayList<>();
    private final List<Gap> gaps = new ArrayList<>();
    private final Map<MemberKey, Head> moved = new HashMap<>();
    private final Map<MemberKey, Map<Long, VerifiedEvent>> written = new HashMap<>();
    private final List<VerifiedEvent> refilled = new ArrayList<>();
    int invalid;
    int refused;
    int duplicates;

    Batch(Membership membership) {
      this.membership = membership;
    }

    void consider(VerifiedEvent event) throws TendException {
      if (!event.collective().equals(collective)) {
        refused++;
        return;
      }
      Head head = current(event.author());
      long seq = event.sequence();
      if (head.discards(seq, event.createdAtMillis())) {
        refused++; // a branch a facilitator's resolution discarded
        return;
      }
      if (seq <= head.sequence()) {
        compareWithHeld(event, head);
        return;
      }
      if (head.forked()) {
        refused++; // nothing more from a forked log
        return;
      }
      if (seq > head.sequence() + 1) {
        if (admitted(event)) { // only members' events may take places in the waiting room
          hold(event, head);
        }
        return;
      }
      if (!extend(event, head)) {
        return;
      }
      drainWaiting(event.author());
    }

    private void compareWithHeld(VerifiedEvent event, Head head) throws TendException {
      boolean fills = event.hasContent() && isMissing(event.author(), event.sequence());
      if (!fills && event.sequence() == head.sequence() && event.id().equals(head.id())) {
        duplicates++;
        return;
      }
      Optional<SignedEvent> held = heldAt(event.author(), event.sequence());
      if (held.isEmpty()) {
        refused++;
        return;
      }
      EventId heldId = EventId.of(VerifiedEvent.hash(held.get().getHeader().toByteArray()));
      if (heldId.equals(event.id())) {
        if (fills && held.get().getContent().isEmpty()) {
          refill(event); // the signature and the header's content hash vouch for it
        } else {
          duplicates++;
        }
      } else if (admitted(event)) {
        fork(event.author(), head, event.sequence(), held.get(), heldId, event);
      }
    }

    private void refill(VerifiedEvent event) {
      unmarkMissing(event.author(), event.sequence());
      Map<Long, VerifiedEvent> pending = written.get(event.author());
      VerifiedEvent before = pending == null ? null : pending.put(event.sequence(), event);
      if (before != null) { // taken in earlier in this batch: its readers have not run yet
        added.set(added.indexOf(before), event);
      } else {
        refilled.add(event);
      }
    }

    /** Adds {@code event}, the next in its log, if the rules allow. */
    private boolean extend(VerifiedEvent event, Head head) throws TendException {
      if (!admitted(event)) {
        return false;
      }
      EventHeader h = event.header();
      if (head.sequence() > 0 && !h.getPrevious().equals(ByteString.copyFrom(head.id().bytes()))) {
        // The author signed this on top of another event at head's position: a fork, and
        // this event is the proof of it.
        Optional<SignedEvent> held = heldAt(event.author(), head.sequence());
        if (held.isPresent()) {
          fork(event.author(), head, head.sequence(), held.get(), head.id(), event);
        } else {
          refused++;
        }
        return false;
      }
      if (h.getEpoch() < head.epoch() || h.getCreatedAtMillis() < head.createdAtMillis()) {
        refused++;
        return false;
      }
      if (h.getCreatedAtMillis() > clock.millis() + EventLimits.MAX_CLOCK_SKEW_MILLIS) {
        refused++; // from the future: a later exchange brings it again once it is due
        return false;
      }
      if (!withinRate(event.author(), event.sequence(), h.getCreatedAtMillis(),
          written.getOrDefault(event.author(), Map.of()))) {
        refused++;
        return false;
      }
      add(event);
      return true;
    }

    private boolean admitted(VerifiedEvent event) {
      Membership.Admittance a = membership.admits(event.author(), event.epoch(),
          event.createdAtMillis());
      if (a != Membership.Admittance.ADMITTED) {
        refused++;
        return false;
      }
      return true;
    }

    void add(VerifiedEvent event) {
      heldWithoutContent(event);
      moved.put(event.author(), current(event.author()).moved(event));
      written.computeIfAbsent(event.author(), a -> new HashMap<>()).put(event.sequence(), event);
      added.add(event);
    }

    private void hold(VerifiedEvent event, Head head) {
      TreeMap<Long, VerifiedEvent> mine = waiting.computeIfAbsent(event.author(),
          a -> new TreeMap<>());
      VerifiedEvent there = mine.get(event.sequence());
      if (there != null && !there.hasContent() && event.hasContent()
          && there.id().equals(event.id())) {
        mine.put(event.sequence(), event); // a whole copy beats a stripped one
      } else if (there == null
          && mine.size() < EventLimits.MAX_WAITING_PER_AUTHOR
          && waitingCount < EventLimits.MAX_WAITING) {
        mine.put(event.sequence(), event);
        waitingCount++;
      }
      gaps.add(new Gap(event.author(), head.sequence() + 1, event.sequence() - 1));
    }

    private void drainWaiting(MemberKey author) throws TendException {
      TreeMap<Long, VerifiedEvent> mine = waiting.get(author);
      while (mine != null && !mine.isEmpty()) {
        Head head = current(author);
        Map.Entry<Long, VerifiedEvent> first = mine.firstEntry();
        if (first.getKey() > head.sequence() + 1) {
          return;
        }
        mine.pollFirstEntry();
        waitingCount--;
        if (first.getKey() == head.sequence() + 1 && !extend(first.getValue(), head)) {
          break;
        }
      }
      if (mine != null && mine.isEmpty()) {
        waiting.remove(author);
      }
    }

    private void fork(MemberKey author, Head head, long sequence, SignedEvent held,
        EventId heldId, VerifiedEvent other) {
      if (head.forked()) {
        duplicates++; // evidence is already kept
        return;
      }
      long now = clock.millis();
      evidence.add(ForkEvidence.newBuilder().setFirst(held).setSecond(other.signed())
          .setDetectedAtMillis(now).build());
      forkReports.add(new ForkReport(collective, author, sequence, heldId, other.id(),
          Instant.ofEpochMilli(now)));
      moved.put(author, head.forkedAt(sequence));
      TreeMap<Long, VerifiedEvent> dropped = waiting.remove(author);
      waitingCount -= dropped == null ? 0 : dropped.size();
    }

    private Optional<SignedEvent> heldAt(MemberKey author, long sequence) throws TendException {
      VerifiedEvent pending = written.getOrDefault(author, Map.of()).get(sequence);
      return pending != null ? Optional.of(pending.signed())
          : store.event(collective, author, sequence);
    }

    private Head current(MemberKey author) {
      Head m = moved.get(author);
      return m != null ? m : head(author);
    }

    /** Gaps still open once the whole batch is in: later events may have filled them. */
    private List<Gap> openGaps() {
      Map<MemberKey, Gap> open = new HashMap<>();
      for (Gap g : gaps) {
        long from = Math.max(g.fromSequence(), current(g.author()).sequence() + 1);
        if (from <= g.toSequence() && !current(g.author()).forked()) {
          open.merge(g.author(), new Gap(g.author(), from, g.toSequence()),
              (a, b) -> new Gap(a.author(), Math.min(a.fromSequence(), b.fromSequence()),
                  Math.max(a.toSequence(), b.toSequence())));
        }
      }
      return List.copyOf(open.values());
    }

    Outcome commit() throws TendException {
      if (moved.isEmpty() && refilled.isEmpty()) {
        return new Outcome(List.of(), List.of(), openGaps(), invalid, refused, duplicates,
            List.of());
      }
      List<EventStore.Stored> stored = new ArrayList<>(added.size() + refilled.size());
      for (VerifiedEvent e : added) {
        stored.add(new EventStore.Stored(e.author(), e.sequence(), e.signed()));
      }
      for (VerifiedEvent e : refilled) {
        stored.add(new EventStore.Stored(e.author(), e.sequence(), e.signed()));
      }
      List<LogHead> newHeads = new ArrayList<>();
      moved.forEach((author, h) -> newHeads.add(logHead(author, h)));
      store.write(collective, new EventStore.Changes(stored, newHeads, evidence));
      List<Gap> stillOpen = openGaps();
      heads.putAll(moved);
      events += added.size();
      return new Outcome(List.copyOf(added), List.copyOf(forkReports), stillOpen, invalid,
          refused, duplicates, List.copyOf(refilled));
    }
  }
}
