package org.tend.node.transport;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tend.node.api.transport.PeerAddress;

/** Where a node listening at some addresses can be reached from other machines. */
public final class Reachable {
  /** Most addresses given for one node. */
  public static final int MAX_ADDRESSES = 4;

  private Reachable() {
  }

  /**
   * The TCP addresses among {@code listening}, a wildcard replaced by this machine's IPv4
   * addresses that are up and not loopback (loopback only if there are none).
   */
  public static List<PeerAddress.Tcp> of(List<PeerAddress> listening) {
    List<PeerAddress.Tcp> out = new ArrayList<>();
    for (PeerAddress address : listening) {
      if (!(address instanceof PeerAddress.Tcp tcp)) {
        continue;
      }
      if (!tcp.host().equals("0.0.0.0") && !tcp.host().equals("0:0:0:0:0:0:0:0")) {
        out.add(tcp);
        continue;
      }
      List<PeerAddress.Tcp> found = interfaces(tcp.port());
      out.addAll(found.isEmpty() ? List.of(new PeerAddress.Tcp("127.0.0.1", tcp.port())) : found);
    }
    return List.copyOf(out.subList(0, Math.min(out.size(), MAX_ADDRESSES)));
  }

  private static List<PeerAddress.Tcp> interfaces(int port) {
    List<PeerAddress.Tcp> out = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address && out.size() < MAX_ADDRESSES) {
            out.add(new PeerAddress.Tcp(address.getHostAddress(), port));
          }
        }
      }
    } catch (SocketException e) {
      // no interfaces to list: the caller falls back to loopback
    }
    return out;
  }
}
