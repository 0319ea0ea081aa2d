package org.tend.node.api.repair;

/** The survival responses a member may notice in themself. */
public enum SurvivalResponse {
  FIGHT("fight"),
  FLIGHT("flight"),
  FREEZE("freeze"),
  FAWN("fawn"),
  OTHER("other");

  private final String label;

  SurvivalResponse(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
