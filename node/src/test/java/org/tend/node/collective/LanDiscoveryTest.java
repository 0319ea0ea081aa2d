package org.tend.node.collective;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.TendNode;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.LanSettings;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.api.transport.PeerAddress;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.KnownAddress;

/** The LAN beacon: only members can read or make one, and members' beacons become addresses. */
class LanDiscoveryTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final CollectiveId COLLECTIVE = CollectiveId.of(new byte[16]);

  @TempDir
  Path root;
  private Collective nodes;

  @AfterEach
  void close() {
    if (nodes != null) {
      nodes.close();
    }
  }

  @Test
  void aBeaconOpensOnlyWithTheCollectivesNetworkKeyAndUnaltered() {
    NetworkKey key = new NetworkKey(COLLECTIVE, 3, SecretBytes.copyOf(new byte[32]));
    byte[] otherPsk = new byte[32];
    otherPsk[0] = 1;
    NetworkKey other = new NetworkKey(COLLECTIVE, 3, SecretBytes.copyOf(otherPsk));
    MemberKey me = MemberKey.of(new byte[32]);
    byte[] beacon = LanBeacons.seal(Randomness.secure(), key, me, List.of("192.0.2.7"), 7428,
        1_000);

    LanBeacons.Heard heard = LanBeacons.open(List.of(other, key), beacon).orElseThrow();
    assertEquals(COLLECTIVE, heard.collective());
    assertArrayEquals(me.bytes(), heard.member().bytes());
    assertEquals(7428, heard.port());
    assertEquals(1_000, heard.sentAtMillis());
    assertTrue(LanBeacons.open(List.of(other), beacon).isEmpty(), "another collective's key");
    assertTrue(LanBeacons.open(List.of(NetworkKey.forJoin(COLLECTIVE,
        SecretBytes.copyOf(new byte[32]))), beacon).isEmpty(), "an invite's join key");
    for (int i = 0; i < beacon.length; i++) {
      byte[] altered = beacon.clone();
      altered[i] ^= 0x40;
      assertTrue(LanBeacons.open(List.of(key), altered).isEmpty(), "byte " + i + " altered");
    }
    assertTrue(LanBeacons.open(List.of(key), java.util.Arrays.copyOf(beacon, beacon.length - 1))
        .isEmpty(), "truncated");
    assertTrue(beacon.length < 128, "a beacon is small: " + beacon.length + " bytes");
    // a beacon naming another collective than its key's is refused
    NetworkKey elsewhere = new NetworkKey(CollectiveId.of(new byte[] {
        1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), 0, SecretBytes.copyOf(new byte[32]));
    assertTrue(LanBeacons.open(List.of(elsewhere), beacon).isEmpty());
  }

  @Test
  void aNodeBeaconsToItsMembersAndTakesInOnlyMembersBeacons() throws Exception {
    nodes = new Collective(root);
    TendNode ana = nodes.node("ana");
    TendNode bo = nodes.node("bo");
    CollectiveId id = nodes.form(ana, bo);
    MemberKey boKey = bo.collectives().manager().me();
    try (DatagramSocket listener = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout((int) WAIT.toMillis());
      bo.startLan(settings(List.of(new PeerAddress.Tcp("127.0.0.1", listener.getLocalPort()))));
      DatagramPacket packet = new DatagramPacket(new byte[1024], 1024);
      listener.receive(packet);
      byte[] beacon = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
      LanBeacons.Heard heard = LanBeacons.open(ana.collectives().manager().networkKeys(), beacon)
          .orElseThrow();
      assertEquals(boKey, heard.member(), "Bo's node says it is Bo's");
      assertEquals(Collective.address(bo).port(), heard.port(), "and where it listens");
    }

    int anaUdp = ana.startLan(settings(List.of()));
    NetworkKey current = ana.collectives().currentNetworkKey(id).orElseThrow();
    NetworkKey stranger = new NetworkKey(id, current.epoch(), SecretBytes.copyOf(new byte[32]));
    long now = System.currentTimeMillis();
    try (DatagramSocket sender = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      send(sender, LanBeacons.seal(Randomness.secure(), stranger, boKey, LOOPBACK, 7001, now),
          anaUdp);
      send(sender, LanBeacons.seal(Randomness.secure(), current,
          MemberKey.of(new byte[32]), LOOPBACK, 7002, now), anaUdp); // a key that is no member
      send(sender, LanBeacons.seal(Randomness.secure(), current, boKey, LOOPBACK, 7003,
          now - Duration.ofMinutes(11).toMillis()), anaUdp); // too old
      send(sender, LanBeacons.seal(Randomness.secure(), current, boKey, LOOPBACK, 7004, now),
          anaUdp);
    }
    ByteString boBytes = ByteString.copyFrom(boKey.bytes());
    await().atMost(WAIT).until(() -> lanAddresses(ana).stream()
        .anyMatch(a -> a.getMember().equals(boBytes) && a.getPort() == 7004
            && a.getHost().equals("127.0.0.1")));
    assertEquals(List.of(7004), lanAddresses(ana).stream().map(KnownAddress::getPort).toList());
  }

  @Test
  void aBeaconReplayedFromAnotherAddressIsIgnoredAndEachBeaconCountsOnce() throws Exception {
    nodes = new Collective(root);
    TendNode ana = nodes.node("ana");
    TendNode bo = nodes.node("bo");
    CollectiveId id = nodes.form(ana, bo);
    byte[] captured;
    try (DatagramSocket listener = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout((int) WAIT.toMillis());
      bo.startLan(settings(List.of(new PeerAddress.Tcp("127.0.0.1", listener.getLocalPort()))));
      DatagramPacket packet = new DatagramPacket(new byte[1024], 1024);
      listener.receive(packet);
      captured = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
    }
    assertEquals(List.of("127.0.0.1"), LanBeacons.open(ana.collectives().manager().networkKeys(),
        captured).orElseThrow().hosts(), "Bo's beacon names where Bo listens");
    int anaUdp = ana.startLan(settings(List.of()));
    MemberKey boKey = bo.collectives().manager().me();
    NetworkKey current = ana.collectives().currentNetworkKey(id).orElseThrow();
    long now = System.currentTimeMillis();

    try (DatagramSocket elsewhere = new DatagramSocket(0, InetAddress.getByName("127.0.0.2"));
        DatagramSocket bosHost = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      send(elsewhere, captured, anaUdp); // the captured beacon, replayed from another host
      send(elsewhere, LanBeacons.seal(Randomness.secure(), current, boKey, LOOPBACK, 7005, now),
          anaUdp);
      send(bosHost, captured, anaUdp);
      send(bosHost, captured, anaUdp);
    }

    await().atMost(WAIT).until(() -> !lanAddresses(ana).isEmpty());
    assertEquals(List.of("127.0.0.1:" + Collective.address(bo).port()), lanAddresses(ana)
        .stream().map(a -> a.getHost() + ":" + a.getPort()).toList());
  }

  private static final List<String> LOOPBACK = List.of("127.0.0.1");

  private static void send(DatagramSocket socket, byte[] beacon, int port) throws Exception {
    socket.send(new DatagramPacket(beacon, beacon.length, InetAddress.getLoopbackAddress(), port));
  }

  private static LanSettings settings(List<PeerAddress.Tcp> targets) {
    return new LanSettings("127.0.0.1", 0, targets, Duration.ofMillis(200));
  }

  private static List<KnownAddress> lanAddresses(TendNode node) throws Exception {
    return node.collectives().manager().addresses().stream()
        .filter(a -> a.getSource().equals("lan")).toList();
  }
}
