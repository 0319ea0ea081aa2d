package org.tend.node.collective;

import java.time.Duration;
import java.util.Map;
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
 * time. An address that fails waits twice as long after each failure (up to
 * {@link #MAX_BACKOFF_ROUNDS} intervals); one that has never completed a handshake is
 * forgotten after {@link #UNANSWERED_TRIES} failures in a row, and one not reached for
 * {@link #UNSEEN_LIFETIME} is forgotten too. So an announced or replayed address that belongs
 * to no member's node (a third party's, an attacker's) costs a few dials, not one every round
 * for ever, and does not hold one of the member's address slots.
 */
final class Dialer implements AutoCloseable {
  /** Failed dials in a row after which an address that never answered is forgotten. */
  static final int UNANSWERED_TRIES = 6;
  /** Longest wait between dials of a failing address, in dial intervals. */
  static final int MAX_BACKOFF_ROUNDS = 64;
  /** How long an address that once answered is kept without answering again. */
  static final Duration UNSEEN_LIFETIME = Duration.ofDays(30);

  /** Failed dials of one address in a row, and the time before which it waits. */
  private record Failing(int failures, long notBeforeMillis) {
  }

  private final CollectiveManager manager;
  private final PeerDirectory directory;
  private final Connector connector;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final Map<String, Failing> failing = new ConcurrentHashMap<>();
  private volatile long intervalMillis = 10_000;
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
    intervalMillis = interval.toMillis();
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
    long now = manager.clock().millis();
    if (known.getLastSeenMillis() > 0
        && now - known.getLastSeenMillis() > UNSEEN_LIFETIME.toMillis()) {
      manager.forget(known);
      return;
    }
    Failing before = failing.get(flight);
    if (key.isEmpty() || member.equals(manager.me()) || !manager.isMember(collective, member)
        || directory.isConnected(collective, member)
        || (before != null && now < before.notBeforeMillis()) || !inFlight.add(flight)) {
      return;
    }
    connector.connect(new PeerAddress.Tcp(known.getHost(), known.getPort()), key.get(), member)
        .whenComplete((link, failure) -> {
          if (failure == null) {
            failing.remove(flight);
            manager.seen(known.toBuilder().setLastSeenMillis(manager.clock().millis()).build());
          } else {
            failed(known, flight);
          }
          inFlight.remove(flight);
        });
  }

  private void failed(KnownAddress known, String flight) {
    Failing f = failing.merge(flight, new Failing(1, 0),
        (a, b) -> new Failing(a.failures() + 1, 0));
    if (known.getLastSeenMillis() == 0 && f.failures() >= UNANSWERED_TRIES) {
      failing.remove(flight);
      manager.forget(known); // never a member's node here: a LAN beacon comes again if it was
      return;
    }
    long rounds = 1L << Math.min(f.failures() - 1, 6);
    long wait = intervalMillis * Math.min(rounds, MAX_BACKOFF_ROUNDS);
    failing.put(flight, new Failing(f.failures(), manager.clock().millis() + wait));
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
