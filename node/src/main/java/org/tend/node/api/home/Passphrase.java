package org.tend.node.api.home;

import java.nio.CharBuffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import org.tend.protocol.crypto.SecretBytes;

/**
 * A passphrase as the bytes the key derivation sees: Unicode NFC, then UTF-8, so the same words
 * typed on two systems open the same home. Holds no copy as a String.
 */
public final class Passphrase implements AutoCloseable {
  public static final int MAX_BYTES = 1024;

  private final SecretBytes bytes;

  private Passphrase(SecretBytes bytes) {
    this.bytes = bytes;
  }

  /** Takes the characters and zeroes the caller's array. */
  public static Passphrase of(char[] characters) {
    try {
      CharSequence normalized = Normalizer.isNormalized(CharBuffer.wrap(characters), Normalizer.Form.NFC)
          ? CharBuffer.wrap(characters)
          : Normalizer.normalize(CharBuffer.wrap(characters), Normalizer.Form.NFC);
      ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(normalized));
      byte[] raw = new byte[encoded.remaining()];
      encoded.get(raw);
      Arrays.fill(encoded.array(), (byte) 0);
      if (raw.length == 0) {
        throw new IllegalArgumentException("the passphrase is empty");
      }
      if (raw.length > MAX_BYTES) {
        throw new IllegalArgumentException("a passphrase holds at most " + MAX_BYTES + " bytes");
      }
      SecretBytes secret = SecretBytes.copyOf(raw);
      Arrays.fill(raw, (byte) 0);
      return new Passphrase(secret);
    } finally {
      Arrays.fill(characters, '\0');
    }
  }

  /**
   * Rebuilds a passphrase from its UTF-8 bytes (as {@link #secret()} gives them) and zeroes
   * {@code utf8}: for one that crossed the owner-only control channel.
   *
   * @throws IllegalArgumentException if the bytes are empty, too long, or not UTF-8
   */
  public static Passphrase fromUtf8(byte[] utf8) {
    try {
      java.nio.CharBuffer decoded = StandardCharsets.UTF_8.newDecoder()
          .decode(ByteBuffer.wrap(utf8));
      char[] characters = new char[decoded.remaining()];
      decoded.get(characters);
      Arrays.fill(decoded.array(), '\0');
      return of(characters);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalArgumentException("the passphrase is not UTF-8");
    } finally {
      Arrays.fill(utf8, (byte) 0);
    }
  }

  /** The UTF-8 bytes, for the key derivation only. */
  public SecretBytes secret() {
    return bytes;
  }

  @Override
  public void close() {
    bytes.destroy();
  }

  @Override
  public String toString() {
    return "Passphrase[redacted]";
  }
}
