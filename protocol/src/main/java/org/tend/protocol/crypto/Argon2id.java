package org.tend.protocol.crypto;

import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106, version 0x13, Bouncy Castle) for deriving keys from passphrases.
 *
 * <p>Bouncy Castle allocates all {@code memoryKiB} on the heap for each call and runs lanes on
 * one thread, so a call costs roughly {@code memoryKiB} of heap and time proportional to
 * {@code memoryKiB * iterations}.
 */
public final class Argon2id {

  /** Shortest salt accepted, in bytes (RFC 9106 section 3.1). Tend uses 16-byte salts. */
  public static final int MIN_SALT_LENGTH = 8;
  /** Shortest output accepted, in bytes (RFC 9106 section 3.1). */
  public static final int MIN_OUTPUT_LENGTH = 4;

  private Argon2id() {
  }

  /**
   * Derives {@code outputLength} bytes from the UTF-8 passphrase and salt, with no secret
   * and no associated data.
   *
   * @throws IllegalArgumentException if the salt is shorter than 8 bytes or the output
   *     shorter than 4 bytes
   */
  public static SecretBytes derive(byte[] passphraseUtf8, byte[] salt, Argon2Params params, int outputLength) {
    return derive(passphraseUtf8, salt, new byte[0], new byte[0], params, outputLength);
  }

  /** Full RFC 9106 form with secret value K and associated data X; used for the RFC vector. */
  static SecretBytes derive(byte[] password, byte[] salt, byte[] secret, byte[] additional,
      Argon2Params params, int outputLength) {
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(salt, "salt");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(additional, "additional");
    Objects.requireNonNull(params, "params");
    if (salt.length < MIN_SALT_LENGTH) {
      throw new IllegalArgumentException(
          "salt must be at least " + MIN_SALT_LENGTH + " bytes, was " + salt.length);
    }
    if (outputLength < MIN_OUTPUT_LENGTH) {
      throw new IllegalArgumentException(
          "output must be at least " + MIN_OUTPUT_LENGTH + " bytes, was " + outputLength);
    }
    Argon2Parameters.Builder builder = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(params.memoryKiB())
        .withIterations(params.iterations())
        .withParallelism(params.parallelism())
        .withSalt(salt)
        .withSecret(secret)
        .withAdditional(additional);
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(builder.build());
    builder.clear(); // wipes the builder's copies of salt, secret and additional data
    byte[] out = new byte[outputLength];
    try {
      generator.generateBytes(password, out);
      return SecretBytes.copyOf(out);
    } finally {
      Arrays.fill(out, (byte) 0);
    }
  }
}
