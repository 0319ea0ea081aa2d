package org.tend.protocol.noise;

import java.util.Arrays;
import org.tend.protocol.crypto.Aead;
import org.tend.protocol.crypto.AesGcm;
import org.tend.protocol.crypto.ChaChaPoly;
import org.tend.protocol.crypto.SecretBytes;

/**
 * The Noise cipher functions (specification section 12.3 and 12.4): both are AEADs with a
 * 32-byte key and a 96-bit nonce made of 32 zero bits and the 64-bit message counter, which
 * AESGCM encodes big-endian and ChaChaPoly little-endian.
 */
public enum CipherFunction {
  AESGCM("AESGCM") {
    @Override
    Aead keyed(SecretBytes key) {
      return AesGcm.withKey(key);
    }

    @Override
    byte[] nonce(long counter) {
      byte[] nonce = new byte[Aead.NONCE_LENGTH];
      for (int i = 0; i < 8; i++) {
        nonce[4 + i] = (byte) (counter >>> (56 - 8 * i));
      }
      return nonce;
    }

    @Override
    byte[] rekeyOutput(Aead aead, byte[] zeros) {
      return ((AesGcm) aead).encryptAtRekeyNonce(zeros); // keyed() made it
    }
  },
  CHACHAPOLY("ChaChaPoly") {
    @Override
    Aead keyed(SecretBytes key) {
      return ChaChaPoly.withKey(key);
    }

    @Override
    byte[] nonce(long counter) {
      byte[] nonce = new byte[Aead.NONCE_LENGTH];
      for (int i = 0; i < 8; i++) {
        nonce[4 + i] = (byte) (counter >>> (8 * i));
      }
      return nonce;
    }
  };

  /** Key length in bytes. */
  public static final int KEY_LENGTH = 32;

  private final String noiseName;

  CipherFunction(String noiseName) {
    this.noiseName = noiseName;
  }

  /** The name in a Noise protocol name, e.g. {@code AESGCM}. */
  public String noiseName() {
    return noiseName;
  }

  static CipherFunction named(String name) {
    return Arrays.stream(values()).filter(c -> c.noiseName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unsupported Noise cipher: " + name));
  }

  abstract Aead keyed(SecretBytes key);

  abstract byte[] nonce(long counter);

  /** REKEY's encryption of {@code zeros} at the nonce 2^64 - 1 with empty associated data. */
  byte[] rekeyOutput(Aead aead, byte[] zeros) {
    return aead.encrypt(nonce(-1L), zeros, new byte[0]);
  }
}
