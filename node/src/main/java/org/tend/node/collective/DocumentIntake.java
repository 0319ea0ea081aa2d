package org.tend.node.collective;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.home.TendException;
import org.tend.protocol.proto.SignedDocument;

/**
 * Takes the membership documents that arrived in members' logs into the history, on the
 * collective module's own thread, and keeps those a failed write kept out.
 *
 * <p>By the time a document gets here, the event that carried it is stored, so nothing brings
 * it again before the node's next start: a history that lost the last part of a key rotation
 * to one refused write (a full disk, too many open files) would stay on the old keys, reading
 * nothing new, for as long as the node runs. So what a failed intake held is kept and taken in
 * again with whatever arrives next, and on a timer — after 1 s, doubling up to 30 s — until the
 * store writes. At most {@link #MAX_PENDING_BYTES} are kept; beyond that the oldest are let go,
 * and once the store writes again every log of that collective is read again for its documents
 * (the replay a start does).
 */
final class DocumentIntake {
  /** Where documents go: the collective's history. */
  interface History {
    void ingest(CollectiveId collective, List<SignedDocument> documents) throws TendException;
  }

  /**
   * Most bytes of documents kept for another try: a rotation in parts for 8,192 members, the
   * most there can be, is 32 parts of about 43 KB (1.4 MB).
   */
  static final long MAX_PENDING_BYTES = 8L << 20;
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration LAST_RETRY = Duration.ofSeconds(30);

  private final History history;
  private final ScheduledExecutorService thread;
  // Everything below is touched on {@code thread} only.
  private final Map<CollectiveId, LinkedHashSet<SignedDocument>> pending =
      new LinkedHashMap<>();
  private final Set<CollectiveId> letGo = new LinkedHashSet<>();
  private long pendingBytes;
  private Duration nextRetry = FIRST_RETRY;
  private boolean retryDue;
  private volatile Consumer<CollectiveId> replay = collective -> { };

  /** @param thread the single thread documents are taken in on */
  DocumentIntake(History history, ScheduledExecutorService thread) {
    this.history = history;
    this.thread = thread;
  }

  /** Who reads a collective's logs again for their documents, after some were let go. */
  void onLetGo(Consumer<CollectiveId> replay) {
    this.replay = replay;
  }

  /** Hands {@code documents} over to the intake thread. */
  void take(CollectiveId collective, List<SignedDocument> documents) {
    try {
      thread.execute(() -> intake(collective, documents));
    } catch (RejectedExecutionException closing) {
      // the node is closing: the next start reads every log again
    }
  }

  private void intake(CollectiveId collective, List<SignedDocument> documents) {
    List<SignedDocument> all = new ArrayList<>(pending.getOrDefault(collective,
        new LinkedHashSet<>()));
    all.addAll(documents);
    try {
      history.ingest(collective, all);
    } catch (TendException | RuntimeException e) {
      keep(collective, documents);
      retryLater();
      return;
    }
    LinkedHashSet<SignedDocument> taken = pending.remove(collective);
    if (taken != null) {
      taken.forEach(doc -> pendingBytes -= doc.getSerializedSize());
    }
    if (pending.isEmpty()) {
      nextRetry = FIRST_RETRY;
    }
    if (letGo.remove(collective)) {
      replay.accept(collective);
    }
  }

  private void keep(CollectiveId collective, List<SignedDocument> documents) {
    LinkedHashSet<SignedDocument> mine =
        pending.computeIfAbsent(collective, c -> new LinkedHashSet<>());
    for (SignedDocument doc : documents) {
      if (mine.add(doc)) {
        pendingBytes += doc.getSerializedSize();
      }
    }
    while (pendingBytes > MAX_PENDING_BYTES) {
      Map.Entry<CollectiveId, LinkedHashSet<SignedDocument>> oldest =
          pending.entrySet().iterator().next();
      SignedDocument first = oldest.getValue().iterator().next();
      oldest.getValue().remove(first);
      pendingBytes -= first.getSerializedSize();
      letGo.add(oldest.getKey());
      if (oldest.getValue().isEmpty()) {
        pending.remove(oldest.getKey());
      }
    }
  }

  private void retryLater() {
    if (retryDue) {
      return;
    }
    retryDue = true;
    try {
      thread.schedule(this::retry, nextRetry.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      // the node is closing: the next start reads every log again
    }
  }

  private void retry() {
    retryDue = false;
    Duration doubled = nextRetry.multipliedBy(2);
    nextRetry = doubled.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : doubled;
    Set<CollectiveId> waiting = new LinkedHashSet<>(pending.keySet());
    waiting.addAll(letGo);
    for (CollectiveId collective : waiting) {
      intake(collective, List.of()); // a failure schedules the next try
    }
  }
}
