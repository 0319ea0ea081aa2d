package org.tend.node.api.service;

import org.tend.node.api.home.TendException;

/**
 * One part of a running node with a start and a stop, such as the control channel or a
 * network listener. The node starts its components in the order it was given them and stops
 * them in the reverse order, so a component may rely on every component before it.
 */
public interface Component {
  /** Starts the component; on failure the node stops every component started before it. */
  void start() throws TendException;

  /**
   * Stops the component and releases what it holds. Called at most once, and only after a
   * successful {@link #start}; it must not throw, since the components after it still stop.
   */
  void stop();
}
