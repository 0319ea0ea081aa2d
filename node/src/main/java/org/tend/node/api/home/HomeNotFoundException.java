package org.tend.node.api.home;

import java.nio.file.Path;

/** No home exists at the path: never created, or wiped with panic. */
public final class HomeNotFoundException extends TendException {
  public HomeNotFoundException(Path home) {
    super("There is no Tend home at " + home + " (never created, or wiped with `tend panic`;"
        + " a wiped home cannot be recovered). Run `tend init` to start one.");
  }
}
