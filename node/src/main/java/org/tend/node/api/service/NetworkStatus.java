package org.tend.node.api.service;

import java.util.List;
import java.util.Objects;

/**
 * The node's network as `tend status` shows it.
 *
 * @param listening where the network listens, as HOST:PORT; empty when it does not
 * @param collectives each collective this node belongs or belonged to
 */
public record NetworkStatus(List<String> listening, List<CollectiveLine> collectives) {
  public NetworkStatus {
    listening = List.copyOf(listening);
    collectives = List.copyOf(collectives);
  }

  /**
   * One collective: its key epoch, how many members it has and how many are connected, how
   * many events this node holds, and each forked log (whose, at which sequence).
   */
  public record CollectiveLine(String id, String name, int epoch, int activeMembers, int online,
      String myRole, String myStatus, long events, List<String> forks) {
    public CollectiveLine {
      forks = List.copyOf(forks);
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(myRole, "myRole");
      Objects.requireNonNull(myStatus, "myStatus");
    }
  }
}
