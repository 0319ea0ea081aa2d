package org.tend.node.collective;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.tend.node.api.collective.LanSettings;
import org.tend.node.api.replication.EventLimits;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.api.transport.PeerAddress;
import org.tend.node.api.transport.PeerUnreachableException;
import org.tend.node.transport.Datagrams;
import org.tend.protocol.proto.KnownAddress;

/**
 * The optional LAN beacon: every interval, one beacon per collective this node is active in,
 * sealed under its newest network key; beacons heard from active members become addresses the
 * dialler tries. Members at the same meeting find each other without anyone's address.
 */
final class LanDiscovery implements AutoCloseable {
  private final CollectiveManager manager;
  private final Runnable dialNow;
  private final Datagrams socket;
  /** Beacons heard lately, whole: a replayed beacon is ignored. */
  private final java.util.Set<ByteString> seen = java.util.Collections.newSetFromMap(
      new java.util.LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<ByteString, Boolean> eldest) {
          return size() > 1024;
        }
      });
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tend-lan-beacon");
    t.setDaemon(true);
    return t;
  });

  private LanDiscovery(CollectiveManager manager, Runnable dialNow, LanSettings settings,
      Supplier<List<PeerAddress.Tcp>> listening) throws PeerUnreachableException {
    this.manager = manager;
    this.dialNow = dialNow;
    this.socket = Datagrams.bind(settings.bindHost(), settings.port(), this::heard);
    timer.scheduleWithFixedDelay(() -> beacon(settings.targets(), listening.get()), 0,
        settings.interval().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** @param listening where this node's TCP listener can be reached, as the beacon says */
  static LanDiscovery start(CollectiveManager manager, Runnable dialNow, LanSettings settings,
      Supplier<List<PeerAddress.Tcp>> listening) throws PeerUnreachableException {
    return new LanDiscovery(manager, dialNow, settings, listening);
  }

  /** Where this node's beacons are heard (its UDP port). */
  int port() {
    return socket.port();
  }

  private void beacon(List<PeerAddress.Tcp> targets, List<PeerAddress.Tcp> listening) {
    if (listening.isEmpty() || listening.get(0).port() <= 0) {
      return;
    }
    int tcpPort = listening.get(0).port();
    List<String> hosts = listening.stream().filter(a -> a.port() == tcpPort)
        .map(PeerAddress.Tcp::host).distinct().limit(LanBeacons.MAX_HOSTS).toList();
    for (var c : manager.list()) {
      if (!manager.isMember(c.id(), manager.me())) {
        continue;
      }
      Optional<NetworkKey> key = manager.newestNetworkKey(c.id());
      if (key.isEmpty()) {
        continue;
      }
      byte[] beacon = LanBeacons.seal(manager.randomness(), key.get(), manager.me(), hosts,
          tcpPort, manager.clock().millis());
      for (PeerAddress.Tcp target : targets) {
        socket.send(beacon, target.host(), target.port());
      }
    }
  }

  private void heard(byte[] datagram, String fromHost) {
    List<NetworkKey> newest = manager.list().stream()
        .map(c -> manager.newestNetworkKey(c.id())).flatMap(Optional::stream).toList();
    Optional<LanBeacons.Heard> heard = LanBeacons.open(newest, datagram);
    if (heard.isEmpty()) {
      return; // not ours, or not for a collective this node is active in
    }
    LanBeacons.Heard h = heard.get();
    long skew = Math.abs(manager.clock().millis() - h.sentAtMillis());
    if (skew > EventLimits.MAX_CLOCK_SKEW_MILLIS || h.member().equals(manager.me())
        || !manager.isMember(h.collective(), h.member())
        || !h.hosts().contains(fromHost)
        || !seen.add(ByteString.copyFrom(datagram))) {
      return; // stale, ours, not a member's, sent from elsewhere, or heard before (a replay)
    }
    manager.heard(KnownAddress.newBuilder()
        .setCollectiveId(ByteString.copyFrom(h.collective().bytes()))
        .setMember(ByteString.copyFrom(h.member().bytes()))
        .setHost(fromHost).setPort(h.port()).setSource("lan").build(),
        CollectiveModule.MAX_ADDRESSES_PER_MEMBER);
    dialNow.run();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    socket.close();
  }
}
