package org.tend.node.api.collective;

import java.util.Objects;

/**
 * What this node knows of one collective it belongs to (or belonged to).
 *
 * @param epoch the current key epoch: 0 at genesis, one more after each rotation
 * @param activeMembers members whose status is active
 * @param myStatus this node's own standing
 */
public record CollectiveSummary(CollectiveId id, String name, Rules rules, int epoch,
    int activeMembers, Role myRole, MemberStatus myStatus) {
  public CollectiveSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(myRole, "myRole");
    Objects.requireNonNull(myStatus, "myStatus");
  }
}
