package org.tend.node.api.journal;

import org.tend.node.api.repair.RepairId;
import org.tend.node.api.repair.RepairStep;

/** Ties an entry to the repair and step it was written for. */
public record RepairLink(RepairId repair, RepairStep step) {}
