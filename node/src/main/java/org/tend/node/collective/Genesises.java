package org.tend.node.collective;

import java.util.Optional;
import org.tend.node.api.collective.MemberKey;
import org.tend.protocol.proto.Genesis;

/** What makes a genesis document valid: the founder signed it, about themselves. */
final class Genesises {
  private Genesises() {
  }

  static boolean isValid(VerifiedDocument doc) {
    if (!doc.body().hasGenesis() || !doc.parents().isEmpty()) {
      return false;
    }
    Genesis genesis = doc.body().getGenesis();
    Optional<MemberKey> founder = Profiles.verified(genesis.getFounder());
    try {
      MembershipLimits.checkName(genesis.getName(), "A collective's name");
      RosterReplay.rulesOf(genesis);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return founder.isPresent() && founder.get().equals(doc.author())
        && genesis.getFounderKeys().getMember().equals(genesis.getFounder().getSigningKey());
  }
}
