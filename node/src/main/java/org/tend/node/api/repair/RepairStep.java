package org.tend.node.api.repair;

import java.util.Optional;
import org.tend.node.api.journal.EntryKind;

/**
 * The steps of the rupture-to-repair practice in the order the guide offers them, each saved as
 * a journal entry of the given kind. Readiness is the closing self-check of reflection.
 */
public enum RepairStep {
  NOTICE("Notice", EntryKind.RUPTURE),
  NAME_IT("Name it", EntryKind.NOTE),
  ASK("Ask for what you need", EntryKind.NEED),
  STABILISE("Stabilise", EntryKind.STABILISATION),
  HONOUR("Honour the pain", EntryKind.HONOURING),
  REFLECT("Reflect", EntryKind.REFLECTION),
  READINESS("Readiness check", EntryKind.REFLECTION),
  RE_ENGAGE("Re-engage with care", EntryKind.RE_ENGAGEMENT),
  RECONNECT("Reconnect", EntryKind.RECONNECTION);

  private final String title;
  private final EntryKind kind;

  RepairStep(String title, EntryKind kind) {
    this.title = title;
    this.kind = kind;
  }

  public String title() {
    return title;
  }

  public EntryKind kind() {
    return kind;
  }

  /** 1-based position shown to the member ("step 3 of 9"). */
  public int number() {
    return ordinal() + 1;
  }

  public Optional<RepairStep> next() {
    RepairStep[] all = values();
    return ordinal() + 1 < all.length ? Optional.of(all[ordinal() + 1]) : Optional.empty();
  }
}
