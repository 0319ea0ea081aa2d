package org.tend.node.collective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.TendNode;
import org.tend.node.TestHomes;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.InviteRefusedException;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.collective.Rules;
import org.tend.node.api.transport.PeerAddress;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.crypto.Sha256;

/** Invite codes: what they carry, how they are read, and which mistakes they catch. */
class InviteCodeTest {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final Instant EXPIRES = Instant.ofEpochSecond(1_900_000_000L);
  private static final PeerAddress.Tcp LOOPBACK = new PeerAddress.Tcp("127.0.0.1", 7400);

  private final Random random = new Random(51);
  private final CollectiveId collective = CollectiveId.of(bytes(CollectiveId.LENGTH));
  private final MemberKey inviter = MemberKey.of(bytes(MemberKey.LENGTH));
  private final byte[] secret = bytes(InviteCode.SECRET_LENGTH);

  private byte[] bytes(int n) {
    byte[] out = new byte[n];
    random.nextBytes(out);
    return out;
  }

  private InviteCode code(List<PeerAddress.Tcp> addresses) {
    return new InviteCode(collective, inviter, SecretBytes.copyOf(secret), EXPIRES, addresses);
  }

  private void assertRoundTrips(List<PeerAddress.Tcp> addresses) throws Exception {
    InviteCode decoded = InviteCode.decode(code(addresses).encode());
    assertEquals(collective, decoded.collective());
    assertEquals(inviter, decoded.inviter());
    assertArrayEquals(secret, decoded.secret().exposeSecret());
    assertEquals(EXPIRES, decoded.expiresAt());
    assertEquals(addresses.size(), decoded.addresses().size());
    for (int i = 0; i < addresses.size(); i++) {
      PeerAddress.Tcp sent = addresses.get(i);
      PeerAddress.Tcp read = decoded.addresses().get(i);
      assertEquals(sent.port(), read.port());
      if (sent.host().matches("[0-9.]+") || sent.host().contains(":")) {
        assertEquals(InetAddress.getByName(sent.host()), InetAddress.getByName(read.host()));
      } else {
        assertEquals(sent.host(), read.host());
      }
    }
    assertArrayEquals(code(addresses).inviteId(), decoded.inviteId());
  }

  @Test
  void roundTripsAnIpv4Address() throws Exception {
    assertRoundTrips(List.of(LOOPBACK));
  }

  @Test
  void roundTripsAnIpv6Address() throws Exception {
    assertRoundTrips(List.of(new PeerAddress.Tcp("::1", 7400)));
    assertRoundTrips(List.of(new PeerAddress.Tcp("2001:db8::8a2e:370:7334", 65535)));
  }

  @Test
  void roundTripsAHostName() throws Exception {
    assertRoundTrips(List.of(new PeerAddress.Tcp("node.riverside.example", 1)));
  }

  @Test
  void roundTripsAHostNameOfTheLongestLength() throws Exception {
    String longest = ("a".repeat(62) + ".").repeat(4) + "b"; // 253 characters
    assertEquals(253, longest.length());
    assertRoundTrips(List.of(new PeerAddress.Tcp(longest, 7400)));
  }

  @Test
  void refusesAHostNameOneCharacterTooLong() {
    String tooLong = ("a".repeat(62) + ".").repeat(4) + "bc";
    assertEquals(254, tooLong.length());
    InviteCode code = code(List.of(new PeerAddress.Tcp(tooLong, 7400)));
    assertThrows(IllegalArgumentException.class, code::encode);
  }

  @Test
  void roundTripsTheMostAddresses() throws Exception {
    List<PeerAddress.Tcp> addresses = new ArrayList<>();
    for (int i = 0; i < InviteCode.MAX_ADDRESSES; i++) {
      addresses.add(switch (i % 3) {
        case 0 -> new PeerAddress.Tcp("192.168.1." + i, 7400 + i);
        case 1 -> new PeerAddress.Tcp("fe80::" + i, 7400 + i);
        default -> new PeerAddress.Tcp("host" + i + ".example", 7400 + i);
      });
    }
    assertRoundTrips(addresses);
  }

  @Test
  void refusesOneAddressTooManyOrNone() {
    List<PeerAddress.Tcp> tooMany = new ArrayList<>();
    for (int i = 0; i <= InviteCode.MAX_ADDRESSES; i++) {
      tooMany.add(LOOPBACK);
    }
    assertThrows(IllegalArgumentException.class, () -> code(tooMany));
    assertThrows(IllegalArgumentException.class, () -> code(List.of()));
  }

