package org.tend.protocol.noise;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.crypto.X25519;
import org.tend.protocol.crypto.X25519KeyPair;

/** Configures one side of a handshake; see {@link HandshakeState#initiator}. */
public final class HandshakeBuilder {
  /** Length of a Noise pre-shared key in bytes. */
  public static final int PSK_LENGTH = 32;

  final NoiseProtocol protocol;
  final boolean initiator;
  byte[] prologue = new byte[0];
  X25519KeyPair localStatic;
  byte[] remoteStatic;
  final List<SecretBytes> psks = new ArrayList<>();
  Randomness randomness = Randomness.secure();

  HandshakeBuilder(NoiseProtocol protocol, boolean initiator) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.initiator = initiator;
  }

  /** Data both sides must agree on, authenticated by the handshake (default: empty). */
  public HandshakeBuilder prologue(byte[] bytes) {
    this.prologue = Objects.requireNonNull(bytes, "bytes").clone();
    return this;
  }

  /** This side's static key pair; it stays the caller's to close. */
  public HandshakeBuilder localStatic(X25519KeyPair keyPair) {
    this.localStatic = Objects.requireNonNull(keyPair, "keyPair");
    return this;
  }

  /** The remote static public key known in advance (patterns with an {@code s} pre-message). */
  public HandshakeBuilder remoteStatic(byte[] publicKey) {
    Objects.requireNonNull(publicKey, "publicKey");
    if (publicKey.length != X25519.KEY_LENGTH) {
      throw new IllegalArgumentException("remote static key must be 32 bytes");
    }
    this.remoteStatic = publicKey.clone();
    return this;
  }

  /**
   * Adds the next pre-shared key, in the order the pattern's {@code psk} tokens use them. The
   * handshake keeps a copy and destroys it when done.
   */
  public HandshakeBuilder psk(SecretBytes key) {
    Objects.requireNonNull(key, "key");
    if (key.length() != PSK_LENGTH) {
      throw new IllegalArgumentException("a PSK must be " + PSK_LENGTH + " bytes");
    }
    byte[] raw = key.exposeSecret();
    try {
      psks.add(SecretBytes.copyOf(raw));
    } finally {
      java.util.Arrays.fill(raw, (byte) 0);
    }
    return this;
  }

  /** Where ephemeral keys come from (default: the secure source). */
  public HandshakeBuilder randomness(Randomness source) {
    this.randomness = Objects.requireNonNull(source, "source");
    return this;
  }

  /**
   * @throws IllegalArgumentException if the pattern needs a key that was not given, or the
   *     number of PSKs does not match its {@code psk} tokens
   */
  public HandshakeState build() {
    return new HandshakeState(this);
  }
}
