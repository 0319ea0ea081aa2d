package org.tend.node.api.repair;

import java.time.Instant;
import java.util.Optional;

/**
 * A repair the member is walking through. {@code nextStep} is empty once every step has been
 * offered; the repair stays open until the member closes it.
 */
public record Repair(RepairId id, String title, Instant begunAt, Optional<RepairStep> nextStep,
    RepairStatus status, Optional<Instant> closedAt) {}
