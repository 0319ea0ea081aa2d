package org.tend.node.simulation;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.replication.EventId;
import org.tend.node.api.replication.Membership;
import org.tend.node.api.transport.Admission;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.api.transport.PeerAddress;
import org.tend.node.api.transport.PeerLink;
import org.tend.node.api.transport.PeerUnreachableException;
import org.tend.node.api.transport.TransportLimits;
import org.tend.node.keystore.NodeIdentity;
import org.tend.node.replication.MemoryEventStore;
import org.tend.node.replication.Replicator;
import org.tend.node.transport.Network;
import org.tend.protocol.proto.SignedEvent;

/**
 * One simulated member's node: a real network endpoint on in-memory channels and a real
 * replicator over logs kept in memory. Its logs survive {@link #stop} and {@link #start}, as a
 * node's store survives a restart.
 */
final class SimNode {
  /** What every node reports to the simulation. */
  interface Events {
    void delivered(int node, EventId id, int hops, boolean repaired);

    void copies(int node, List<SignedEvent> events);
  }

  final int index;
  final NodeIdentity identity;
  final MemberKey key;
  final PeerAddress.InMemory address;
  final Replicator replicator;
  final AtomicLong bytesSent = new AtomicLong();
  final AtomicLong bytesReceived = new AtomicLong();
  final AtomicLong framesSent = new AtomicLong();
  final AtomicLong framesReceived = new AtomicLong();
  private final Network.Threads threads;
  private final Admission admission;
  private final LinkFaults faults;
  private final Clock clock;
  private final SeededRandomness random;
  private Optional<Network> network = Optional.empty();

  SimNode(int index, NodeIdentity identity, Membership membership, NetworkKey key,
      Network.Threads threads, Executor shared, ScheduledExecutorService timers,
      LinkFaults faults, Clock clock, SeededRandomness random, Duration graftTimeout,
      Events events) {
    this.index = index;
    this.identity = identity;
    this.key = MemberKey.of(identity.signing().publicKey());
    this.address = new PeerAddress.InMemory("tend-sim-" + index + "-" + Long.toHexString(
        random.split().nextInt(Integer.MAX_VALUE)));
    this.threads = threads;
    this.faults = faults;
    this.clock = clock;
    this.random = random;
    CollectiveId collective = membership.collective();
    this.admission = new Admission() {
      @Override
      public List<NetworkKey> networkKeys() {
        return List.of(key);
      }

      @Override
      public boolean isMember(CollectiveId c, MemberKey member) {
        return c.equals(collective) && membership.isActive(member);
      }
    };
    this.replicator = Replicator.builder(new MemoryEventStore(),
            c -> c.equals(collective) ? Optional.of(membership) : Optional.empty(),
            identity.signing())
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
  }

  synchronized boolean online() {
    return network.isPresent();
  }

  /** Starts listening. */
  synchronized void start(TransportLimits limits) throws PeerUnreachableException {
    if (network.isPresent()) {
      return;
    }
    Network n = Network.builder(identity, admission)
        .listener(faults.around(key, replicator)).limits(limits).clock(clock)
        .randomness(random).threads(threads).start();
    n.listen(address);
    network = Optional.of(n);
  }

  /** Goes offline: every link closes. */
  synchronized void stop() {
    network.ifPresent(Network::close);
    network = Optional.empty();
  }

  synchronized java.util.concurrent.CompletableFuture<PeerLink> connect(SimNode other,
      NetworkKey key) {
    return network.orElseThrow().connect(other.address, key, other.key);
  }
}