  @Test
  void refusesASecretOfTheWrongLength() {
    for (int length : new int[] {InviteCode.SECRET_LENGTH - 1, InviteCode.SECRET_LENGTH + 1}) {
      assertThrows(IllegalArgumentException.class, () -> new InviteCode(collective, inviter,
          SecretBytes.copyOf(new byte[length]), EXPIRES, List.of(LOOPBACK)));
    }
  }

  @Test
  void roundTripsTheLatestExpiryItCanWrite() throws Exception {
    Instant last = Instant.ofEpochSecond(0xFFFF_FFFFL);
    InviteCode code = new InviteCode(collective, inviter, SecretBytes.copyOf(secret), last,
        List.of(LOOPBACK));
    assertEquals(last, InviteCode.decode(code.encode()).expiresAt());
  }

  @Test
  void isWrittenInGroupsOfFiveAfterItsPrefix() {
    String text = code(List.of(LOOPBACK)).encode();
    assertTrue(text.matches("TEND(-[A-Z2-7]{1,5})+"), text);
    String[] groups = text.split("-");
    for (int i = 1; i < groups.length - 1; i++) {
      assertEquals(5, groups[i].length(), text);
    }
  }

  @Test
  void everySingleCharacterSubstitutionIsCaught() {
    String text = code(List.of(LOOPBACK, new PeerAddress.Tcp("::1", 7401))).encode();
    int tried = 0;
    for (int i = 0; i < text.length(); i++) {
      char original = text.charAt(i);
      for (char replacement : (ALPHABET + "-").toCharArray()) {
        if (replacement == original) {
          continue;
        }
        String mistyped = text.substring(0, i) + replacement + text.substring(i + 1);
        tried++;
        try {
          InviteCode.decode(mistyped);
          fail("position " + i + ": '" + original + "' → '" + replacement + "' was not caught");
        } catch (InviteRefusedException e) {
          if (i >= 5 && original != '-' && replacement != '-') {
            assertTrue(e.getMessage().contains("mistyped"), e.getMessage());
          }
        }
      }
    }
    assertEquals(text.length() * ALPHABET.length(), tried);
  }

  @Test
  void everyTruncationIsCaught() {
    String text = code(List.of(LOOPBACK)).encode();
    for (int length = 0; length < text.length(); length++) {
      String cut = text.substring(0, length);
      assertThrows(InviteRefusedException.class, () -> InviteCode.decode(cut),
          "cut to " + length + " characters");
    }
    String withoutAGroup = text.substring(0, 5) + text.substring(11);
    InviteRefusedException e = assertThrows(InviteRefusedException.class,
        () -> InviteCode.decode(withoutAGroup));
    assertTrue(e.getMessage().contains("mistyped"), e.getMessage());
  }

  @Test
  void isReadRegardlessOfCaseDashesAndSpaces() throws Exception {
    String text = code(List.of(LOOPBACK)).encode();
    List<String> variants = List.of(
        text.toLowerCase(Locale.ROOT),
        text.replace('-', ' '),
        text.replace("-", ""),
        "  " + text.replace("-", " - ") + "\n",
        text.substring(0, 5) + text.substring(5).replace("-", "\n"),
        mixedCase(text));
    for (String variant : variants) {
      InviteCode decoded = InviteCode.decode(variant);
      assertEquals(collective, decoded.collective(), variant);
      assertArrayEquals(secret, decoded.secret().exposeSecret(), variant);
    }
  }

