package org.tend.node.replication;

import com.google.protobuf.ByteString;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.home.TendException;
import org.tend.node.api.replication.EventId;
import org.tend.node.api.replication.EventLimits;
import org.tend.node.api.replication.ForkReport;
import org.tend.node.api.replication.Membership;
import org.tend.node.api.replication.ReplicationException;
import org.tend.node.api.replication.ReplicationStatus;
import org.tend.node.api.transport.PeerLink;
import org.tend.node.api.transport.PeerListener;
import org.tend.protocol.crypto.Ed25519KeyPair;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.proto.EventContent;
import org.tend.protocol.proto.EventPush;
import org.tend.protocol.proto.EventRequest;
import org.tend.protocol.proto.ForkEvidence;
import org.tend.protocol.proto.Frame;
import org.tend.protocol.proto.HaveNotice;
import org.tend.protocol.proto.LogPosition;
import org.tend.protocol.proto.Prune;
import org.tend.protocol.proto.SequenceRange;
import org.tend.protocol.proto.SequenceVector;
import org.tend.protocol.proto.SignedEvent;
import org.tend.protocol.proto.VectorEntry;

/**
 * Moves members' logs between connected nodes (see "Replication" in docs/protocol.md).
 *
 * <p>New events go by eager push along a spanning tree and by lazy "I have" notices on every
 * other link, as in Plumtree (Leitão, Pereira and Rodrigues, 2007): every link starts eager; a
 * duplicate push prunes the link it came on; an "I have" for an event that does not follow
 * within the graft timeout grafts that link back and asks for the event. Anti-entropy makes
 * delivery complete: on connect and every period, neighbours compare digests of their
 * sequence vectors and, if they differ, exchange vectors and push each other what is missing.
 *
 * <p>Frames are handled on {@code executor}, one at a time (it must run tasks serially), never
 * on the transport's I/O threads. Thread-safe.
 */
public final class Replicator implements PeerListener {
  /** The membership history of each collective, as this node knows it now. */
  public interface MembershipSource {
    Optional<Membership> membership(CollectiveId collective);
  }

  /** Hears what replication does, for measurements; called on the replication executor. */
  public interface Observer {
    /** A frame of {@code bytes} (its encoding) was sent or received. */
    default void frame(boolean sent, int bytes) {
    }

    /** Events arrived in a push, new or not (see {@link Replicator#idOf}). */
    default void copies(List<SignedEvent> events) {
    }

    /**
     * An event joined a log here for the first time, {@code hops} links from its author by
     * eager push, or {@code repaired} (by an answer to a request or a vector) instead.
     */
    default void delivered(EventId id, int hops, boolean repaired) {
    }
  }

  /** Hears of events added to logs (this node's and others'), for the services that read them. */
  interface Reader {
    void added(CollectiveId collective, List<VerifiedEvent> events);
  }

