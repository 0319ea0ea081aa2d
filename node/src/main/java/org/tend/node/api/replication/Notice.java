package org.tend.node.api.replication;

import java.time.Instant;
import org.tend.node.api.collective.MemberKey;

/**
 * A notice on a collective's board, as this node can read it.
 *
 * @param authorName the author's display name in the collective
 * @param mine whether this node's member wrote it (only the author may retract it)
 */
public record Notice(EventId id, MemberKey author, String authorName, Instant postedAt,
    String text, boolean mine) {
}
