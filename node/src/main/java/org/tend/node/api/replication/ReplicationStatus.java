package org.tend.node.api.replication;

import java.util.List;
import org.tend.node.api.collective.CollectiveId;

/**
 * What this node holds of one collective's logs.
 *
 * @param authors members whose logs this node holds events of
 * @param events events held, over all those logs
 * @param waiting events received ahead of a gap in their log, held until it fills
 */
public record ReplicationStatus(CollectiveId collective, int authors, long events, int waiting,
    List<ForkReport> forks) {
}
