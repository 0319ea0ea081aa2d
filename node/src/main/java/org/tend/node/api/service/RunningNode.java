package org.tend.node.api.service;

import java.nio.file.Path;
import org.tend.node.api.home.TendException;

/**
 * A node running as a service: it owns its open home and serves the control channel until it
 * is stopped, by {@link #stop}, by a client's shutdown request, or by the JVM shutting down.
 */
public interface RunningNode {
  /** The same report a client gets over the control channel. */
  ServiceStatus status() throws TendException;

  /** Where clients reach this node's control channel. */
  Path controlSocket();

  /** Blocks until the node has stopped completely. */
  void awaitStopped() throws InterruptedException;

  /**
   * Stops the components in reverse order (the control channel first), then closes the store,
   * the keys and the home lock, in that order. Safe to call more than once and from several
   * threads; every call returns only when the node has stopped.
   */
  void stop();
}
