package org.tend.node.collective;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tend.node.api.collective.CollectiveException;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.CollectiveSummary;
import org.tend.node.api.collective.Collectives;
import org.tend.node.api.collective.IssuedInvite;
import org.tend.node.api.collective.LanSettings;
import org.tend.node.api.collective.Member;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.collective.PeerStatus;
import org.tend.node.api.collective.RemovalOutcome;
import org.tend.node.api.collective.Rules;
import org.tend.node.api.home.TendException;
import org.tend.node.api.transport.Admission;
import org.tend.node.api.transport.Connector;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.api.transport.PeerAddress;
import org.tend.node.api.transport.PeerListener;
import org.tend.node.keystore.NodeIdentity;
import org.tend.node.store.Store;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;

/**
 * Wires the collectives of one node: the manager and its book, the admission the transport
 * asks, the listener that syncs documents over links, and — once a network is attached — the
 * joiner and the dialer. The composition root holds one.
 */
public final class CollectiveModule implements Collectives,
    org.tend.node.api.replication.DocumentSink, AutoCloseable {
  private final CollectiveManager manager;
  private final PeerDirectory directory;
  private final CollectiveSync sync;
  private final MembershipChanges changes;
  private Optional<Connector> connector = Optional.empty();
  private volatile Optional<Dialer> dialer = Optional.empty();
  private Optional<LanDiscovery> lan = Optional.empty();
  /** Takes in what replication hands over (documents, addresses), one at a time, in order. */
  private final java.util.concurrent.ScheduledThreadPoolExecutor inbox = inbox();
  private final DocumentIntake intake;

  private CollectiveModule(CollectiveManager manager, PeerDirectory directory) {
    this.manager = manager;
    this.directory = directory;
    this.sync = new CollectiveSync(manager, new InviteDesk(manager), directory);
    manager.addListener(sync);
    this.changes = new MembershipChanges(manager);
    this.intake = new DocumentIntake(manager::ingest, inbox);
  }

  private static java.util.concurrent.ScheduledThreadPoolExecutor inbox() {
    java.util.concurrent.ScheduledThreadPoolExecutor inbox =
        new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
          Thread t = new Thread(r, "tend-collective-inbox");
          t.setDaemon(true);
          return t;
        });
    inbox.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return inbox;
  }

  public static CollectiveModule open(Store store, SecretBytes masterKey, NodeIdentity identity,
      Clock clock, Randomness randomness) throws TendException {
    CollectiveBook book = new CollectiveBook(store, masterKey, randomness);
    return new CollectiveModule(new CollectiveManager(book, identity, clock, randomness),
        new PeerDirectory(clock));
  }

  /** Who the transport lets in: members of this node's collectives, and invite holders. */
  public Admission admission() {
    return new Admission() {
      @Override
      public List<NetworkKey> networkKeys() {
        return manager.networkKeys();
      }

      @Override
      public boolean isMember(CollectiveId collective, MemberKey member) {
        return manager.isMember(collective, member);
      }
    };
  }

  /** What replication needs to know of a collective's membership, as of now. */
  public Optional<org.tend.node.api.replication.Membership> membership(CollectiveId collective) {
    return manager.membership(collective);
  }

  /**
   * Addresses a member's node announced through peer exchange: kept for the dialler (up to
   * {@link #MAX_ADDRESSES_PER_MEMBER} per member), if the member is active and not this node.
   */
  public void heard(CollectiveId collective, MemberKey member, List<PeerAddress.Tcp> addresses) {
    handOver(() -> {
      if (member.equals(manager.me()) || !manager.isMember(collective, member)) {
        return;
      }
      for (PeerAddress.Tcp address : addresses) {
        manager.heard(org.tend.protocol.proto.KnownAddress.newBuilder()
            .setCollectiveId(com.google.protobuf.ByteString.copyFrom(collective.bytes()))
            .setMember(com.google.protobuf.ByteString.copyFrom(member.bytes()))
            .setHost(address.host()).setPort(address.port()).setSource("peer exchange")
            .build(), MAX_ADDRESSES_PER_MEMBER);
      }
      dialer.ifPresent(Dialer::dialNow);
    });
  }

  /** Most addresses kept for one member of one collective. */
  public static final int MAX_ADDRESSES_PER_MEMBER = 8;

  /**
   * Membership documents that arrived in members' logs: into the history, on this module's own
   * thread (replication calls this holding its lock, and taking in a document can call back
   * into replication); those a failed write kept out are taken in again (see
   * {@link DocumentIntake}).
   */
  @Override
  public void documents(CollectiveId collective,
      List<org.tend.protocol.proto.SignedDocument> documents) {
    intake.take(collective, documents);
  }

  /**
   * Who reads a collective's logs again for their documents (the replay a start does), when
   * more documents than can be kept waited for a store that would not write.
   */
  public void onDocumentsLetGo(java.util.function.Consumer<CollectiveId> replay) {
    intake.onLetGo(replay);
  }

  private void handOver(Runnable task) {
    try {
      inbox.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // the node is closing: what was handed over comes again from the logs
    }
  }

  /** The documents this node signed in {@code collective}, in the order it made them. */
  public List<org.tend.protocol.proto.SignedDocument> ownDocuments(CollectiveId collective) {
    return manager.ownDocuments(collective);
  }

  /**
   * Hears of each document this node signs, as it is stored, with the key epoch it belongs to:
   * the epoch it was made in (a rotation belongs to the epoch before the one it starts, so the
   * members who need its keys can read it). Heard before links are told of the change.
   */
  public void onOwnDocuments(OwnDocuments listener) {
    // Ahead of the link watcher: a departure is in this node's log, and pushed, before the
    // links close.
    manager.addFirstListener((collective, added, roster) -> {
      for (VerifiedDocument d : added) {
        if (d.author().equals(manager.me())) {
          int epoch = d.body().hasKeysRotated()
              ? d.body().getKeysRotated().getEpoch() - 1 : roster.epoch();
          listener.signed(collective, d.signed(), epoch);
        }
      }
    });
  }

  /** Hears of documents this node signs. */
  public interface OwnDocuments {
    void signed(CollectiveId collective, org.tend.protocol.proto.SignedDocument document,
        int epoch);
  }

  /** What the transport tells of links. */
  public PeerListener peerListener() {
    return sync;
  }

  /** Attaches the node's network: joining becomes possible, and known members are dialled. */
  public synchronized void attach(Connector network, Duration dialInterval) {
    connector = Optional.of(network);
    Dialer d = new Dialer(manager, directory, network);
    d.start(dialInterval);
    dialer = Optional.of(d);
  }

  /**
   * Starts the LAN beacon: where this node's TCP listener can be reached ({@code listening})
   * goes out sealed to each collective's members, and their beacons become addresses to dial.
   *
   * @return the UDP port it listens on
   */
  public synchronized int startLan(LanSettings settings,
      java.util.function.Supplier<List<PeerAddress.Tcp>> listening) throws TendException {
    lan.ifPresent(LanDiscovery::close);
    LanDiscovery started = LanDiscovery.start(manager,
        () -> dialer.ifPresent(Dialer::dialNow), settings, listening);
    lan = Optional.of(started);
    return started.port();
  }

  /** Stops dialling and forgets the network (it is stopping). */
  public synchronized void detach() {
    lan.ifPresent(LanDiscovery::close);
    lan = Optional.empty();
    dialer.ifPresent(Dialer::close);
    dialer = Optional.empty();
    connector = Optional.empty();
  }

  @Override
  public CollectiveSummary create(String name, String displayName, Rules rules)
      throws TendException {
    return manager.create(name, displayName, rules);
  }

  @Override
  public List<CollectiveSummary> list() {
    return manager.list();
  }

  @Override
  public CollectiveSummary resolve(Optional<String> nameOrId) throws CollectiveException {
    return manager.resolve(nameOrId);
  }

  @Override
  public List<Member> members(CollectiveId collective) throws CollectiveException {
    return manager.members(collective);
  }

  @Override
  public Member member(CollectiveId collective, String fingerprint) throws CollectiveException {
    return manager.member(collective, fingerprint);
  }

  @Override
  public IssuedInvite invite(CollectiveId collective, int uses, Duration validFor,
      List<PeerAddress.Tcp> addresses) throws TendException {
    return changes.invite(collective, uses, validFor, addresses);
  }

  @Override
  public CollectiveSummary join(String code, String displayName) throws TendException {
    Connector network;
    synchronized (this) {
      network = connector.orElseThrow(() -> new CollectiveException(
          "Joining needs this node's network; start it with `tend up` first."));
    }
    CollectiveSummary joined = new Joiner(manager, sync, network).join(code, displayName);
    dialer.ifPresent(Dialer::dialNow);
    return joined;
  }

  @Override
  public org.tend.node.api.collective.GrantOutcome grantFacilitator(CollectiveId collective,
      MemberKey member) throws TendException {
    return changes.grantFacilitator(collective, member);
  }

  @Override
  public RemovalOutcome remove(CollectiveId collective, MemberKey member, String reason)
      throws TendException {
    return changes.remove(collective, member, reason);
  }

  /**
   * Leaves only while connected to another member's node, which passes the departure on: a
   * node that has left is let in by no one, so it could not tell them later.
   */
  @Override
  public void leave(CollectiveId collective) throws TendException {
    if (manager.rosterOf(collective).map(r -> r.activeCount() > 1).orElse(false)
        && directory.online(collective) == 0) {
      throw new CollectiveException("Your node is not connected to any other member right now,"
          + " so no one would hear that you left. Try again when `tend peers` shows someone"
          + " connected.");
    }
    changes.leave(collective);
  }

  /** What this node knows of reaching each other member of {@code collective}. */
  public List<PeerStatus> peers(CollectiveId collective) throws CollectiveException {
    List<PeerStatus> out = new ArrayList<>();
    List<org.tend.protocol.proto.KnownAddress> stored;
    try {
      stored = manager.addresses();
    } catch (TendException e) {
      stored = List.of();
    }
    for (Member member : manager.members(collective)) {
      if (member.key().equals(manager.me()) || !member.isActive()) {
        continue;
      }
      var seen = directory.of(collective, member.key());
      boolean connected = seen.map(s -> !s.links().isEmpty()).orElse(false);
      if (seen.isEmpty()) {
        out.add(fromStore(collective, member, stored));
        continue;
      }
      Optional<Instant> last = connected ? Optional.of(manager.clock().instant())
          : seen.map(PeerDirectory.Seen::lastSeen);
      out.add(new PeerStatus(member, connected, last, seen.map(PeerDirectory.Seen::address),
          seen.map(PeerDirectory.Seen::source), seen.flatMap(PeerDirectory.Seen::roundTrip)));
    }
    return out;
  }

  /** For tests in this package. */
  CollectiveManager manager() {
    return manager;
  }

  /** For tests in this package. */
  Connector connector() {
    return connector.orElseThrow();
  }

  /**
   * The newest network key this node holds for {@code collective}, whether or not it is still a
   * member (a removed node keeps the keys it had; they open nothing new).
   */
  public Optional<NetworkKey> currentNetworkKey(CollectiveId collective) {
    return manager.newestNetworkKey(collective);
  }

  /** What the store remembers of a member not seen since this node started. */
  private PeerStatus fromStore(CollectiveId collective, Member member,
      List<org.tend.protocol.proto.KnownAddress> stored) {
    com.google.protobuf.ByteString id = com.google.protobuf.ByteString.copyFrom(collective.bytes());
    com.google.protobuf.ByteString key = com.google.protobuf.ByteString.copyFrom(member.key().bytes());
    Optional<org.tend.protocol.proto.KnownAddress> known = stored.stream()
        .filter(a -> a.getCollectiveId().equals(id) && a.getMember().equals(key))
        .max(java.util.Comparator.comparingLong(
            org.tend.protocol.proto.KnownAddress::getLastSeenMillis));
    return new PeerStatus(member, false,
        known.map(a -> a.getLastSeenMillis()).filter(ms -> ms > 0).map(Instant::ofEpochMilli),
        known.map(a -> new PeerAddress.Tcp(a.getHost(), a.getPort()).toString()),
        known.map(org.tend.protocol.proto.KnownAddress::getSource), Optional.empty());
  }

  /** Members of {@code collective} connected right now. */
  public int online(CollectiveId collective) {
    return directory.online(collective);
  }

  /**
   * Stops everything that could still write to the store: rotation turns, the LAN beacon, the
   * dialler, and what replication handed over (waited for, outside this module's lock).
   */
  @Override
  public void close() {
    manager.close();
    synchronized (this) {
      lan.ifPresent(LanDiscovery::close);
      lan = Optional.empty();
      dialer.ifPresent(Dialer::close);
    }
    inbox.shutdown();
    try {
      if (!inbox.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
        inbox.shutdownNow();
      }
    } catch (InterruptedException e) {
      inbox.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
