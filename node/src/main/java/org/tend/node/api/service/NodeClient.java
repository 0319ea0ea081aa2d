package org.tend.node.api.service;

import org.tend.node.api.home.TendException;

/**
 * The `tend` command's side of the control channel to a running node. Each call opens its own
 * connection and is bounded by a timeout, so a hung node gives an error, not a hung command.
 */
public interface NodeClient {
  /** The node's process id, as it answered when the client connected. */
  long pid();

  /** The node's own report, made without opening the store a second time. */
  ServiceStatus status() throws TendException;

  /**
   * Asks the node to stop. Returns once the node has accepted, usually before it has finished
   * stopping; wait for {@link #pid()} to exit to know it has.
   */
  void shutdown() throws TendException;

  /** Runs one command line inside the node (see {@link CommandRunner}). */
  CommandRunner.CommandResult run(CommandRunner.CommandCall call) throws TendException;
}
