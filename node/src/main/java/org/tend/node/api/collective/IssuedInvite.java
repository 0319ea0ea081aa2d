package org.tend.node.api.collective;

import java.time.Instant;
import java.util.Objects;

/**
 * An invite this node issued. The code is the only place its secret exists: give it to the
 * person in person or over a channel you trust, and it is gone from this node once shown.
 *
 * @param uses how many people may join with it
 */
public record IssuedInvite(String code, CollectiveId collective, int uses, Instant expiresAt) {
  public IssuedInvite {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(collective, "collective");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public String toString() {
    return "IssuedInvite[" + collective + ", " + uses + " uses, until " + expiresAt + "]";
  }
}
