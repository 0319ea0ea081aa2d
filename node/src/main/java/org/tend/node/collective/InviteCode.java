package org.tend.node.collective;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.InviteRefusedException;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.transport.PeerAddress;
import org.tend.protocol.crypto.Hkdf;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.crypto.Sha256;

/**
 * An invite as a short text: everything a joiner needs to reach the inviter and prove it holds
 * the invite, with a checksum so a mistyped code is caught before anything is sent.
 *
 * <pre>
 *   version(1) = 1 || collective id(16) || inviter key(32) || secret(16) || expires(u32 seconds)
 *   || address count(1) || addresses: kind(1: 4 IPv4, 6 IPv6, 0 name) [len(1)] bytes port(u16)
 *   || checksum(4) = SHA-256 label tend/v1/invite/checksum over everything before, first 4 bytes
 * </pre>
 *
 * written as {@code TEND-} and base32 (RFC 4648, no padding) in groups of five, case and
 * dashes ignored when read.
 */
record InviteCode(CollectiveId collective, MemberKey inviter, SecretBytes secret,
    Instant expiresAt, List<PeerAddress.Tcp> addresses) {
  static final int SECRET_LENGTH = 16;
  static final int MAX_ADDRESSES = 8;
  private static final int VERSION = 1;
  private static final int CHECKSUM_LENGTH = 4;
  private static final String PREFIX = "TEND-";
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  InviteCode {
    Objects.requireNonNull(collective, "collective");
    Objects.requireNonNull(inviter, "inviter");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(expiresAt, "expiresAt");
    addresses = List.copyOf(addresses);
    if (secret.length() != SECRET_LENGTH) {
      throw new IllegalArgumentException("an invite secret is " + SECRET_LENGTH + " bytes");
    }
    if (addresses.isEmpty() || addresses.size() > MAX_ADDRESSES) {
      throw new IllegalArgumentException("an invite carries 1 to " + MAX_ADDRESSES + " addresses");
    }
  }

  /** The invite's public name: both sides use it to refer to the invite without its secret. */
  byte[] inviteId() {
    byte[] raw = secret.exposeSecret();
    try {
      return Arrays.copyOf(Sha256.hash(Labels.INVITE_ID, collective.bytes(), raw), 16);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** The join-only Noise PSK. */
  SecretBytes joinKey() {
    return Hkdf.deriveKey(secret, Labels.INVITE_PSK, collective.bytes(), 32);
  }

  String encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(VERSION);
    out.writeBytes(collective.bytes());
    out.writeBytes(inviter.bytes());
    byte[] raw = secret.exposeSecret();
    out.writeBytes(raw);
    Arrays.fill(raw, (byte) 0);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) expiresAt.getEpochSecond()).array());
    out.write(addresses.size());
    for (PeerAddress.Tcp address : addresses) {
      writeAddress(out, address);
    }
    byte[] body = out.toByteArray();
    out.writeBytes(checksum(body));
    byte[] all = out.toByteArray();
    String text = base32(all);
    Arrays.fill(all, (byte) 0);
    StringBuilder grouped = new StringBuilder(PREFIX);
    for (int i = 0; i < text.length(); i += 5) {
      if (i > 0) {
        grouped.append('-');
      }
      grouped.append(text, i, Math.min(text.length(), i + 5));
    }
    return grouped.toString();
  }

  /**
   * @throws InviteRefusedException if the text is not an invite code, was mistyped or cut
   *     short, or comes from a newer version of Tend
   */
  static InviteCode decode(String text) throws InviteRefusedException {
    String cleaned = text.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
    if (!cleaned.startsWith("TEND") || cleaned.length() < 10) {
      throw new InviteRefusedException("This is not a Tend invite code (they start with TEND-).");
    }
    byte[] all = unbase32(cleaned.substring(4));
    if (all.length < 1 + CHECKSUM_LENGTH) {
      throw mistyped();
    }
    byte[] body = Arrays.copyOf(all, all.length - CHECKSUM_LENGTH);
    if (!Arrays.equals(checksum(body), Arrays.copyOfRange(all, body.length, all.length))) {
      throw mistyped();
    }
    ByteBuffer in = ByteBuffer.wrap(body);
    try {
      byte version = in.get();
      if (version == 0) {
        throw mistyped();
      }
      if (version != VERSION) {
        throw new InviteRefusedException(
            "This invite code comes from a newer version of Tend; update Tend to use it.");
      }
      CollectiveId collective = CollectiveId.of(take(in, CollectiveId.LENGTH));
      MemberKey inviter = MemberKey.of(take(in, MemberKey.LENGTH));
      byte[] secret = take(in, SECRET_LENGTH);
      Instant expires = Instant.ofEpochSecond(Integer.toUnsignedLong(in.getInt()));
      int count = in.get() & 0xff;
      List<PeerAddress.Tcp> addresses = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        addresses.add(readAddress(in));
      }
      if (in.hasRemaining()) {
        throw mistyped();
      }
      SecretBytes kept = SecretBytes.copyOf(secret);
      Arrays.fill(secret, (byte) 0);
      return new InviteCode(collective, inviter, kept, expires, addresses);
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
      throw mistyped();
    } finally {
      Arrays.fill(all, (byte) 0);
      Arrays.fill(body, (byte) 0);
    }
  }

  private static InviteRefusedException mistyped() {
    return new InviteRefusedException(
        "This invite code is mistyped or incomplete (its checksum does not match); "
            + "copy it again from the person who invited you.");
  }

  private static void writeAddress(ByteArrayOutputStream out, PeerAddress.Tcp address) {
    byte[] literal = literalBytes(address.host());
    if (literal != null) {
      out.write(literal.length == 4 ? 4 : 6);
      out.writeBytes(literal);
    } else {
      byte[] name = address.host().getBytes(StandardCharsets.US_ASCII);
      if (name.length > 253) {
        throw new IllegalArgumentException("host name too long: " + address.host());
      }
      out.write(0);
      out.write(name.length);
      out.writeBytes(name);
    }
    out.write(address.port() >>> 8);
    out.write(address.port());
  }

  private static PeerAddress.Tcp readAddress(ByteBuffer in) throws InviteRefusedException {
    int kind = in.get() & 0xff;
    String host;
    try {
      host = switch (kind) {
        case 4 -> InetAddress.getByAddress(take(in, 4)).getHostAddress();
        case 6 -> InetAddress.getByAddress(take(in, 16)).getHostAddress();
        case 0 -> new String(take(in, in.get() & 0xff), StandardCharsets.US_ASCII);
        default -> throw mistyped();
      };
    } catch (UnknownHostException e) {
      throw mistyped();
    }
    int port = in.getShort() & 0xffff;
    return new PeerAddress.Tcp(host, port);
  }

  /** The bytes of an IP literal, or null for a host name (never resolved here). */
  private static byte[] literalBytes(String host) {
    if (!host.matches("[0-9.]+") && !host.contains(":")) {
      return null;
    }
    try {
      return InetAddress.getByName(host).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static byte[] take(ByteBuffer in, int n) {
    byte[] out = new byte[n];
    in.get(out);
    return out;
  }

  private static byte[] checksum(byte[] body) {
    return Arrays.copyOf(Sha256.hash(Labels.INVITE_CHECKSUM, body), CHECKSUM_LENGTH);
  }

  private static String base32(byte[] data) {
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32[(buffer << (5 - bits)) & 31]);
    }
    return out.toString();
  }

  private static byte[] unbase32(String text) throws InviteRefusedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : text.toCharArray()) {
      int value = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
      if (value < 0) {
        throw mistyped();
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    if (bits >= 5 || (buffer & ((1 << bits) - 1)) != 0) {
      throw mistyped(); // only a canonical encoding is accepted: no stray characters or bits
    }
    return out.toByteArray();
  }
}
