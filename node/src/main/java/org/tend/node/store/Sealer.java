package org.tend.node.store;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.tend.protocol.crypto.AesGcm;
import org.tend.protocol.crypto.AuthenticationException;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.Sealed;

/**
 * Seals store values: pads the plaintext, encrypts it with AES-256-GCM under one key, and binds
 * the label and the record's key as associated data, so a value moved to another key or column
 * fails to open.
 */
public final class Sealer {
  static final int FORMAT = 1;

  private final AesGcm aead;
  private final String label;
  private final Randomness randomness;
  private final int minimumPadded;

  public Sealer(SecretBytes key, String label, Randomness randomness) {
    this(key, label, randomness, Padding.MINIMUM);
  }

  /**
   * @param minimumPadded smallest padded plaintext; records whose size barely varies (index
   *     records) need less than free text does
   */
  public Sealer(SecretBytes key, String label, Randomness randomness, int minimumPadded) {
    this.aead = AesGcm.withKey(key);
    this.label = label;
    this.randomness = randomness;
    this.minimumPadded = minimumPadded;
  }

  public byte[] seal(byte[] recordKey, byte[] plaintext) {
    return sealed(recordKey, plaintext).toByteArray();
  }

  /** Seals into a message, for values that hold more than one sealed part. */
  public Sealed sealed(byte[] recordKey, byte[] plaintext) {
    byte[] nonce = randomness.bytes(AesGcm.NONCE_LENGTH);
    byte[] ciphertext = aead.encrypt(nonce, Padding.pad(plaintext, minimumPadded),
        Labels.bind(label, recordKey));
    return Sealed.newBuilder()
        .setFormat(FORMAT)
        .setNonce(ByteString.copyFrom(nonce))
        .setCiphertext(ByteString.copyFrom(ciphertext))
        .build();
  }

  /** Opens a value; any damage or tampering, framing included, is an authentication failure. */
  public byte[] open(byte[] recordKey, byte[] stored) throws AuthenticationException {
    try {
      return open(recordKey, Sealed.parseFrom(stored));
    } catch (InvalidProtocolBufferException e) {
      throw new AuthenticationException();
    }
  }

  public byte[] open(byte[] recordKey, Sealed sealed) throws AuthenticationException {
    if (sealed.getFormat() != FORMAT || sealed.getNonce().size() != AesGcm.NONCE_LENGTH) {
      throw new AuthenticationException();
    }
    try {
      byte[] padded = aead.decrypt(sealed.getNonce().toByteArray(),
          sealed.getCiphertext().toByteArray(), Labels.bind(label, recordKey));
      return Padding.unpad(padded);
    } catch (IllegalArgumentException e) {
      throw new AuthenticationException();
    }
  }
}
