package org.tend.protocol.noise;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.crypto.Sha256;

/**
 * A Noise SymmetricState (specification section 5.2) over SHA-256: the chaining key, the
 * handshake hash and a CipherState. Not thread-safe.
 */
final class SymmetricState {
  static final int HASH_LENGTH = 32;
  private static final byte[] EMPTY = new byte[0];

  private final CipherFunction function;
  private final CipherState cipher;
  private byte[] chainingKey;
  private byte[] hash;

  SymmetricState(String protocolName, CipherFunction function) {
    this.function = function;
    this.cipher = new CipherState(function);
    byte[] name = protocolName.getBytes(StandardCharsets.US_ASCII);
    hash = name.length <= HASH_LENGTH ? Arrays.copyOf(name, HASH_LENGTH)
        : Sha256.unlabelledDigest(name);
    chainingKey = hash.clone();
  }

  void mixKey(byte[] inputKeyMaterial) {
    byte[][] out = hkdf(inputKeyMaterial, 2);
    replaceChainingKey(out[0]);
    cipher.initializeKey(secret(out[1]));
  }

  void mixHash(byte[] data) {
    hash = Sha256.unlabelledDigest(hash, data);
  }

  void mixKeyAndHash(byte[] inputKeyMaterial) {
    byte[][] out = hkdf(inputKeyMaterial, 3);
    replaceChainingKey(out[0]);
    mixHash(out[1]);
    cipher.initializeKey(secret(out[2]));
  }

  byte[] handshakeHash() {
    return hash.clone();
  }

  boolean hasKey() {
    return cipher.hasKey();
  }

  byte[] encryptAndHash(byte[] plaintext) throws NoiseException {
    byte[] ciphertext = cipher.encryptWithAd(hash, plaintext);
    mixHash(ciphertext);
    return ciphertext;
  }

  byte[] decryptAndHash(byte[] ciphertext) throws NoiseException {
    byte[] plaintext = cipher.decryptWithAd(hash, ciphertext);
    mixHash(ciphertext);
    return plaintext;
  }

  /** The two transport CipherStates: initiator-to-responder first. Wipes the chaining key. */
  CipherState[] split() {
    byte[][] out = hkdf(EMPTY, 2);
    CipherState first = new CipherState(function);
    CipherState second = new CipherState(function);
    first.initializeKey(secret(out[0]));
    second.initializeKey(secret(out[1]));
    destroy();
    return new CipherState[] {first, second};
  }

  void destroy() {
    Arrays.fill(chainingKey, (byte) 0);
    cipher.destroy();
  }

  private void replaceChainingKey(byte[] next) {
    Arrays.fill(chainingKey, (byte) 0);
    chainingKey = next;
  }

  /** Noise's HKDF (section 4.3): HMAC-SHA256 extract with the chaining key, then 2 or 3 blocks. */
  private byte[][] hkdf(byte[] inputKeyMaterial, int outputs) {
    byte[] tempKey = Sha256.unlabelledHmac(chainingKey, inputKeyMaterial);
    try {
      byte[][] out = new byte[outputs][];
      byte[] previous = EMPTY;
      for (int i = 0; i < outputs; i++) {
        out[i] = Sha256.unlabelledHmac(tempKey, previous, new byte[] {(byte) (i + 1)});
        previous = out[i];
      }
      return out;
    } finally {
      Arrays.fill(tempKey, (byte) 0);
    }
  }

  private static SecretBytes secret(byte[] raw) {
    try {
      return SecretBytes.copyOf(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }
}
