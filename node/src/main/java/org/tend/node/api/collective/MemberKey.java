package org.tend.node.api.collective;

import java.util.Arrays;
import org.tend.node.api.home.Fingerprint;

/** A member's Ed25519 identity public key: who they are, across every collective. Immutable. */
public final class MemberKey {
  /** Length in bytes. */
  public static final int LENGTH = 32;
  private final byte[] key;

  private MemberKey(byte[] key) {
    this.key = key;
  }

  /** @throws IllegalArgumentException unless {@code key} is {@link #LENGTH} bytes */
  public static MemberKey of(byte[] key) {
    if (key.length != LENGTH) {
      throw new IllegalArgumentException("a member key is " + LENGTH + " bytes, was " + key.length);
    }
    return new MemberKey(key.clone());
  }

  public byte[] bytes() {
    return key.clone();
  }

  /** The human-comparable fingerprint of this key. */
  public Fingerprint fingerprint() {
    return Fingerprint.of(key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MemberKey other && Arrays.equals(key, other.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return fingerprint().value();
  }
}