  private final EventStore store;
  private final MembershipSource memberships;
  private final EventWriter writer;
  private final AuthorKeys keys = new AuthorKeys();
  private final Clock clock;
  private final Executor executor;
  private final Observer observer;
  private final Map<CollectiveId, EventLog> logs = new HashMap<>();
  private final Neighbours neighbours = new Neighbours();
  private final PublishedClaims published = new PublishedClaims();
  /** Collectives whose logs this node compared with a neighbour's since it started. */
  private final java.util.Set<CollectiveId> compared = new java.util.HashSet<>();
  private final Outbox outbox;
  private final LazyRepair lazy;
  private final AntiEntropy antiEntropy;
  private final List<Reader> readers = new CopyOnWriteArrayList<>();
  /**
   * How each recent event came here: how many links from its author, and on which link (empty
   * for this node's own). For answers to grafts.
   */
  private final Map<Position, Arrival> arrivals = new LinkedHashMap<>(256, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Position, Arrival> eldest) {
      return size() > 4096;
    }
  };

  private record Position(CollectiveId collective, MemberKey author, long sequence) {
  }

  private record Arrival(int hops, PeerLink from) {
  }

  private Replicator(Builder b) {
    this.store = b.store;
    this.memberships = b.memberships;
    this.clock = b.clock;
    this.writer = new EventWriter(b.signing, b.clock, b.randomness, keys);
    this.executor = b.executor;
    this.observer = b.observer;
    this.outbox = new Outbox(b.observer);
    this.lazy = new LazyRepair(neighbours, outbox, new LazyRepair.Heads() {
          @Override
          public EventLog.Head head(CollectiveId collective, MemberKey author) {
            return log(collective).head(author);
          }

          @Override
          public boolean known(CollectiveId collective, MemberKey author) {
            return memberships.membership(collective)
                .map(m -> m.name(author).isPresent()).orElse(false);
          }
        }, b.timers,
        b.graftTimeout, task -> executor.execute(() -> {
          synchronized (this) {
            task.run();
          }
        }));
    this.antiEntropy = new AntiEntropy(outbox);
  }

  public static Builder builder(EventStore store, MembershipSource memberships,
      Ed25519KeyPair signing) {
    return new Builder(store, memberships, signing);
  }

  /** The id of a signed event, whether or not it verifies. */
  public static EventId idOf(SignedEvent event) {
    return EventId.of(VerifiedEvent.hash(event.getHeader().toByteArray()));
  }

  void addReader(Reader reader) {
    readers.add(reader);
  }

  MemberKey me() {
    return writer.me();
  }

  MembershipSource memberships() {
    return memberships;
  }

  /**
   * Writes an event of this node's member, stores it (durable on return) and pushes it to the
   * connected members. {@code recipients} empty means every member of the current epoch.
   */
  synchronized VerifiedEvent publish(CollectiveId collective, EventContent content,
      List<MemberKey> recipients) throws TendException {
    return publish(collective, content, recipients, java.util.OptionalInt.empty());
  }

  /** As above, in a given epoch and at a given time (see {@link EventWriter#write}). */
  synchronized VerifiedEvent publish(CollectiveId collective, EventContent content,
      List<MemberKey> recipients, java.util.OptionalInt epoch) throws TendException {
    return publish(collective, content, recipients, epoch, java.util.OptionalLong.empty());
  }

  synchronized VerifiedEvent publish(CollectiveId collective, EventContent content,
      List<MemberKey> recipients, java.util.OptionalInt epoch, java.util.OptionalLong at)
      throws TendException {
    Membership membership = membership(collective);
    EventLog log = log(collective);
    if (published.furthest(collective) > log.head(writer.me()).sequence()) {
      throw new ReplicationException("A member's node holds more of your own log in this "
          + "collective than this node does (was this home restored from an older copy?). "
          + "Tend is fetching your own events back first, so your log does not fork; try again "
          + "in a moment.");
    }
    VerifiedEvent event = writer.write(log, membership, content, recipients, epoch, at);
    log.appendOwn(event);
    arrivals.put(new Position(collective, event.author(), event.sequence()), new Arrival(0, null));
    notifyReaders(collective, List.of(event));
    forward(collective, null, 0, List.of(event));
    return event;
  }

  /** Publishes arbitrary content for every member: for the simulator and benchmarks. */
  public EventId publishForCollective(CollectiveId collective, EventContent content)
      throws TendException {
    return publish(collective, content, List.of()).id();
  }

  /**
   * Takes in events as if from a peer, without passing them on: for importing and measuring.
   * Returns how many joined their logs.
   */
  public synchronized int ingest(CollectiveId collective, List<SignedEvent> events)
      throws TendException {
    EventLog.Outcome outcome = log(collective).ingest(membership(collective), events);
    notifyReaders(collective, outcome.toRead());
    return outcome.added().size();
  }

  /** One anti-entropy period: every link compares digests. */
  public void antiEntropy() {
    executor.execute(() -> {
      synchronized (this) {
        for (CollectiveId collective : neighbours.collectives()) {
          Map<PeerLink, Boolean> map = neighbours.of(collective);
          if (!map.isEmpty()) {
            Frame digest = AntiEntropy.digestFrame(log(collective));
            map.keySet().forEach(link -> outbox.send(link, digest));
            askForMissing(collective, null);
          }
        }
      }
    });
  }

  public synchronized ReplicationStatus status(CollectiveId collective) throws TendException {
    EventLog log = log(collective);
    List<ForkReport> reports = new ArrayList<>();
    for (ForkEvidence evidence : log.forks()) {
      try {
        VerifiedEvent first = VerifiedEvent.held(evidence.getFirst());
        VerifiedEvent second = VerifiedEvent.held(evidence.getSecond());
        if (log.head(first.author()).forkedAt() == first.sequence()) { // not yet resolved
          reports.add(new ForkReport(collective, first.author(), first.sequence(), first.id(),
              second.id(), java.time.Instant.ofEpochMilli(evidence.getDetectedAtMillis())));
        }
      } catch (EventException e) {
        // stored evidence is whole; damage leaves it out
      }
    }
    return new ReplicationStatus(collective, (int) log.heads().values().stream()
        .filter(h -> h.sequence() > 0).count(), log.eventCount(), log.waitingCount(),
        List.copyOf(reports));
  }

  /** The proof this node holds that {@code author}'s log forked at {@code sequence}. */
  synchronized Optional<ForkEvidence> evidence(CollectiveId collective, MemberKey author,
      long sequence) throws TendException {
    for (ForkEvidence evidence : log(collective).forks()) {
      try {
        VerifiedEvent first = VerifiedEvent.held(evidence.getFirst());
        if (first.author().equals(author) && first.sequence() == sequence) {
          return Optional.of(evidence);
        }
      } catch (EventException e) {
        // damaged evidence: try the next
      }
    }
    return Optional.empty();
  }

  /** Whether this node holds {@code author}'s log up to {@code sequence}. */
  public synchronized boolean holds(CollectiveId collective, MemberKey author, long sequence)
      throws TendException {
    return log(collective).head(author).sequence() >= sequence;
  }

  /** Every event of every log of {@code collective}, in log order, for the readers. */
  synchronized List<VerifiedEvent> events(CollectiveId collective) throws TendException {
    EventLog log = log(collective);
    List<VerifiedEvent> out = new ArrayList<>();
    for (Map.Entry<MemberKey, EventLog.Head> e : log.heads().entrySet()) {
      for (long s = 1; s <= e.getValue().sequence(); s++) {
        Optional<SignedEvent> signed = log.event(e.getKey(), s);
        if (signed.isPresent()) {
          try {
            out.add(VerifiedEvent.held(signed.get()));
          } catch (EventException ex) {
            // damaged on disk: left out
          }
        }
      }
    }
    return out;
  }

  /**
   * Tells the readers of every event held in {@code collective} again, as at a first arrival:
   * what taking an event in does beside storing it (a document into the history, a retraction,
   * a resolution) survives a crash between the two. Every reader is idempotent.
   */
  public synchronized void replay(CollectiveId collective) throws TendException {
    List<VerifiedEvent> held = events(collective);
    EventLog log = log(collective);
    held.forEach(log::heldWithoutContent); // the readers' retractions clear what they explain
    notifyReaders(collective, held);
  }

  /** Applies a facilitator's resolution of a forked log (see {@link EventLog#resolve}). */
  synchronized void resolveLog(CollectiveId collective, MemberKey author, long fromSequence,
      long afterMillis) throws TendException {
    log(collective).resolve(author, fromSequence, afterMillis);
  }

  synchronized void dropContent(CollectiveId collective, MemberKey author, long sequence,
      EventId id) throws TendException {
    log(collective).dropContent(author, sequence, id);
  }

  @Override
  public void connected(PeerLink link) {
    if (link.joinOnly()) {
      return;
    }
    executor.execute(() -> {
      synchronized (this) {
        if (link.isOpen()) {
          neighbours.add(link);
          outbox.send(link, AntiEntropy.digestFrame(log(link.collective())));
          Optional<Frame> ask = missingRequest(link.collective());
          ask.ifPresent(f -> outbox.send(link, f));
        }
      }
    });
  }

  @Override
  public void disconnected(PeerLink link) {
    executor.execute(() -> {
      synchronized (this) {
        neighbours.remove(link);
        lazy.gone(link);
        published.gone(link);
      }
    });
  }

  @Override
  public void received(PeerLink link, Frame frame) {
    if (link.joinOnly()) {
      return;
    }
    switch (frame.getBodyCase()) {
      case EVENTS, HAVE, PRUNE, REQUEST, DIGEST, VECTOR -> executor.execute(() -> {
        synchronized (this) {
          handle(link, frame);
        }
      });
      default -> { } // other services' frames
    }
  }

  private void handle(PeerLink link, Frame frame) {
    if (!neighbours.contains(link) || !link.isOpen()) {
      return; // not connected (yet, or any more)
    }
    if (memberships.membership(link.collective()).map(m -> !m.isActive(link.member()))
        .orElse(true)) {
      link.close(); // no longer a member: nothing more in either direction
      return;
    }
    observer.frame(false, frame.getSerializedSize());
    try {
      switch (frame.getBodyCase()) {
        case EVENTS -> events(link, frame.getEvents());
        case HAVE -> lazy.have(link, frame.getHave());
        case PRUNE -> neighbours.eager(link, false);
        case REQUEST -> request(link, frame.getRequest());
        case DIGEST -> {
          if (antiEntropy.digest(link, log(link.collective()), frame.getDigest())) {
            compared.add(link.collective());
          }
        }
        case VECTOR -> {
          claims(link, frame.getVector());
          antiEntropy.vector(link, log(link.collective()), frame.getVector());
          compared.add(link.collective());
        }
        default -> { }
      }
    } catch (TendException e) {
      link.close(); // the store failed: stop taking input rather than lose it
    }
  }

  /**
   * Whether this node may write an event its member did not ask for (where it listens) in
   * {@code collective}: once it has compared logs with a neighbour since it started, or while no
   * one else has written in the collective. A home restored from an older copy does not know
   * its member's log moved on until a neighbour says so; an event written before would reuse a
   * place in that log and fork it. What the member asks for is refused only on a neighbour's
   * word ({@link #publish}): that can wait for no one.
   */
  synchronized boolean mayWriteUnasked(CollectiveId collective) {
    return compared.contains(collective)
        || log(collective).heads().keySet().stream().allMatch(writer.me()::equals);
  }

  /** How far a connected neighbour holds this node's own log in {@code collective}. */
  synchronized long publishedFurthest(CollectiveId collective) {
    return published.furthest(collective);
  }

  /** Notes how far the neighbour holds this node's own log, whatever this node's head says. */
  private void claims(PeerLink link, SequenceVector vector) {
    ByteString me = ByteString.copyFrom(writer.me().bytes());
    for (VectorEntry e : vector.getEntriesList()) {
      if (e.getAuthor().equals(me)) {
        published.claim(link, e.getSequence());
      }
    }
  }

  private void events(PeerLink link, EventPush push) throws TendException {
    CollectiveId collective = link.collective();
    Optional<Membership> membership = memberships.membership(collective);
    if (membership.isEmpty()) {
      return;
    }
    observer.copies(push.getEventsList());
    EventLog log = log(collective);
    EventLog.Outcome outcome = log.ingest(membership.get(), push.getEventsList());
    if (outcome.invalid() > 0) {
      // Forged or damaged: no honest node passes that on. What was valid in the batch is
      // stored; it is handed on and read like any other before the link closes.
      link.close();
      if (!outcome.added().isEmpty()) {
        lazy.arrived(collective, outcome.added());
        forward(collective, link, push.getHops() + 1, outcome.added());
      }
      notifyReaders(collective, outcome.toRead());
      return;
    }
    boolean gossip = push.getKind() == EventPush.Kind.GOSSIP;
    if (!outcome.added().isEmpty()) {
      if (gossip) {
        neighbours.eager(link, true); // the tree's link to this node's parent
      }
      boolean repaired = push.getKind() == EventPush.Kind.ANSWER;
      for (VerifiedEvent e : outcome.added()) {
        arrivals.put(new Position(collective, e.author(), e.sequence()),
            new Arrival(push.getHops() + 1, link));
        observer.delivered(e.id(), push.getHops() + 1, repaired);
      }
      lazy.arrived(collective, outcome.added());
      notifyReaders(collective, outcome.toRead());
      forward(collective, link, push.getHops() + 1, outcome.added());
      if (outcome.added().stream().anyMatch(e -> log.isMissing(e.author(), e.sequence()))) {
        askForMissing(collective, link); // it came stripped: the others may have it whole
      }
    } else if (!outcome.refilled().isEmpty()) {
      notifyReaders(collective, outcome.refilled());
    } else if (gossip && outcome.duplicates() > 0) {
      neighbours.eager(link, false);
      outbox.send(link, Frame.newBuilder().setPrune(Prune.getDefaultInstance()).build());
    }
    if (!outcome.gaps().isEmpty()) {
      EventRequest.Builder ask = EventRequest.newBuilder();
      for (EventLog.Gap gap : outcome.gaps()) {
        ask.addRanges(Outbox.range(gap.author(), gap.fromSequence(), gap.toSequence()));
      }
      outbox.send(link, Frame.newBuilder().setRequest(ask).build());
    }
    if (!outcome.forks().isEmpty()) {
      reportForks(collective, log, outcome.forks());
    }
  }

  private void request(PeerLink link, EventRequest request) throws TendException {
    if (request.getGraft()) {
      neighbours.eager(link, true);
    }
    EventLog log = log(link.collective());
    List<SignedEvent> answer = new ArrayList<>();
    long bytes = 0;
    Arrival first = null;
    for (SequenceRange r : request.getRangesList()) {
      if (r.getAuthor().size() != MemberKey.LENGTH || r.getFromSequence() < 1
          || r.getToSequence() < r.getFromSequence()) {
        continue;
      }
      MemberKey author = MemberKey.of(r.getAuthor().toByteArray());
      long to = Math.min(r.getToSequence(), log.head(author).sequence());
      if (first == null && r.getFromSequence() <= to) {
        first = arrivals.get(new Position(link.collective(), author, r.getFromSequence()));
      }
      for (long s = r.getFromSequence(); s <= to
          && answer.size() < EventLimits.MAX_ANSWER_EVENTS && bytes < EventLimits.MAX_ANSWER_BYTES;
          s++) {
        Optional<SignedEvent> e = log.event(author, s);
        if (e.isPresent()) {
          answer.add(e.get());
          bytes += e.get().getSerializedSize();
        }
      }
    }
    if (request.getGraft() && first != null) {
      outbox.push(link, EventPush.Kind.GRAFTED, first.hops(), answer);
      return;
    }
    outbox.push(link, EventPush.Kind.ANSWER, 0, answer);
  }

  /**
   * Asks every neighbour but {@code except} for the content of events held without it that no
   * retraction explains (see {@link EventLog}): a copy that matches the signed header fills it.
   */
  private void askForMissing(CollectiveId collective, PeerLink except) {
    Optional<Frame> ask = missingRequest(collective);
    if (ask.isEmpty()) {
      return;
    }
    for (PeerLink l : neighbours.of(collective).keySet()) {
      if (!l.equals(except)) {
        outbox.send(l, ask.get());
      }
    }
  }

  private Optional<Frame> missingRequest(CollectiveId collective) {
    Map<MemberKey, List<Long>> missing = log(collective)
        .missingContent(EventLimits.MAX_ANSWER_EVENTS);
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    EventRequest.Builder ask = EventRequest.newBuilder();
    missing.forEach((author, positions) -> {
      long from = positions.get(0);
      long to = from;
      for (long s : positions.subList(1, positions.size())) {
        if (s != to + 1) {
          ask.addRanges(Outbox.range(author, from, to));
          from = s;
        }
        to = s;
      }
      ask.addRanges(Outbox.range(author, from, to));
    });
    return Optional.of(Frame.newBuilder().setRequest(ask).build());
  }

  private void reportForks(CollectiveId collective, EventLog log, List<ForkReport> reports)
      throws TendException {
    List<SignedEvent> evidence = new ArrayList<>();
    for (ForkReport r : reports) {
      antiEntropy.addEvidence(log, r.author(), evidence);
    }
    for (PeerLink l : neighbours.of(collective).keySet()) {
      outbox.push(l, EventPush.Kind.ANSWER, 0, evidence);
    }
  }

  /** Eager push to the tree's links, "I have" on the others; never back to {@code from}. */
  private void forward(CollectiveId collective, PeerLink from, int hops,
      List<VerifiedEvent> events) {
    Map<PeerLink, Boolean> map = neighbours.of(collective);
    if (map.isEmpty()) {
      return;
    }
    List<SignedEvent> signed = events.stream().map(VerifiedEvent::signed).toList();
    Map<MemberKey, Long> newest = new LinkedHashMap<>();
    for (VerifiedEvent e : events) {
      newest.merge(e.author(), e.sequence(), Math::max);
    }
    HaveNotice.Builder notice = HaveNotice.newBuilder().setHops(hops);
    newest.forEach((author, seq) -> notice.addPositions(LogPosition.newBuilder()
        .setAuthor(ByteString.copyFrom(author.bytes())).setSequence(seq)));
    Frame have = Frame.newBuilder().setHave(notice).build();
    Optional<Membership> membership = memberships.membership(collective);
    for (Map.Entry<PeerLink, Boolean> e : map.entrySet()) {
      PeerLink link = e.getKey();
      if (link.equals(from)
          || membership.map(m -> !m.isActive(link.member())).orElse(true)) {
        continue;
      }
      if (e.getValue()) {
        outbox.push(link, EventPush.Kind.GOSSIP, hops, signed);
      } else {
        outbox.send(link, have);
      }
    }
  }

  private Membership membership(CollectiveId collective) throws ReplicationException {
    return memberships.membership(collective).orElseThrow(() -> new ReplicationException(
        "This node does not belong to the collective " + collective + "."));
  }

  private EventLog log(CollectiveId collective) {
    return logs.computeIfAbsent(collective, c -> {
      try {
        return new EventLog(c, store, keys, clock);
      } catch (TendException e) {
        throw new IllegalStateException("the event store could not be read: "
            + e.getMessage(), e);
      }
    });
  }

  private void notifyReaders(CollectiveId collective, List<VerifiedEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    for (Reader r : readers) {
      r.added(collective, events);
    }
  }

  /** Configures a {@link Replicator}. */
  public static final class Builder {
    private final EventStore store;
    private final MembershipSource memberships;
    private final Ed25519KeyPair signing;
    private Clock clock = Clock.systemUTC();
    private Randomness randomness = Randomness.secure();
    private Executor executor;
    private ScheduledExecutorService timers;
    private Duration graftTimeout = Duration.ofSeconds(2);
    private Observer observer = new Observer() { };

    private Builder(EventStore store, MembershipSource memberships, Ed25519KeyPair signing) {
      this.store = Objects.requireNonNull(store, "store");
      this.memberships = Objects.requireNonNull(memberships, "memberships");
      this.signing = Objects.requireNonNull(signing, "signing");
    }

    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value);
      return this;
    }

    public Builder randomness(Randomness value) {
      this.randomness = Objects.requireNonNull(value);
      return this;
    }

    /** Runs frame handling; must run tasks one at a time, in order. */
    public Builder executor(Executor value) {
      this.executor = Objects.requireNonNull(value);
      return this;
    }

    public Builder timers(ScheduledExecutorService value) {
      this.timers = Objects.requireNonNull(value);
      return this;
    }

    /** How long an "I have" waits for the event to arrive by push before grafting. */
    public Builder graftTimeout(Duration value) {
      this.graftTimeout = Objects.requireNonNull(value);
      return this;
    }

    public Builder observer(Observer value) {
      this.observer = Objects.requireNonNull(value);
      return this;
    }

    public Replicator build() {
      Objects.requireNonNull(executor, "executor");
      Objects.requireNonNull(timers, "timers");
      return new Replicator(this);
    }
  }
}
