package org.tend.protocol.crypto;

import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * ChaCha20-Poly1305 (RFC 8439, Bouncy Castle): see {@link Aead} for exactly what is encrypted
 * and authenticated. Bouncy Castle's lightweight API is used because, unlike the JDK's cipher,
 * it does not refuse a key and nonce pair it has seen before, which Noise's REKEY (encrypting
 * at the reserved maximum nonce) needs. Tend's transport uses {@link AesGcm}; this exists for
 * the {@code ChaChaPoly} Noise suites.
 *
 * <p>Thread-safe: each call builds its own cipher.
 */
public final class ChaChaPoly implements Aead {

  private final byte[] key;

  private ChaChaPoly(byte[] key) {
    this.key = key;
  }

  /**
   * Uses a copy of {@code key}.
   *
   * @throws IllegalArgumentException if the key is not {@link #KEY_LENGTH} (32) bytes
   */
  public static ChaChaPoly withKey(SecretBytes key) {
    Objects.requireNonNull(key, "key");
    byte[] raw = key.exposeSecret();
    if (raw.length != KEY_LENGTH) {
      Arrays.fill(raw, (byte) 0);
      throw new IllegalArgumentException(
          "ChaCha20-Poly1305 key must be " + KEY_LENGTH + " bytes, was " + raw.length);
    }
    return new ChaChaPoly(raw);
  }

  @Override
  public byte[] encrypt(byte[] nonce, byte[] plaintext, byte[] associatedData) {
    Objects.requireNonNull(plaintext, "plaintext");
    ChaCha20Poly1305 cipher = init(true, nonce, associatedData);
    byte[] out = new byte[plaintext.length + TAG_LENGTH];
    int n = cipher.processBytes(plaintext, 0, plaintext.length, out, 0);
    try {
      cipher.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
    }
    return out;
  }

  @Override
  public byte[] decrypt(byte[] nonce, byte[] ciphertextWithTag, byte[] associatedData)
      throws AuthenticationException {
    Objects.requireNonNull(ciphertextWithTag, "ciphertextWithTag");
    ChaCha20Poly1305 cipher = init(false, nonce, associatedData);
    if (ciphertextWithTag.length < TAG_LENGTH) {
      throw new AuthenticationException();
    }
    // Bouncy Castle buffers the plaintext and releases it only after the tag verifies.
    byte[] out = new byte[ciphertextWithTag.length - TAG_LENGTH];
    int n = cipher.processBytes(ciphertextWithTag, 0, ciphertextWithTag.length, out, 0);
    try {
      cipher.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      Arrays.fill(out, (byte) 0);
      throw new AuthenticationException();
    }
    return out;
  }

  @Override
  public String toString() {
    return "ChaChaPoly[key redacted]";
  }

  private ChaCha20Poly1305 init(boolean encrypt, byte[] nonce, byte[] associatedData) {
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(associatedData, "associatedData");
    if (nonce.length != NONCE_LENGTH) {
      throw new IllegalArgumentException(
          "nonce must be " + NONCE_LENGTH + " bytes, was " + nonce.length);
    }
    ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
    cipher.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_LENGTH * 8, nonce,
        associatedData));
    return cipher;
  }
}
