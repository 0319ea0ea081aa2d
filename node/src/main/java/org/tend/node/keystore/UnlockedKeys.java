package org.tend.node.keystore;

import org.tend.protocol.crypto.Argon2Params;
import org.tend.protocol.crypto.SecretBytes;

/** What a passphrase opens: the master key and the node's identity. Close to forget both. */
public final class UnlockedKeys implements AutoCloseable {
  private final SecretBytes masterKey;
  private final NodeIdentity identity;
  private final Argon2Params kdf;

  UnlockedKeys(SecretBytes masterKey, NodeIdentity identity, Argon2Params kdf) {
    this.masterKey = masterKey;
    this.identity = identity;
    this.kdf = kdf;
  }

  public SecretBytes masterKey() {
    return masterKey;
  }

  public NodeIdentity identity() {
    return identity;
  }

  public Argon2Params kdf() {
    return kdf;
  }

  @Override
  public void close() {
    masterKey.destroy();
    identity.close();
  }
}
