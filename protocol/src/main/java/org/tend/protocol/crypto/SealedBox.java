package org.tend.protocol.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * Encrypts to the holder of an X25519 key, anonymously: a fresh ephemeral key agrees with the
 * recipient's key, HKDF-SHA256 turns the shared secret into an AES-256-GCM key, and the output
 * is
 *
 * <pre>
 *   ephemeral_public(32) || nonce(12) || AES-GCM(key, nonce, plaintext, ad)
 *   key = HKDF(ikm = X25519(ephemeral, recipient), salt = "",
 *              info = Labels.bind(label, ephemeral_public, recipient_public, context))
 *   ad  = the same bound bytes
 * </pre>
 *
 * <p>Binding both public keys stops a sealed box from being re-aimed at another recipient;
 * the label and context (for example a collective id and epoch) stop it from being moved to
 * another purpose. Only the recipient can open it; the sender cannot, once the ephemeral key
 * is gone, and nothing in the output says who sent it.
 */
public final class SealedBox {
  /** Bytes a sealed box adds to its plaintext. */
  public static final int OVERHEAD = X25519.KEY_LENGTH + Aead.NONCE_LENGTH + Aead.TAG_LENGTH;

  private SealedBox() {
  }

  /**
   * @throws CryptoException if the recipient key is malformed or of low order
   */
  public static byte[] seal(Randomness randomness, byte[] recipientPublicKey, String label,
      byte[] context, byte[] plaintext) throws CryptoException {
    Objects.requireNonNull(plaintext, "plaintext");
    try (X25519KeyPair ephemeral = X25519.generate(randomness)) {
      byte[] ephemeralPublic = ephemeral.publicKey();
      byte[] bound = Labels.bind(label, ephemeralPublic, recipientPublicKey, context);
      try (SecretBytes shared = ephemeral.agree(recipientPublicKey);
          SecretBytes key = Hkdf.derive(shared, new byte[0], bound, Aead.KEY_LENGTH)) {
        byte[] body = AesGcm.withKey(key).seal(randomness, plaintext, bound);
        byte[] out = Arrays.copyOf(ephemeralPublic, ephemeralPublic.length + body.length);
        System.arraycopy(body, 0, out, ephemeralPublic.length, body.length);
        return out;
      }
    }
  }

  /**
   * @throws AuthenticationException if the box was not sealed to this key with this label and
   *     context, or was altered or truncated
   */
  public static byte[] open(X25519KeyPair recipient, String label, byte[] context, byte[] sealed)
      throws CryptoException {
    Objects.requireNonNull(sealed, "sealed");
    if (sealed.length < OVERHEAD) {
      throw new AuthenticationException("sealed box");
    }
    byte[] ephemeralPublic = Arrays.copyOf(sealed, X25519.KEY_LENGTH);
    byte[] bound = Labels.bind(label, ephemeralPublic, recipient.publicKey(), context);
    try (SecretBytes shared = recipient.agree(ephemeralPublic);
        SecretBytes key = Hkdf.derive(shared, new byte[0], bound, Aead.KEY_LENGTH)) {
      return AesGcm.withKey(key).open(
          Arrays.copyOfRange(sealed, X25519.KEY_LENGTH, sealed.length), bound);
    }
  }
}