  private static String mixedCase(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(i % 2 == 0 ? Character.toLowerCase(c) : c);
    }
    return out.toString();
  }

  @Test
  void refusesTextThatIsNotAnInviteCode() {
    for (String text : List.of("", "hello", "TEND", "TEND-", "TEND-AAAA", "XEND-AAAAA-AAAAA",
        "TEND-AAAAA-AAAA1", "TEND-AAAAA-AAAA=")) {
      assertThrows(InviteRefusedException.class, () -> InviteCode.decode(text), text);
    }
  }

  /** The documented layout, built by hand: version || body after the version. */
  private byte[] layout(int version, int expiresSeconds, byte[]... addressEntries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(version);
    out.writeBytes(collective.bytes());
    out.writeBytes(inviter.bytes());
    out.writeBytes(secret);
    out.writeBytes(ByteBuffer.allocate(4).putInt(expiresSeconds).array());
    out.write(addressEntries.length);
    for (byte[] entry : addressEntries) {
      out.writeBytes(entry);
    }
    return out.toByteArray();
  }

  private static byte[] ipv4Entry(int a, int b, int c, int d, int port) {
    return new byte[] {4, (byte) a, (byte) b, (byte) c, (byte) d, (byte) (port >>> 8),
        (byte) port};
  }

  private static String written(byte[] body) {
    byte[] checksum = Sha256.hash(Labels.INVITE_CHECKSUM, body);
    byte[] all = new byte[body.length + 4];
    System.arraycopy(body, 0, all, 0, body.length);
    System.arraycopy(checksum, 0, all, body.length, 4);
    String text = base32(all);
    StringBuilder out = new StringBuilder("TEND");
    for (int i = 0; i < text.length(); i += 5) {
      out.append('-').append(text, i, Math.min(text.length(), i + 5));
    }
    return out.toString();
  }

  private static String base32(byte[] data) {
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  private static byte[] unbase32(String code) {
    String text = code.substring(4).replace("-", "");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : text.toCharArray()) {
      buffer = (buffer << 5) | ALPHABET.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }

  @Test
  void theHandBuiltLayoutIsExactlyWhatIsWritten() {
    String byHand = written(layout(1, (int) EXPIRES.getEpochSecond(),
        ipv4Entry(127, 0, 0, 1, 7400)));
    assertEquals(code(List.of(LOOPBACK)).encode(), byHand);
  }

  @Test
  void aCodeFromANewerVersionIsRefusedAsSuch() {
    for (int version : new int[] {2, 255}) {
      String newer = written(layout(version, (int) EXPIRES.getEpochSecond(),
          ipv4Entry(127, 0, 0, 1, 7400)));
      InviteRefusedException e = assertThrows(InviteRefusedException.class,
          () -> InviteCode.decode(newer));
      assertTrue(e.getMessage().contains("newer version"), e.getMessage());
    }
  }

  @Test
  void aCodeWithBytesAfterItsAddressesIsRefused() {
    byte[] body = layout(1, (int) EXPIRES.getEpochSecond(), ipv4Entry(127, 0, 0, 1, 7400));
    byte[] longer = java.util.Arrays.copyOf(body, body.length + 1);
    InviteRefusedException e = assertThrows(InviteRefusedException.class,
        () -> InviteCode.decode(written(longer)));
    assertTrue(e.getMessage().contains("mistyped"), e.getMessage());
  }

  @Test
  void aCodeWithAnUnknownKindOfAddressOrTooFewAddressesIsRefused() {
    byte[] unknownKind = {5, 1, 2, 3, 4, 0, 80};
    assertThrows(InviteRefusedException.class, () -> InviteCode.decode(
        written(layout(1, (int) EXPIRES.getEpochSecond(), unknownKind))));
    assertThrows(InviteRefusedException.class, () -> InviteCode.decode(
        written(layout(1, (int) EXPIRES.getEpochSecond()))), "no address");
    byte[] nine = layout(1, (int) EXPIRES.getEpochSecond());
    nine[nine.length - 1] = (byte) (InviteCode.MAX_ADDRESSES + 1);
    ByteArrayOutputStream many = new ByteArrayOutputStream();
    many.writeBytes(nine);
    for (int i = 0; i <= InviteCode.MAX_ADDRESSES; i++) {
      many.writeBytes(ipv4Entry(10, 0, 0, i, 7400));
    }
    assertThrows(InviteRefusedException.class,
        () -> InviteCode.decode(written(many.toByteArray())), "one address too many");
  }

  @Test
  void theCodeHoldsNoNamesOnlyWhatItsLayoutSays(@TempDir Path home) throws Exception {
    String collectiveName = "Riverside Tenants Union";
    String displayName = "Ana Lucia";
    try (TendNode node = TestHomes.init(TestHomes.config(home))) {
      CollectiveId id = node.collectives().create(collectiveName, displayName, Rules.defaults())
          .id();
      String code = node.collectives().invite(id, 1, Duration.ofHours(1), List.of(LOOPBACK))
          .code();
      byte[] raw = unbase32(code);
      assertEquals(1 + 16 + 32 + 16 + 4 + 1 + 7 + 4, raw.length, "nothing beyond the layout");
      for (String name : List.of(collectiveName, displayName, "Riverside", "Ana")) {
        assertFalse(code.toUpperCase(Locale.ROOT).contains(name.toUpperCase(Locale.ROOT)));
        assertFalse(contains(raw, name.getBytes(StandardCharsets.UTF_8)), name);
        assertFalse(contains(raw, name.getBytes(StandardCharsets.UTF_16BE)), name);
      }
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    return org.tend.node.DiskScan.indexOf(haystack, needle) >= 0;
  }
}
