package org.tend.protocol.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** HKDF with HMAC-SHA256 (RFC 5869, Bouncy Castle): extract-then-expand. */
public final class Hkdf {

  /** Longest output HKDF-SHA256 can produce: 255 blocks of 32 bytes. */
  public static final int MAX_LENGTH = 255 * 32;

  private Hkdf() {
  }

  /**
   * RFC 5869 HKDF-SHA256. An empty salt means "not provided" (a string of 32 zero bytes).
   *
   * @throws IllegalArgumentException if {@code length} is not in 1..{@link #MAX_LENGTH}
   */
  public static SecretBytes derive(SecretBytes ikm, byte[] salt, byte[] info, int length) {
    Objects.requireNonNull(ikm, "ikm");
    Objects.requireNonNull(salt, "salt");
    Objects.requireNonNull(info, "info");
    if (length < 1 || length > MAX_LENGTH) {
      throw new IllegalArgumentException("HKDF length must be 1.." + MAX_LENGTH + ", was " + length);
    }
    byte[] rawIkm = ikm.exposeSecret();
    byte[] out = new byte[length];
    try {
      HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
      generator.init(new HKDFParameters(rawIkm, salt, info));
      generator.generateBytes(out, 0, length);
      return SecretBytes.copyOf(out);
    } finally {
      Arrays.fill(rawIkm, (byte) 0);
      Arrays.fill(out, (byte) 0);
    }
  }

  /** HKDF-SHA256 with an empty salt and {@code info = UTF-8(label)}. */
  public static SecretBytes deriveKey(SecretBytes ikm, String label, int length) {
    Objects.requireNonNull(label, "label");
    return derive(ikm, new byte[0], label.getBytes(StandardCharsets.UTF_8), length);
  }

  /** HKDF-SHA256 with an empty salt and {@code info = Labels.bind(label, context)}. */
  public static SecretBytes deriveKey(SecretBytes ikm, String label, byte[] context, int length) {
    return derive(ikm, new byte[0], Labels.bind(label, context), length);
  }
}
