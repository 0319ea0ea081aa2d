package org.tend.protocol.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM from the JDK ({@code AES/GCM/NoPadding}, 96-bit nonce, 128-bit tag): see {@link Aead}
 * for exactly what is encrypted and authenticated.
 *
 * <p>Thread-safe: each thread re-initialises its own {@link Cipher} for every call, with this
 * object's key and the call's nonce. Looking a cipher up with {@code Cipher.getInstance} costs
 * more than sealing a kilobyte, so the instance is kept per thread.
 *
 * <p>The JDK refuses to encrypt twice in a row under the same key and nonce on one cipher; that
 * guard is kept: such a call fails with {@link IllegalStateException}, since a repeated nonce
 * under one key would reveal the XOR of two plaintexts and allow forging tags. The one
 * legitimate repeat, Noise's REKEY (both ends of a session compute it, and in one JVM they may
 * share a thread), has its own method, {@link #encryptAtRekeyNonce}.
 *
 * <p>A thread's cipher keeps the key schedule of the last key it used until its next call; the
 * {@link SecretKeySpec} cannot be destroyed either. Both live no longer than the keys' owners
 * keep them reachable (see the protocol's notes on session keys).
 */
public final class AesGcm implements Aead {

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance(TRANSFORMATION);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  });

  /** Noise's REKEY nonce for AESGCM: the counter 2^64 - 1, big-endian after 4 zero bytes. */
  private static final byte[] REKEY_NONCE = {0, 0, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1};

  private final SecretKeySpec key;

  private AesGcm(SecretKeySpec key) {
    this.key = key;
  }

  /**
   * Uses a copy of {@code key}; destroying {@code key} afterwards does not affect this object.
   * Production keys are {@link #KEY_LENGTH} (32) bytes; 16 and 24 are accepted for
   * interoperability and test vectors.
   *
   * @throws IllegalArgumentException if the key is not 16, 24 or 32 bytes
   */
  public static AesGcm withKey(SecretBytes key) {
    Objects.requireNonNull(key, "key");
    byte[] raw = key.exposeSecret();
    try {
      if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
        throw new IllegalArgumentException(
            "AES key must be 16, 24 or 32 bytes, was " + raw.length);
      }
      return new AesGcm(new SecretKeySpec(raw, "AES")); // SecretKeySpec keeps its own copy
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  @Override
  public byte[] encrypt(byte[] nonce, byte[] plaintext, byte[] associatedData) {
    Objects.requireNonNull(plaintext, "plaintext");
    Cipher cipher = init(Cipher.ENCRYPT_MODE, nonce, associatedData);
    try {
      return cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  @Override
  public byte[] decrypt(byte[] nonce, byte[] ciphertextWithTag, byte[] associatedData)
      throws AuthenticationException {
    Objects.requireNonNull(ciphertextWithTag, "ciphertextWithTag");
    Cipher cipher = init(Cipher.DECRYPT_MODE, nonce, associatedData);
    if (ciphertextWithTag.length < TAG_LENGTH) {
      throw new AuthenticationException();
    }
    try {
      return cipher.doFinal(ciphertextWithTag);
    } catch (AEADBadTagException e) {
      throw new AuthenticationException();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  /**
   * Encrypts under a fresh random nonce drawn from {@code r}, authenticating
   * {@code associatedData} as in {@link #encrypt}.
   *
   * @return {@code nonce(12) || ciphertext || tag(16)}
   */
  public byte[] seal(Randomness r, byte[] plaintext, byte[] associatedData) {
    Objects.requireNonNull(r, "r");
    byte[] nonce = r.bytes(NONCE_LENGTH);
    byte[] body = encrypt(nonce, plaintext, associatedData);
    byte[] sealed = Arrays.copyOf(nonce, NONCE_LENGTH + body.length);
    System.arraycopy(body, 0, sealed, NONCE_LENGTH, body.length);
    return sealed;
  }

  /**
   * Opens the output of {@link #seal}: verifies the tag over nonce, ciphertext and
   * {@code associatedData}, then decrypts.
   *
   * @throws AuthenticationException if the tag does not verify or {@code sealed} is shorter
   *     than nonce plus tag (28 bytes)
   */
  public byte[] open(byte[] sealed, byte[] associatedData) throws AuthenticationException {
    Objects.requireNonNull(sealed, "sealed");
    if (sealed.length < NONCE_LENGTH + TAG_LENGTH) {
      throw new AuthenticationException();
    }
    byte[] nonce = Arrays.copyOfRange(sealed, 0, NONCE_LENGTH);
    byte[] body = Arrays.copyOfRange(sealed, NONCE_LENGTH, sealed.length);
    return decrypt(nonce, body, associatedData);
  }

  /**
   * Noise's REKEY for AESGCM: encrypts {@code plaintext}, with empty associated data, under the
   * nonce Noise reserves for it, 2^64 - 1 (32 zero bits, then 64 one bits). Both ends of a
   * session derive their next key this way from the same key, so this encryption is repeated by
   * design; it runs on a cipher of its own, which the nonce-reuse guard of {@link #encrypt} never
   * sees. No other nonce can be given here.
   */
  public byte[] encryptAtRekeyNonce(byte[] plaintext) {
    Objects.requireNonNull(plaintext, "plaintext");
    Cipher cipher;
    try {
      cipher = Cipher.getInstance(TRANSFORMATION);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
    init(cipher, Cipher.ENCRYPT_MODE, REKEY_NONCE.clone(), new byte[0]);
    try {
      return cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  @Override
  public String toString() {
    return "AesGcm[key redacted]";
  }

  private Cipher init(int mode, byte[] nonce, byte[] associatedData) {
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(associatedData, "associatedData");
    if (nonce.length != NONCE_LENGTH) {
      throw new IllegalArgumentException(
          "nonce must be " + NONCE_LENGTH + " bytes, was " + nonce.length);
    }
    return init(CIPHERS.get(), mode, nonce, associatedData);
  }

  private Cipher init(Cipher cipher, int mode, byte[] nonce, byte[] associatedData) {
    try {
      cipher.init(mode, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
      cipher.updateAAD(associatedData);
      return cipher;
    } catch (InvalidAlgorithmParameterException reusedNonce) {
      throw new IllegalStateException("AES-GCM refuses to encrypt twice under one key and nonce",
          reusedNonce);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }
}
