package org.tend.node.api.replication;

import java.util.List;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.home.TendException;

/** Forked logs in a collective, and their resolution by a facilitator. */
public interface Forks {

  /** The logs this node holds that are forked and not yet resolved. */
  List<ForkReport> list(CollectiveId collective) throws TendException;

  /**
   * Resolves the fork in the log of the member whose fingerprint starts with
   * {@code fingerprintPrefix}: every node discards that member's events from the fork on, from
   * both branches, and takes their log up again with what they write from now. Only an active
   * facilitator may.
   *
   * @return the fork resolved
   */
  ForkReport resolve(CollectiveId collective, String fingerprintPrefix) throws TendException;
}
