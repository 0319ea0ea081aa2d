package org.tend.node.api.repair;

/** Where a repair stands. Only the member closes a repair; nothing closes it for them. */
public enum RepairStatus {
  IN_PROGRESS("in progress"),
  REPAIRED("repaired"),
  NOT_NOW("not now"),
  LET_GO("let go");

  private final String label;

  RepairStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean isClosed() {
    return this != IN_PROGRESS;
  }
}
