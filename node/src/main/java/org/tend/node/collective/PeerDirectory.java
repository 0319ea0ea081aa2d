package org.tend.node.collective;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.transport.PeerLink;

/** Which members' nodes are connected now, and what was last seen of the others. Thread-safe. */
final class PeerDirectory {
  private final Clock clock;
  private final Map<Key, Seen> seen = new HashMap<>();

  private record Key(CollectiveId collective, MemberKey member) {
  }

  /** What is known of one member's node. */
  record Seen(List<PeerLink> links, Instant lastSeen, String address, String source,
      Optional<Duration> roundTrip) {
  }

  PeerDirectory(Clock clock) {
    this.clock = clock;
  }

  synchronized void connected(PeerLink link, String source) {
    Key key = new Key(link.collective(), link.member());
    Seen before = seen.get(key);
    List<PeerLink> links = new ArrayList<>(before == null ? List.of() : before.links());
    links.add(link);
    seen.put(key, new Seen(List.copyOf(links), clock.instant(), link.remoteAddress(), source,
        before == null ? Optional.empty() : before.roundTrip()));
  }

  synchronized void disconnected(PeerLink link) {
    Key key = new Key(link.collective(), link.member());
    Seen before = seen.get(key);
    if (before != null) {
      List<PeerLink> links = new ArrayList<>(before.links());
      links.remove(link);
      seen.put(key, new Seen(List.copyOf(links), clock.instant(), before.address(),
          before.source(), before.roundTrip()));
    }
  }

  synchronized void roundTrip(PeerLink link, Duration rtt) {
    Key key = new Key(link.collective(), link.member());
    Seen before = seen.get(key);
    if (before != null) {
      seen.put(key, new Seen(before.links(), clock.instant(), before.address(), before.source(),
          Optional.of(rtt)));
    }
  }

  synchronized Optional<Seen> of(CollectiveId collective, MemberKey member) {
    return Optional.ofNullable(seen.get(new Key(collective, member)));
  }

  synchronized boolean isConnected(CollectiveId collective, MemberKey member) {
    Seen s = seen.get(new Key(collective, member));
    return s != null && !s.links().isEmpty();
  }

  /** Every open link in {@code collective}. */
  synchronized List<PeerLink> links(CollectiveId collective) {
    List<PeerLink> out = new ArrayList<>();
    seen.forEach((key, s) -> {
      if (key.collective().equals(collective)) {
        out.addAll(s.links());
      }
    });
    return out;
  }

  synchronized int online(CollectiveId collective) {
    return (int) seen.entrySet().stream()
        .filter(e -> e.getKey().collective().equals(collective) && !e.getValue().links().isEmpty())
        .count();
  }
}
