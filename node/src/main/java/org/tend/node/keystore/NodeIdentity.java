package org.tend.node.keystore;

import org.tend.node.api.home.Fingerprint;
import org.tend.protocol.crypto.Ed25519;
import org.tend.protocol.crypto.Ed25519KeyPair;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Sha256;
import org.tend.protocol.crypto.X25519KeyPair;

/**
 * A node's identity: an Ed25519 signing key and an X25519 agreement key, the latter's public key
 * signed by the former so nobody can pair a stolen agreement key with another identity.
 */
public final class NodeIdentity implements AutoCloseable {
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private final Ed25519KeyPair signing;
  private final X25519KeyPair agreement;
  private final byte[] bindingSignature;

  NodeIdentity(Ed25519KeyPair signing, X25519KeyPair agreement, byte[] bindingSignature) {
    if (!Ed25519.verify(signing.publicKey(), Labels.IDENTITY_BINDING, agreement.publicKey(),
        bindingSignature)) {
      throw new IllegalArgumentException("the agreement key is not bound to the signing key");
    }
    this.signing = signing;
    this.agreement = agreement;
    this.bindingSignature = bindingSignature.clone();
  }

  static NodeIdentity bind(Ed25519KeyPair signing, X25519KeyPair agreement) {
    return new NodeIdentity(signing, agreement,
        signing.sign(Labels.IDENTITY_BINDING, agreement.publicKey()));
  }

  public Ed25519KeyPair signing() {
    return signing;
  }

  public X25519KeyPair agreement() {
    return agreement;
  }

  public byte[] bindingSignature() {
    return bindingSignature.clone();
  }

  public Fingerprint fingerprint() {
    return fingerprintOf(signing.publicKey());
  }

  /** 160 bits of a labelled hash of the signing key, as eight groups of four base32 letters. */
  public static Fingerprint fingerprintOf(byte[] signingPublicKey) {
    byte[] digest = Sha256.hash(Labels.FINGERPRINT, signingPublicKey);
    StringBuilder out = new StringBuilder(39);
    int buffer = 0;
    int bits = 0;
    int written = 0;
    for (int i = 0; written < 32; i++) {
      buffer = (buffer << 8) | (digest[i] & 0xff);
      bits += 8;
      while (bits >= 5 && written < 32) {
        if (written > 0 && written % 4 == 0) {
          out.append(' ');
        }
        out.append(BASE32[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
        written++;
      }
    }
    return new Fingerprint(out.toString());
  }

  @Override
  public void close() {
    signing.close();
    agreement.close();
  }
}
