package org.tend.node.api.collective;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.tend.node.api.transport.PeerAddress;

/**
 * The LAN beacon: where it listens for other members' beacons, where it sends its own, and how
 * often. Off unless asked for (`tend up --lan`).
 *
 * @param targets where beacons go: by default the local network's broadcast address
 */
public record LanSettings(String bindHost, int port, List<PeerAddress.Tcp> targets,
    Duration interval) {
  /** The UDP port beacons use by default. */
  public static final int DEFAULT_PORT = 17177;

  public LanSettings {
    Objects.requireNonNull(bindHost, "bindHost");
    targets = List.copyOf(targets);
    if (port < 0 || port > 65535 || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("bad LAN beacon settings");
    }
  }

  /** Every interface, broadcast to the local network, every 30 s. */
  public static LanSettings defaults() {
    return new LanSettings("0.0.0.0", DEFAULT_PORT,
        List.of(new PeerAddress.Tcp("255.255.255.255", DEFAULT_PORT)), Duration.ofSeconds(30));
  }
}
