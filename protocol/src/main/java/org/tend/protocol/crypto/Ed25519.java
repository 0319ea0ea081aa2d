package org.tend.protocol.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * Ed25519 signatures (RFC 8032, pure Ed25519, Bouncy Castle).
 *
 * <p>Tend never signs raw messages: {@link Ed25519KeyPair#sign(String, byte[])} signs
 * {@link Labels#bind(String, byte[]...) Labels.bind(label, message)} and {@link #verify} checks
 * against the same encoding, so a signature made for one purpose cannot be replayed for another.
 * Verification is strict: non-canonical S (S &ge; L) and invalid or non-canonical points are
 * rejected.
 */
public final class Ed25519 {

  /** Public key length in bytes. */
  public static final int PUBLIC_KEY_LENGTH = 32;
  /** Seed (private key) length in bytes. */
  public static final int SEED_LENGTH = 32;
  /** Signature length in bytes. */
  public static final int SIGNATURE_LENGTH = 64;

  private Ed25519() {
  }

  /** Generates a key pair from a fresh 32-byte seed drawn from {@code r}. */
  public static Ed25519KeyPair generate(Randomness r) {
    Objects.requireNonNull(r, "r");
    try (SecretBytes seed = SecretBytes.random(r, SEED_LENGTH)) {
      return fromSeed(seed);
    }
  }

  /**
   * Re-creates the key pair for a 32-byte RFC 8032 seed. The pair keeps its own copy of the
   * seed; the caller still owns (and should destroy) {@code seed32}.
   *
   * @throws IllegalArgumentException if the seed is not 32 bytes
   */
  public static Ed25519KeyPair fromSeed(SecretBytes seed32) {
    Objects.requireNonNull(seed32, "seed32");
    byte[] seed = seed32.exposeSecret();
    try {
      if (seed.length != SEED_LENGTH) {
        throw new IllegalArgumentException(
            "Ed25519 seed must be " + SEED_LENGTH + " bytes, was " + seed.length);
      }
      return new Ed25519KeyPair(SecretBytes.copyOf(seed), publicKeyRaw(seed));
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /**
   * Verifies {@code signature64} by {@code publicKey32} over
   * {@code Labels.bind(label, message)}.
   *
   * <p>Never throws on malformed input: null arguments, wrong lengths, invalid points and
   * non-canonical signatures all return {@code false}.
   */
  public static boolean verify(byte[] publicKey32, String label, byte[] message, byte[] signature64) {
    if (publicKey32 == null || label == null || message == null || signature64 == null) {
      return false;
    }
    byte[] bound;
    try {
      bound = Labels.bind(label, message);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return verifyRaw(publicKey32, bound, signature64);
  }

  /** RFC 8032 signature over the raw message (no label); for vectors and the key pair. */
  static byte[] signRaw(byte[] seed, byte[] message) {
    return signRaw(seed, publicKeyRaw(seed), message);
  }

  static byte[] signRaw(byte[] seed, byte[] publicKey, byte[] message) {
    byte[] sig = new byte[SIGNATURE_LENGTH];
    org.bouncycastle.math.ec.rfc8032.Ed25519.sign(
        seed, 0, publicKey, 0, message, 0, message.length, sig, 0);
    return sig;
  }

  /** RFC 8032 verification over the raw message (no label); false on any malformed input. */
  static boolean verifyRaw(byte[] pk, byte[] message, byte[] sig) {
    if (pk == null || message == null || sig == null
        || pk.length != PUBLIC_KEY_LENGTH || sig.length != SIGNATURE_LENGTH) {
      return false;
    }
    try {
      return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(sig, 0, pk, 0, message, 0, message.length);
    } catch (RuntimeException e) {
      return false; // defensive: malformed input must never escape as an exception
    }
  }

  static byte[] publicKeyRaw(byte[] seed) {
    byte[] pk = new byte[PUBLIC_KEY_LENGTH];
    org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, pk, 0);
    return pk;
  }
}
