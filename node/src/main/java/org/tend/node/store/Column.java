package org.tend.node.store;

/** The store's column families. Keys in every column are random ids; values are sealed. */
public enum Column {
  /** Per entry: its kind, time, links and content key, sealed under the index key. */
  INDEX("index"),
  /** Per entry: its text and details, sealed under the entry's own key. */
  BODY("body"),
  REPAIRS("repairs"),
  RESOURCES("resources");

  private final String familyName;

  Column(String familyName) {
    this.familyName = familyName;
  }

  public String familyName() {
    return familyName;
  }
}
