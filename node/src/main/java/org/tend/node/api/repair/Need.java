package org.tend.node.api.repair;

/** What a member may ask for after a rupture. */
public enum Need {
  SPACE("space"),
  SOLITUDE("solitude"),
  DISENGAGEMENT("disengagement"),
  SILENCE_AND_PRESENCE("silence and presence"),
  ASSURANCE("assurance"),
  OTHER("something else");

  private final String label;

  Need(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
