package org.tend.node.api.home;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the journal store can write, as a running node reports it: a node whose disk filled
 * up keeps answering, so `tend status` must say that it cannot save anything.
 *
 * @param problem what stops writes, or {@link Problem#NONE}
 * @param since when writes began to fail; empty while the store writes
 */
public record StoreState(Problem problem, Optional<Instant> since) {
  /** What stops the store from writing. */
  public enum Problem {
    NONE,
    /** The disk is full; the store writes again by itself once enough space is free. */
    DISK_FULL,
    /** Another write error; the store stays read-only until the node restarts. */
    WRITE_ERROR
  }

  public static final StoreState WRITING = new StoreState(Problem.NONE, Optional.empty());

  public StoreState {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(since, "since");
    if ((problem == Problem.NONE) != since.isEmpty()) {
      throw new IllegalArgumentException("a store that cannot write says since when, only then");
    }
  }

  public static StoreState failing(Problem problem, Instant since) {
    return new StoreState(problem, Optional.of(since));
  }

  public boolean writes() {
    return problem == Problem.NONE;
  }
}
