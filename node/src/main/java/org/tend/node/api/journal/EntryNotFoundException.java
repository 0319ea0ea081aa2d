package org.tend.node.api.journal;

import org.tend.node.api.home.TendException;

/** No entry matches the id or prefix given. */
public final class EntryNotFoundException extends TendException {
  public EntryNotFoundException(String idOrPrefix) {
    super("No journal entry matches '" + idOrPrefix + "'.");
  }

  public EntryNotFoundException(String idOrPrefix, String detail) {
    super("'" + idOrPrefix + "' " + detail);
  }
}
