package org.tend.protocol.noise;

import java.util.Objects;

/**
 * A Noise protocol name taken apart, e.g. {@code Noise_XXpsk0_25519_AESGCM_SHA256}. Tend
 * implements the DH function {@code 25519} and the hash {@code SHA256}, with either cipher.
 */
public record NoiseProtocol(String name, HandshakePattern pattern, CipherFunction cipher) {

  /** The protocol every Tend connection speaks. */
  public static final String TEND = "Noise_XXpsk0_25519_AESGCM_SHA256";

  public NoiseProtocol {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(cipher, "cipher");
  }

  /**
   * Parses a full protocol name.
   *
   * @throws IllegalArgumentException if the name is malformed or names a pattern, DH function,
   *     cipher or hash Tend does not implement
   */
  public static NoiseProtocol parse(String name) {
    Objects.requireNonNull(name, "name");
    String[] parts = name.split("_", -1);
    if (parts.length != 5 || !parts[0].equals("Noise")) {
      throw new IllegalArgumentException("not a Noise protocol name: " + name);
    }
    if (!parts[2].equals("25519")) {
      throw new IllegalArgumentException("unsupported Noise DH function: " + parts[2]);
    }
    if (!parts[4].equals("SHA256")) {
      throw new IllegalArgumentException("unsupported Noise hash function: " + parts[4]);
    }
    return new NoiseProtocol(name, HandshakePattern.named(parts[1]),
        CipherFunction.named(parts[3]));
  }
}
