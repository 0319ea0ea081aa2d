package org.tend.node.api.service;

import java.time.Instant;
import java.util.Objects;
import org.tend.node.api.home.HomeStatus;
import org.tend.node.api.home.StoreState;

/**
 * What a running node reports about itself over the control channel.
 *
 * @param pid the node's process id
 * @param startedAt when the node finished starting
 * @param listen the network address the node was configured with
 * @param home what the home holds, as `tend status` shows it without a running node
 * @param network where it listens and the collectives it belongs to
 * @param store whether its journal store can write (a full disk stops it)
 */
public record ServiceStatus(long pid, Instant startedAt, ListenAddress listen, HomeStatus home,
    NetworkStatus network, StoreState store) {
  public ServiceStatus {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(home, "home");
    if (pid <= 0) {
      throw new IllegalArgumentException("not a process id: " + pid);
    }
  }
}
