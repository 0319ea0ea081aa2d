package org.tend.node.keystore;

import org.tend.node.api.home.Fingerprint;
import org.tend.protocol.crypto.Ed25519;
import org.tend.protocol.crypto.Ed25519KeyPair;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.X25519;
import org.tend.protocol.crypto.X25519KeyPair;

/**
 * A node's identity: an Ed25519 signing key and an X25519 agreement key, the latter's public key
 * signed by the former so nobody can pair a stolen agreement key with another identity.
 */
public final class NodeIdentity implements AutoCloseable {
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

  /** A fresh identity: new signing and agreement keys, bound together. */
  public static NodeIdentity generate(Randomness randomness) {
    return bind(Ed25519.generate(randomness), X25519.generate(randomness));
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

  /** See {@link Fingerprint#of}. */
  public static Fingerprint fingerprintOf(byte[] signingPublicKey) {
    return Fingerprint.of(signingPublicKey);
  }

  @Override
  public void close() {
    signing.close();
    agreement.close();
  }
}
