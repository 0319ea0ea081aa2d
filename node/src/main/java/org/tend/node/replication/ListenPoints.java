package org.tend.node.replication;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.tend.node.api.transport.PeerAddress;

/**
 * What a node tells the other members about where it listens (peer exchange). An address the
 * listener is bound to is announced as it is. A wildcard listener is reachable on every
 * interface, but announcing them all would tell every member of the machine's VPN, tunnel,
 * container and bridge addresses; so for a wildcard only private-range IPv4 addresses (10/8,
 * 172.16/12, 192.168/16) of interfaces that are up, not loopback, not point-to-point and not
 * virtual, and whose names are not those of tunnels or bridges, are announced. A node meant to
 * be reached elsewhere binds to that address (see docs/protocol.md, "Peer exchange").
 */
final class ListenPoints {
  /** Most addresses one node announces. */
  static final int MAX_ANNOUNCED = 4;
  private static final List<String> NOT_ANNOUNCED_PREFIXES = List.of("docker", "br-", "virbr",
      "veth", "vmnet", "vboxnet", "tun", "tap", "wg", "utun", "ppp", "tailscale", "zt", "ipsec",
      "gif", "stf", "awdl", "llw", "anpi", "bridge", "lxc", "lxd", "cni", "flannel", "cali",
      "podman", "nordlynx", "proton");

  /** One network interface, as far as the choice needs it. */
  record Nic(String name, boolean up, boolean loopback, boolean pointToPoint, boolean virtual,
      List<InetAddress> addresses) {
  }

  private ListenPoints() {
  }

  /** The addresses to announce for a node listening at {@code listening}, on this machine. */
  static List<PeerAddress.Tcp> announced(List<PeerAddress> listening) {
    return announced(listening, ListenPoints::machine);
  }

  static List<PeerAddress.Tcp> announced(List<PeerAddress> listening,
      java.util.function.Supplier<List<Nic>> nics) {
    List<PeerAddress.Tcp> out = new ArrayList<>();
    for (PeerAddress address : listening) {
      if (!(address instanceof PeerAddress.Tcp tcp)) {
        continue;
      }
      if (!isWildcard(tcp.host())) {
        out.add(tcp);
        continue;
      }
      for (Nic nic : nics.get()) {
        if (!nic.up() || nic.loopback() || nic.pointToPoint() || nic.virtual()
            || NOT_ANNOUNCED_PREFIXES.stream().anyMatch(
                p -> nic.name().toLowerCase(Locale.ROOT).startsWith(p))) {
          continue;
        }
        for (InetAddress a : nic.addresses()) {
          if (a instanceof Inet4Address && a.isSiteLocalAddress()) {
            out.add(new PeerAddress.Tcp(a.getHostAddress(), tcp.port()));
          }
        }
      }
    }
    return List.copyOf(out.stream().distinct().limit(MAX_ANNOUNCED).toList());
  }

  private static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
  }

  private static List<Nic> machine() {
    List<Nic> out = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        out.add(new Nic(nic.getName(), nic.isUp(), nic.isLoopback(), nic.isPointToPoint(),
            nic.isVirtual(), Collections.list(nic.getInetAddresses())));
      }
    } catch (SocketException e) {
      // no interfaces to list: nothing is announced for a wildcard
    }
    return out;
  }
}
