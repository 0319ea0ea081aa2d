package org.tend.node.store;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.rocksdb.AbstractEventListener;
import org.rocksdb.Status;
import org.tend.node.api.home.StoreState;

/**
 * Whether the store can write. After a failed write RocksDB refuses every write until it
 * recovers, and on a full disk it recovers by itself: it checks the free space every 5 s, flushes
 * what it holds and starts a new write-ahead log. A refused write marks the store failing; the
 * end of RocksDB's recovery marks it writing again. (RocksJava cannot report every background
 * error, so a failure shows from the first refused write on.)
 */
final class WriteHealth extends AbstractEventListener {
  private final Clock clock;
  private final AtomicReference<StoreState> state = new AtomicReference<>(StoreState.WRITING);

  WriteHealth(Clock clock) {
    // Its background-error callback throws on the reasons it does not know (a flush with no
    // write-ahead log, which recovery does), printing a stack trace into node.log each time.
    super(EnabledEventCallback.ON_ERROR_RECOVERY_COMPLETED);
    this.clock = clock;
  }

  StoreState state() {
    return state.get();
  }

  @Override
  public void onErrorRecoveryCompleted(Status oldError) {
    state.set(StoreState.WRITING);
  }

  /** A write went through, so a failure recorded just before a recovery is over too. */
  void wrote() {
    if (!state.get().writes()) {
      state.set(StoreState.WRITING);
    }
  }

  /** Records a failed write; the first failure's time is kept until the store recovers. */
  void failed(boolean diskFull) {
    StoreState.Problem problem =
        diskFull ? StoreState.Problem.DISK_FULL : StoreState.Problem.WRITE_ERROR;
    state.updateAndGet(now -> now.writes()
        ? StoreState.failing(problem, clock.instant())
        : now.problem() == problem ? now : new StoreState(problem, now.since()));
  }

  static boolean isNoSpace(Status status) {
    return status != null && (status.getSubCode() == Status.SubCode.NoSpace
        || String.valueOf(status.getState()).contains("No space left"));
  }
}
