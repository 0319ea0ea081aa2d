package org.tend.node.api.service;

import java.nio.file.Path;
import org.tend.node.api.home.TendException;

/** A command needs the running node of a home, and none is running. */
public final class NodeNotRunningException extends TendException {
  public NodeNotRunningException(Path home) {
    super("Tend is not running for " + home + ".");
  }

  /** @param message one sentence saying what needs the node and how to start it */
  public NodeNotRunningException(String message) {
    super(message);
  }
}
