package org.tend.node.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tend.node.api.transport.PeerAddress;

/** What a node announces of where it listens, on a machine with a VPN, Docker and a bridge. */
class ListenPointsTest {
  private static final List<ListenPoints.Nic> MACHINE = List.of(
      nic("lo", false, false, "127.0.0.1"),
      nic("eth0", false, false, "192.168.1.20", "fe80::1"),
      nic("wlan0", false, false, "10.0.0.7"),
      nic("tun0", true, false, "10.8.0.2"), // an OpenVPN tunnel
      nic("wg0", false, false, "10.66.0.3"), // WireGuard does not say point-to-point everywhere
      nic("docker0", false, false, "172.17.0.1"),
      nic("virbr0", false, false, "192.168.122.1"),
      nic("eth0:1", false, true, "192.168.1.21"),
      nic("eth1", false, false, "203.0.113.9")); // a public address

  @Test
  void aWildcardListenerAnnouncesOnlyItsPrivateLanAddresses() {
    assertEquals(List.of(new PeerAddress.Tcp("192.168.1.20", 7428),
            new PeerAddress.Tcp("10.0.0.7", 7428)),
        ListenPoints.announced(List.of(new PeerAddress.Tcp("0.0.0.0", 7428)), () -> MACHINE));
  }

  @Test
  void aBoundListenerAnnouncesExactlyWhereItIsBound() {
    for (String host : List.of("203.0.113.9", "10.8.0.2", "127.0.0.1")) {
      assertEquals(List.of(new PeerAddress.Tcp(host, 7428)), ListenPoints.announced(
          List.of(new PeerAddress.Tcp(host, 7428)), () -> MACHINE));
    }
  }

  private static ListenPoints.Nic nic(String name, boolean pointToPoint, boolean virtual,
      String... addresses) {
    try {
      List<InetAddress> list = new java.util.ArrayList<>();
      for (String a : addresses) {
        list.add(InetAddress.getByName(a)); // literals: no lookup
      }
      return new ListenPoints.Nic(name, true, name.equals("lo"), pointToPoint, virtual, list);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
