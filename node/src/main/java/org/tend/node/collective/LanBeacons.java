package org.tend.node.collective;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import java.util.Optional;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.transport.NetworkKey;
import org.tend.protocol.crypto.AesGcm;
import org.tend.protocol.crypto.CryptoException;
import org.tend.protocol.crypto.Hkdf;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.LanAnnouncement;

/**
 * LAN beacons (see "LAN discovery" in docs/protocol.md):
 *
 * <pre>
 *   beacon = nonce(12) || AES-256-GCM(key, nonce, LanAnnouncement, Labels.bind(label))
 *   key    = HKDF-SHA256(network key of the collective's newest epoch, info = label)
 *   label  = tend/v2/discovery/lan-beacon
 * </pre>
 *
 * Only a holder of the current network key can open one or make one; to anyone else a beacon
 * is about 100 random bytes. The announcement names the hosts the sender listens on, so a
 * receiver can tell a beacon replayed from another address. (Version 1 beacons named no hosts;
 * their label differs, so they do not open here, and these do not open on version 1 nodes.)
 */
final class LanBeacons {
  /** What an opened beacon says. */
  record Heard(CollectiveId collective, MemberKey member, List<String> hosts, int port,
      long sentAtMillis) {
  }

  /** Most hosts one beacon names. */
  static final int MAX_HOSTS = 4;
  private static final int MAX_HOST_CHARS = 45; // the longest IPv6 literal

  private LanBeacons() {
  }

  static byte[] seal(Randomness randomness, NetworkKey key, MemberKey me, List<String> hosts,
      int port, long now) {
    LanAnnouncement announcement = LanAnnouncement.newBuilder()
        .setCollectiveId(ByteString.copyFrom(key.collective().bytes()))
        .setMember(ByteString.copyFrom(me.bytes())).setPort(port).setSentAtMillis(now)
        .addAllHosts(hosts.stream().limit(MAX_HOSTS).toList()).build();
    try (SecretBytes k = beaconKey(key)) {
      return AesGcm.withKey(k).seal(randomness, announcement.toByteArray(), ad());
    }
  }

  /** The beacon opened with one of {@code keys}, if it opens and names that key's collective. */
  static Optional<Heard> open(List<NetworkKey> keys, byte[] beacon) {
    for (NetworkKey key : keys) {
      if (key.purpose() != NetworkKey.Purpose.MEMBERS) {
        continue;
      }
      byte[] plain;
      try (SecretBytes k = beaconKey(key)) {
        plain = AesGcm.withKey(k).open(beacon, ad());
      } catch (CryptoException | RuntimeException e) {
        continue;
      }
      try {
        LanAnnouncement a = LanAnnouncement.parseFrom(plain);
        if (a.getMember().size() != MemberKey.LENGTH || a.getPort() < 1 || a.getPort() > 65535
            || !a.getCollectiveId().equals(ByteString.copyFrom(key.collective().bytes()))
            || a.getHostsCount() < 1 || a.getHostsCount() > MAX_HOSTS
            || a.getHostsList().stream().anyMatch(h -> h.isEmpty()
                || h.length() > MAX_HOST_CHARS)) {
          return Optional.empty();
        }
        return Optional.of(new Heard(key.collective(), MemberKey.of(a.getMember().toByteArray()),
            List.copyOf(a.getHostsList()), a.getPort(), a.getSentAtMillis()));
      } catch (InvalidProtocolBufferException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static SecretBytes beaconKey(NetworkKey key) {
    return Hkdf.deriveKey(key.psk(), Labels.LAN_BEACON, 32);
  }

  private static byte[] ad() {
    return Labels.bind(Labels.LAN_BEACON);
  }
}
