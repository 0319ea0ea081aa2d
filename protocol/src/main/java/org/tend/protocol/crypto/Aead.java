package org.tend.protocol.crypto;

/**
 * Authenticated encryption with associated data, under one fixed key.
 *
 * <p>{@link #encrypt} encrypts the plaintext and authenticates the plaintext, the nonce and the
 * associated data together; its output is {@code ciphertext || tag} ({@link #TAG_LENGTH}-byte
 * tag, ciphertext as long as the plaintext). The associated data is authenticated but
 * <em>not</em> encrypted and not included in the output: the decrypting side must supply the
 * same bytes. Empty associated data is allowed and means the ciphertext is bound only to the
 * key and nonce — callers should instead pass {@link Labels#bind} of a label and context, so a
 * ciphertext cannot be moved to another purpose or place.
 *
 * <p>A nonce must never be used twice with the same key: doing so reveals the XOR of the
 * plaintexts and lets an attacker forge messages. Use random nonces (see
 * {@link AesGcm#seal}) or a counter that never repeats.
 *
 * <p>Arguments must not be null. Implementations are thread-safe.
 */
public interface Aead {

  /** Key length in bytes used in production (AES-256). */
  int KEY_LENGTH = 32;
  /** Nonce length in bytes. */
  int NONCE_LENGTH = 12;
  /** Authentication tag length in bytes (128 bits). */
  int TAG_LENGTH = 16;

  /**
   * Encrypts and authenticates.
   *
   * @return {@code ciphertext || tag}, {@code plaintext.length + TAG_LENGTH} bytes
   * @throws IllegalArgumentException if the nonce is not {@link #NONCE_LENGTH} bytes
   */
  byte[] encrypt(byte[] nonce, byte[] plaintext, byte[] associatedData);

  /**
   * Verifies the tag over ciphertext, nonce and associated data, then decrypts. No plaintext
   * is released unless the tag verifies.
   *
   * @return the plaintext
   * @throws AuthenticationException if the tag does not verify, or the input is shorter than
   *     the tag
   * @throws IllegalArgumentException if the nonce is not {@link #NONCE_LENGTH} bytes
   */
  byte[] decrypt(byte[] nonce, byte[] ciphertextWithTag, byte[] associatedData)
      throws AuthenticationException;
}
