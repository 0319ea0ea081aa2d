package org.tend.node.api.replication;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/** Names an event: the labelled SHA-256 of its signed header. Immutable. */
public final class EventId {
  public static final int LENGTH = 32;
  private static final HexFormat HEX = HexFormat.of();
  private final byte[] hash;

  private EventId(byte[] hash) {
    this.hash = hash;
  }

  /** @throws IllegalArgumentException unless {@code hash} is {@link #LENGTH} bytes */
  public static EventId of(byte[] hash) {
    if (hash.length != LENGTH) {
      throw new IllegalArgumentException("an event id is " + LENGTH + " bytes, was " + hash.length);
    }
    return new EventId(hash.clone());
  }

  public byte[] bytes() {
    return hash.clone();
  }

  /** All 64 hex digits. */
  public String hex() {
    return HEX.formatHex(hash);
  }

  /** The first 12 hex digits: what people type to name a notice. */
  public String shortHex() {
    return hex().substring(0, 12);
  }

  /** Whether {@code prefix} (hex, any case, at least 4 digits) names this id. */
  public boolean matches(String prefix) {
    String p = prefix.strip().toLowerCase(Locale.ROOT);
    return p.length() >= 4 && hex().startsWith(p);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventId other && Arrays.equals(hash, other.hash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return shortHex();
  }
}
