package org.tend.protocol.crypto;

import java.util.Arrays;
import java.util.Optional;

/**
 * An Ed25519 public key checked and decompressed once, for verifying many signatures by one
 * signer (a member's log). Verification is the same as {@link Ed25519#verify}: strict, labelled,
 * and never throwing on malformed input. Immutable and thread-safe.
 */
public final class Ed25519PublicKey {
  private final byte[] encoded;
  private final org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point;

  private Ed25519PublicKey(byte[] encoded,
      org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point) {
    this.encoded = encoded;
    this.point = point;
  }

  /** The key, if {@code publicKey32} is 32 bytes encoding a valid point of full order. */
  public static Optional<Ed25519PublicKey> parse(byte[] publicKey32) {
    if (publicKey32 == null || publicKey32.length != Ed25519.PUBLIC_KEY_LENGTH) {
      return Optional.empty();
    }
    byte[] copy = publicKey32.clone();
    try {
      var point = org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyFullExport(copy, 0);
      return point == null ? Optional.empty() : Optional.of(new Ed25519PublicKey(copy, point));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code signature64} signs {@code Labels.bind(label, message)} by this key. */
  public boolean verify(String label, byte[] message, byte[] signature64) {
    if (label == null || message == null || signature64 == null
        || signature64.length != Ed25519.SIGNATURE_LENGTH) {
      return false;
    }
    try {
      return verifyRaw(Labels.bind(label, message), signature64);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** RFC 8032 verification over the raw message (no label); for vectors. */
  boolean verifyRaw(byte[] message, byte[] signature64) {
    if (message == null || signature64 == null
        || signature64.length != Ed25519.SIGNATURE_LENGTH) {
      return false;
    }
    try {
      return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
          signature64, 0, point, message, 0, message.length);
    } catch (RuntimeException e) {
      return false;
    }
  }

  public byte[] encoded() {
    return encoded.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519PublicKey other && Arrays.equals(encoded, other.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }
}
