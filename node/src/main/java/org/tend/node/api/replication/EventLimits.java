package org.tend.node.api.replication;

/** Hard limits on events; every one is tested at its maximum and one past it. */
public final class EventLimits {
  /**
   * Largest signed event (header, signature and content), in bytes: room for the largest
   * membership document (64 KiB), padded.
   */
  public static final int MAX_EVENT_BYTES = 72 * 1024;
  /** Longest notice, in characters. */
  public static final int MAX_NOTICE_CHARS = 2000;
  /** Most named recipients of one event. */
  public static final int MAX_RECIPIENTS = 16;
  /**
   * An author's log may hold at most this many events within any {@link #RATE_WINDOW_MILLIS}
   * of their timestamps: a member's node cannot flood the others, and every node applies the
   * same rule to the same log.
   */
  public static final int RATE_EVENTS = 60;
  public static final long RATE_WINDOW_MILLIS = 60_000;
  /** How far in the future an event's timestamp may be (clocks must agree this well). */
  public static final long MAX_CLOCK_SKEW_MILLIS = 10 * 60_000;
  /** Events held ahead of a gap, per author and in all. */
  public static final int MAX_WAITING_PER_AUTHOR = 256;
  public static final int MAX_WAITING = 4096;
  /** Most events, and bytes of events, sent in answer to one request or vector. */
  public static final int MAX_ANSWER_EVENTS = 4096;
  public static final long MAX_ANSWER_BYTES = 2L * 1024 * 1024;

  private EventLimits() {
  }
}
