package org.tend.protocol.noise;

import java.util.Arrays;
import org.tend.protocol.crypto.Aead;
import org.tend.protocol.crypto.AuthenticationException;
import org.tend.protocol.crypto.SecretBytes;

/**
 * A Noise CipherState (specification section 5.1): a key, or none, and a message counter. With
 * no key, encryption and decryption pass data through unchanged, as the specification says. Not
 * thread-safe: one direction of one session.
 */
final class CipherState {
  /** The counter value 2^64 - 1 is reserved for REKEY and never used for a message. */
  private static final long MAX_NONCE = -1L;
  private static final byte[] ZEROS = new byte[CipherFunction.KEY_LENGTH];

  private final CipherFunction function;
  private SecretBytes key;
  private Aead aead;
  private long nonce;

  CipherState(CipherFunction function) {
    this.function = function;
  }

  void initializeKey(SecretBytes newKey) {
    destroy();
    key = newKey;
    aead = function.keyed(newKey);
    nonce = 0;
  }

  boolean hasKey() {
    return key != null;
  }

  /** The current counter; for the rekey policy and tests. */
  long nonce() {
    return nonce;
  }

  byte[] encryptWithAd(byte[] ad, byte[] plaintext) throws NoiseException {
    if (!hasKey()) {
      return plaintext.clone();
    }
    checkNonce();
    byte[] out = aead.encrypt(function.nonce(nonce), plaintext, ad);
    nonce++;
    return out;
  }

  byte[] decryptWithAd(byte[] ad, byte[] ciphertext) throws NoiseException {
    if (!hasKey()) {
      return ciphertext.clone();
    }
    checkNonce();
    try {
      byte[] out = aead.decrypt(function.nonce(nonce), ciphertext, ad);
      nonce++; // only on success, as the specification requires
      return out;
    } catch (AuthenticationException e) {
      throw new NoiseException("Noise message failed authentication");
    }
  }

  /** REKEY: the new key is the first 32 bytes of encrypting 32 zeros at the maximum nonce. */
  void rekey() {
    if (!hasKey()) {
      throw new IllegalStateException("no key to rekey");
    }
    byte[] next = function.rekeyOutput(aead, ZEROS);
    try {
      long keep = nonce;
      initializeKey(SecretBytes.copyOf(Arrays.copyOf(next, CipherFunction.KEY_LENGTH)));
      nonce = keep;
    } finally {
      Arrays.fill(next, (byte) 0);
    }
  }

  void destroy() {
    if (key != null) {
      key.destroy();
      key = null;
      aead = null;
    }
  }

  private void checkNonce() throws NoiseException {
    if (nonce == MAX_NONCE) {
      throw new NoiseException("Noise nonces exhausted; the session must end");
    }
  }
}
