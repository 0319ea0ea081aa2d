package org.tend.node.api.replication;

import java.util.List;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.home.TendException;

/** A collective's notice board: short notices every current member can read. */
public interface Board {

  /**
   * Posts a notice, readable by every member of the collective's current epoch. Durable when
   * this returns; it reaches the others as their nodes connect.
   *
   * @throws ReplicationException if the text is empty or too long, or this node may not post
   */
  Notice post(CollectiveId collective, String text) throws TendException;

  /**
   * Retracts one of this member's own notices, named by a prefix of its id: honest nodes drop
   * its text.
   *
   * @return the retracted notice
   */
  Notice retract(CollectiveId collective, String idPrefix) throws TendException;

  /** The notices this node holds and can read, oldest first, without retracted ones. */
  List<Notice> list(CollectiveId collective) throws TendException;
}
