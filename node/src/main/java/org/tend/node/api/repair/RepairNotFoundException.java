package org.tend.node.api.repair;

import org.tend.node.api.home.TendException;

/** No repair matches the id or prefix given. */
public final class RepairNotFoundException extends TendException {
  public RepairNotFoundException(String idOrPrefix) {
    super("No repair matches '" + idOrPrefix + "'. `tend repair list` shows them all.");
  }
}
