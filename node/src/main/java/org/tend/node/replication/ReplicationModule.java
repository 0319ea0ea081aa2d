package org.tend.node.replication;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.home.TendException;
import org.tend.node.api.replication.AddressBook;
import org.tend.node.api.replication.Board;
import org.tend.node.api.replication.DocumentSink;
import org.tend.node.api.replication.Forks;
import org.tend.node.api.replication.ReplicationStatus;
import org.tend.node.api.transport.PeerAddress;
import org.tend.node.api.transport.PeerListener;
import org.tend.node.store.Store;
import org.tend.protocol.crypto.Ed25519KeyPair;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.SignedDocument;

/**
 * Wires replication for one node: logs sealed in its store, one replication thread, the
 * anti-entropy timer while the network runs, and the board over it all. The composition root
 * holds one.
 */
public final class ReplicationModule implements AutoCloseable {
  private final ExecutorService executor;
  private final ScheduledExecutorService timers;
  private final Replicator replicator;
  private final BoardService board;
  private final PeerExchange peerExchange;
  private final ForkDesk forks;
  private final MembershipFeed membershipFeed;
  private Optional<ScheduledFuture<?>> antiEntropy = Optional.empty();

  private ReplicationModule(ExecutorService executor, ScheduledExecutorService timers,
      Replicator replicator, AddressBook addresses, DocumentSink documents) {
    this.executor = executor;
    this.timers = timers;
    this.replicator = replicator;
    this.board = new BoardService(replicator, replicator.memberships());
    this.peerExchange = new PeerExchange(replicator, addresses);
    this.forks = new ForkDesk(replicator);
    this.membershipFeed = new MembershipFeed(replicator, documents);
  }

  /**
   * Membership documents to go into this node's log in {@code collective} (those not there
   * yet), on the replication thread: its own of before a crash or an upgrade, and others' that
   * reached it outside the logs.
   */
  /**
   * A membership document this node just signed, into its log now, in the epoch it belongs
   * to. Durable when this returns; if it fails, the next start puts it in the log.
   */
  public void ownDocument(CollectiveId collective, SignedDocument document, int epoch) {
    try {
      membershipFeed.publishOwn(collective, document, java.util.OptionalInt.of(epoch));
    } catch (TendException | RuntimeException e) {
      // logged at the next start, with every document not yet in the log
    }
  }

  /** At start: what taking each held event in does, done again (see {@link Replicator#replay}). */
  public void replay(CollectiveId collective) {
    try {
      executor.execute(() -> {
        try {
          replicator.replay(collective);
        } catch (TendException | RuntimeException e) {
          // the events stay held; the next start tries again
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // the node is closing
    }
  }

  public void ownDocuments(CollectiveId collective, List<SignedDocument> documents) {
    try {
      executor.execute(() -> {
        try {
          membershipFeed.publishOwn(collective, documents);
        } catch (TendException | RuntimeException e) {
          // left for the next start, which puts every document not yet logged in the log
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // the node is closing; the next start logs the document
    }
  }

  public Forks forks() {
    return forks;
  }

  /**
   * @param addresses where addresses heard through peer exchange go (the dialler's book)
   * @param documents where membership documents heard in members' logs go (the history)
   */
  public static ReplicationModule open(Store store, SecretBytes masterKey, Ed25519KeyPair signing,
      Replicator.MembershipSource memberships, AddressBook addresses, DocumentSink documents,
      Clock clock, Randomness randomness) throws TendException {
    SealedEventStore logs = new SealedEventStore(store, masterKey, randomness);
    ExecutorService executor = Executors.newSingleThreadExecutor(daemon("tend-replication"));
    java.util.concurrent.ScheduledThreadPoolExecutor timers =
        new java.util.concurrent.ScheduledThreadPoolExecutor(1, daemon("tend-replication-timer"));
    timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    Replicator replicator = Replicator.builder(logs,
            memberships, signing)
        .clock(clock).randomness(randomness).executor(executor).timers(timers).build();
    return new ReplicationModule(executor, timers, replicator, addresses, documents);
  }

  /** For tests in this package. */
  Replicator replicator() {
    return replicator;
  }

  public PeerListener peerListener() {
    return replicator;
  }

  public Board board() {
    return board;
  }

  public ReplicationStatus status(CollectiveId collective) throws TendException {
    return replicator.status(collective);
  }

  /**
   * While the network runs: each period, compare sequence vectors with every neighbour, and
   * tell each collective this node is active in where it can be reached, if that changed.
   *
   * @param listening where this node's network listens now (what is announced of it: see
   *     {@link ListenPoints})
   * @param collectives the collectives this node belongs to
   */
  public synchronized void start(Duration period, Supplier<List<PeerAddress>> listening,
      Supplier<List<CollectiveId>> collectives) {
    stop();
    Runnable announce = () -> {
      for (CollectiveId c : collectives.get()) {
        try {
          peerExchange.announce(c, ListenPoints.announced(listening.get()));
        } catch (TendException | RuntimeException e) {
          // tried again next period
        }
      }
    };
    timers.execute(announce);
    antiEntropy = Optional.of(timers.scheduleWithFixedDelay(() -> {
      announce.run();
      replicator.antiEntropy();
    }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS));
  }

  public synchronized void stop() {
    antiEntropy.ifPresent(f -> f.cancel(false));
    antiEntropy = Optional.empty();
  }

  /** Stops the timers and waits for frames being handled, so nothing writes after this. */
  @Override
  public void close() {
    stop();
    timers.shutdown();
    executor.shutdown();
    try {
      // an announcement or frames being handled finish their write; queued work is dropped
      if (!timers.awaitTermination(10, TimeUnit.SECONDS)) {
        timers.shutdownNow();
      }
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      timers.shutdownNow();
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
