package org.tend.node.repair;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.tend.node.api.home.TendException;
import org.tend.node.api.journal.Entry;
import org.tend.node.api.journal.EntryDetails;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.Journal;
import org.tend.node.api.journal.RepairLink;
import org.tend.node.api.repair.Repair;
import org.tend.node.api.repair.RepairId;
import org.tend.node.api.repair.RepairNotFoundException;
import org.tend.node.api.repair.RepairStatus;
import org.tend.node.api.repair.RepairStep;
import org.tend.node.api.repair.Repairs;
import org.tend.node.store.RecordBox;
import org.tend.node.store.Store;
import org.tend.protocol.proto.RepairRecord;

/**
 * Repairs kept as sealed records beside the journal. An answer is written to the journal first
 * and the repair moved on second, so a crash in between only means the step is offered again.
 */
final class RepairBook implements Repairs {
  static final int FORMAT = 1;
  static final int MAX_TITLE_CHARS = 200;

  private final RecordBox<RepairRecord> records;
  private final Journal journal;
  private final Store store;
  private final Clock clock;

  RepairBook(RecordBox<RepairRecord> records, Journal journal, Store store, Clock clock) {
    this.records = records;
    this.journal = journal;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public Repair begin(String title) throws TendException {
    String trimmed = title.strip();
    if (trimmed.length() > MAX_TITLE_CHARS) {
      throw new IllegalArgumentException("a repair's title holds at most " + MAX_TITLE_CHARS
          + " characters");
    }
    String id = records.newId();
    RepairRecord record = RepairRecord.newBuilder()
        .setFormat(FORMAT)
        .setTitle(trimmed)
        .setBegunAtMillis(clock.millis())
        .setNextStep(org.tend.protocol.proto.RepairStep.NOTICE)
        .setStatus(org.tend.protocol.proto.RepairStatus.IN_PROGRESS)
        .build();
    records.put(id, record);
    return toRepair(id, record);
  }

  @Override
  public Entry answer(RepairId repair, RepairStep step, String text,
      Optional<EntryDetails> details) throws TendException {
    RepairRecord record = load(repair);
    Entry entry = journal.write(new EntryDraft(step.kind(), text, details,
        Optional.of(new RepairLink(repair, step))));
    records.put(repair.hex(), movedPast(record, step));
    return entry;
  }

  @Override
  public Repair skip(RepairId repair, RepairStep step) throws TendException {
    RepairRecord moved = movedPast(load(repair), step);
    records.put(repair.hex(), moved);
    return toRepair(repair.hex(), moved);
  }

  @Override
  public Repair get(RepairId repair) throws TendException {
    return toRepair(repair.hex(), load(repair));
  }

  @Override
  public List<Repair> list() throws TendException {
    return records.all().stream()
        .map(stored -> toRepair(stored.id(), stored.message()))
        .sorted(Comparator.comparing(Repair::begunAt).reversed())
        .toList();
  }

  @Override
  public Repair close(RepairId repair, RepairStatus outcome) throws TendException {
    if (!outcome.isClosed()) {
      throw new IllegalArgumentException("close a repair as repaired, not now, or let go");
    }
    RepairRecord closed = load(repair).toBuilder()
        .setStatus(org.tend.protocol.proto.RepairStatus.valueOf(outcome.name()))
        .setClosedAtMillis(clock.millis())
        .build();
    records.put(repair.hex(), closed);
    return toRepair(repair.hex(), closed);
  }

  @Override
  public void delete(RepairId repair) throws TendException {
    load(repair);
    for (Entry step : journal.forRepair(repair)) {
      journal.delete(step.id());
    }
    records.delete(repair.hex());
    store.purgeDeleted();
  }

  @Override
  public RepairId resolve(String prefix) throws TendException {
    return new RepairId(records.resolve(prefix).orElseThrow(() -> new RepairNotFoundException(prefix)));
  }

  private RepairRecord load(RepairId repair) throws TendException {
    return records.get(repair.hex()).orElseThrow(() -> new RepairNotFoundException(repair.hex()));
  }

  /** Moves the repair past {@code step}; answering an earlier step again never rewinds it. */
  private static RepairRecord movedPast(RepairRecord record, RepairStep step) {
    int next = record.getNextStepValue(); // proto numbers equal step numbers; 0 = all offered
    if (next == 0 || step.number() < next) {
      return record;
    }
    return record.toBuilder()
        .setNextStep(step.next()
            .map(s -> org.tend.protocol.proto.RepairStep.valueOf(s.name()))
            .orElse(org.tend.protocol.proto.RepairStep.REPAIR_STEP_UNSPECIFIED))
        .build();
  }

  private static Repair toRepair(String id, RepairRecord record) {
    Optional<RepairStep> next = record.getNextStep()
        == org.tend.protocol.proto.RepairStep.REPAIR_STEP_UNSPECIFIED
        ? Optional.empty()
        : Optional.of(RepairStep.valueOf(record.getNextStep().name()));
    Optional<Instant> closedAt = record.getClosedAtMillis() == 0
        ? Optional.empty()
        : Optional.of(Instant.ofEpochMilli(record.getClosedAtMillis()));
    return new Repair(new RepairId(id), record.getTitle(), Instant.ofEpochMilli(record.getBegunAtMillis()),
        next, RepairStatus.valueOf(record.getStatus().name()), closedAt);
  }
}
