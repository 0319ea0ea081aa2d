package org.tend.node.collective;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.home.TendException;
import org.tend.node.api.transport.Connector;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.api.transport.PeerAddress;
import org.tend.protocol.proto.KnownAddress;

/**
 * Keeps this node connected: every interval, it dials each known address of an active member
 * who is not connected, with the collective's newest network key. One attempt per address at a
 * time; failures are simply retried next round.
 */
final class Dialer implements AutoCloseable {
  private final CollectiveManager manager;
  private final PeerDirectory directory;
  private final Connector connector;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tend-dialer");
    t.setDaemon(true);
    return t;
  });

  Dialer(CollectiveManager manager, PeerDirectory directory, Connector connector) {
    this.manager = manager;
    this.directory = directory;
    this.connector = connector;
  }

  void start(Duration interval) {
    timer.scheduleWithFixedDelay(this::round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Dials now, without waiting for the next round. */
  void dialNow() {
    timer.execute(this::round);
  }

  private void round() {
    try {
      for (KnownAddress address : manager.addresses()) {
        dial(address);
      }
    } catch (TendException | RuntimeException e) {
      // the next round tries again
    }
  }

  private void dial(KnownAddress known) {
    CollectiveId collective = CollectiveId.of(known.getCollectiveId().toByteArray());
    MemberKey member = MemberKey.of(known.getMember().toByteArray());
    Optional<NetworkKey> key = newestKey(collective);
    String flight = collective + "/" + member + "/" + known.getHost() + ":" + known.getPort();
    if (key.isEmpty() || member.equals(manager.me()) || !manager.isMember(collective, member)
        || directory.isConnected(collective, member) || !inFlight.add(flight)) {
      return;
    }
    connector.connect(new PeerAddress.Tcp(known.getHost(), known.getPort()), key.get(), member)
        .whenComplete((link, failure) -> {
          inFlight.remove(flight);
          if (failure == null) {
            manager.seen(known.toBuilder().setLastSeenMillis(manager.clock().millis()).build());
          }
        });
  }

  private Optional<NetworkKey> newestKey(CollectiveId collective) {
    return manager.isMember(collective, manager.me())
        ? manager.newestNetworkKey(collective) : Optional.empty();
  }

  /** Stops dialling and waits for a round in progress, which reads the store, to end. */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
