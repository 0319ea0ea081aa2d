package org.tend.node.simulation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.home.TendException;
import org.tend.node.api.replication.EventId;
import org.tend.node.api.replication.Membership;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.api.transport.PeerAddress;
import org.tend.node.api.transport.PeerLink;
import org.tend.node.api.transport.PeerListener;
import org.tend.node.api.transport.PeerUnreachableException;
import org.tend.node.api.transport.TransportLimits;
import org.tend.node.collective.CollectiveModule;
import org.tend.node.keystore.NodeIdentity;
import org.tend.node.replication.ReplicationReaders;
import org.tend.node.replication.MemoryEventStore;
import org.tend.node.replication.Replicator;
import org.tend.node.store.Store;
import org.tend.node.store.StoreOptions;
import org.tend.node.transport.Network;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.SignedEvent;

/**
 * One simulated member's node, composed as {@code TendNode} composes one: its membership is the
 * real collective module over a RocksDB store of its own (small, unsynced: the machine is shared
 * by hundreds), documents travel in authors' logs through the real membership readers, and a
 * real replicator keeps the logs, in memory. A hostile node has the same parts, with
 * {@link Hostility} between its replicator and its links. Its logs and store survive
 * {@link #stop} and {@link #start}, as a node's do across a restart.
 */
final class SimNode {
  /** What every node reports to the simulation. */
  interface Events {
    void delivered(int node, EventId id, int hops, boolean repaired);

    void copies(int node, List<SignedEvent> events);
  }

  /**
   * Small memtables, one background job, no fsync: many stores share one disk and two cores.
   * And few open table files: a thousand stores share the process's limit on open files
   * (20,000 here), and past it RocksDB fails writes for good ("Too many open files").
   */
  static final StoreOptions STORE_OPTIONS =
      new StoreOptions(false, 1, 64 * 1024, StoreOptions.MIN_OPEN_FILES);

  final int index;
  final NodeIdentity identity;
  final MemberKey key;
  final PeerAddress.InMemory address;
  final Store store;
  final CollectiveModule collectives;
  final Replicator replicator;
  final MemoryEventStore events;
  final ReplicationReaders readers;
  final Hostility hostility;
  final AtomicLong bytesSent = new AtomicLong();
  final AtomicLong bytesReceived = new AtomicLong();
  final AtomicLong framesSent = new AtomicLong();
  final AtomicLong framesReceived = new AtomicLong();
  private final Network.Threads threads;
  private final LinkFaults faults;
  private final Clock clock;
  private final SeededRandomness random;
  private Optional<Network> network = Optional.empty();

  SimNode(int index, NodeIdentity identity, Path storeDirectory, Network.Threads threads,
      Executor shared, ScheduledExecutorService timers, LinkFaults faults, Clock clock,
      SeededRandomness random, Duration graftTimeout, Events events, Hostility hostility)
      throws TendException {
    this.index = index;
    this.identity = identity;
    this.key = MemberKey.of(identity.signing().publicKey());
    this.address = new PeerAddress.InMemory("tend-sim-" + index + "-" + Long.toHexString(
        random.split().nextInt(Integer.MAX_VALUE)));
    this.threads = threads;
    this.faults = faults;
    this.clock = clock;
    this.random = random;
    this.hostility = hostility;
    try (SecretBytes master = SecretBytes.copyOf(random.bytes(32))) {
      // Made, then opened again: RocksDB keeps 13 handles on the directory of a store it has
      // just made, and 2 once it is opened again (decision 0054).
      Store.open(storeDirectory, STORE_OPTIONS, master).close();
      Store opened = Store.open(storeDirectory, STORE_OPTIONS, master);
      try {
        this.collectives = CollectiveModule.open(opened, master, identity, clock,
            random.split());
      } catch (TendException | RuntimeException e) {
        opened.close();
        throw e;
      }
      this.store = opened;
    }
    this.events = new MemoryEventStore();
    this.replicator = Replicator.builder(this.events, collectives::membership, identity.signing())
        .clock(clock).randomness(random).executor(new SerialExecutor(shared)).timers(timers)
        .graftTimeout(graftTimeout)
        .observer(new Replicator.Observer() {
          @Override
          public void frame(boolean sent, int bytes) {
            (sent ? bytesSent : bytesReceived).addAndGet(bytes);
            (sent ? framesSent : framesReceived).incrementAndGet();
          }

          @Override
          public void copies(List<SignedEvent> pushed) {
            events.copies(index, pushed);
          }

          @Override
          public void delivered(EventId id, int hops, boolean repaired) {
            events.delivered(index, id, hops, repaired);
          }
        }).build();
    this.readers = new ReplicationReaders(replicator, collectives::heard, collectives);
    collectives.onDocumentsLetGo(collective -> {
      try {
        replicator.replay(collective);
      } catch (TendException | RuntimeException e) {
        // the simulation's checks see the documents missing
      }
    });
  }

  /** From now on, documents this node signs go into its log (as {@code TendNode} wires them). */
  void logDocuments() {
    collectives.onOwnDocuments((collective, document, epoch) -> {
      try {
        readers.publishOwn(collective, document, epoch);
      } catch (TendException | RuntimeException e) {
        // a node logs it at its next start; the simulation's checks see it missing
      }
    });
  }

  Optional<Membership> membership(CollectiveId collective) {
    return collectives.membership(collective);
  }

  synchronized boolean online() {
    return network.isPresent();
  }

  /** Starts listening. */
  synchronized void start(TransportLimits limits) throws PeerUnreachableException {
    if (network.isPresent()) {
      return;
    }
    PeerListener inner = PeerListener.all(collectives.peerListener(), replicator);
    Network.Builder b = Network.builder(identity, collectives.admission())
        .listener(faults.around(key, hostility.around(inner))).limits(limits).clock(clock)
        .randomness(random).threads(threads);
    if (hostility.does(Behaviour.REPLAY)) {
      b.recordFirstMessages(hostility::record);
    }
    Network n = b.start();
    n.listen(address);
    network = Optional.of(n);
  }

  /** Goes offline: every link closes. */
  synchronized void stop() {
    network.ifPresent(Network::close);
    network = Optional.empty();
  }

  /** Stops for good: the network, then the membership threads, then the store. */
  synchronized void close() {
    stop();
    collectives.close();
    store.close();
  }

  /** Sends {@code bytes} to {@code other} on a bare connection; bytes that came back. */
  synchronized java.util.concurrent.CompletableFuture<Integer> sendRaw(SimNode other,
      byte[] bytes, Duration wait) {
    return network.orElseThrow().sendRaw(other.address, bytes, wait);
  }

  synchronized java.util.concurrent.CompletableFuture<PeerLink> connect(SimNode other,
      NetworkKey key) {
    return network.orElseThrow().connect(other.address, key, other.key);
  }
}
