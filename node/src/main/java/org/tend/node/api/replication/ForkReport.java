package org.tend.node.api.replication;

import java.time.Instant;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;

/**
 * Two different signed events at one position of a member's log: the member's key signed both,
 * so either their node was copied (a restored backup on a second device) or their key is in
 * other hands. This node takes nothing more from that log and keeps both events as evidence.
 */
public record ForkReport(CollectiveId collective, MemberKey author, long sequence,
    EventId first, EventId second, Instant detectedAt) {
}
