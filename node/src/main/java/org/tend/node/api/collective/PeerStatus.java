package org.tend.node.api.collective;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What this node knows, right now, about reaching one other member.
 *
 * @param connected whether an authenticated link is open at this moment
 * @param lastSeen when a link to them was last open (now, if connected)
 * @param address where they were last reached, if anywhere
 * @param addressSource where that address came from: "invite", "inbound" or "dialled"
 * @param roundTrip the last measured round-trip time over the link
 */
public record PeerStatus(Member member, boolean connected, Optional<Instant> lastSeen,
    Optional<String> address, Optional<String> addressSource, Optional<Duration> roundTrip) {
  public PeerStatus {
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(lastSeen, "lastSeen");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(addressSource, "addressSource");
    Objects.requireNonNull(roundTrip, "roundTrip");
  }
}
