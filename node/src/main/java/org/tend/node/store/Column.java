package org.tend.node.store;

/** The store's column families. Keys in every column are random ids; values are sealed. */
public enum Column {
  /**
   * Per entry: its index part (kind, time, links, content key) sealed under the index key, and
   * its body (text and details) sealed under the entry's own content key.
   */
  ENTRIES("entries"),
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
