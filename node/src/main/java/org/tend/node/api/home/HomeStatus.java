package org.tend.node.api.home;

import java.nio.file.Path;

/** What `tend status` reports about an unlocked home. */
public record HomeStatus(
    Path home, Fingerprint fingerprint, int kdfMemoryMiB, int kdfIterations, int entries,
    int openRepairs, int crisisResources) {}
