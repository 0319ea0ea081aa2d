package org.tend.node.api.home;

import java.nio.file.Path;

/** Another process has this home open; two processes never open one home. */
public final class HomeInUseException extends TendException {
  public HomeInUseException(Path home) {
    super("Another Tend process is using the home at " + home + "; stop it first.");
  }

  /** The process holding the home is the member's running node (`tend up`). */
  public HomeInUseException(Path home, long nodePid) {
    super("Tend is already running for " + home + " (pid " + nodePid + "); `tend down` stops"
        + " it.");
  }
}
