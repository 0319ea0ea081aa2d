package org.tend.node.keystore;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import org.tend.node.api.home.Passphrase;
import org.tend.node.api.home.WrongPassphraseException;
import org.tend.protocol.crypto.AesGcm;
import org.tend.protocol.crypto.Argon2Params;
import org.tend.protocol.crypto.Argon2id;
import org.tend.protocol.crypto.AuthenticationException;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.Argon2Parameters;
import org.tend.protocol.proto.Keystore;
import org.tend.protocol.proto.Sealed;

/**
 * Wraps the master key under a key derived from the passphrase with Argon2id. The format, KDF
 * parameters and salt are associated data, so editing them in the file breaks the wrap instead
 * of weakening it.
 */
final class MasterKeyWrap {
  static final int SALT_LENGTH = 16;

  private MasterKeyWrap() {}

  static Keystore.Builder wrap(SecretBytes masterKey, Passphrase passphrase, Argon2Params params,
      Randomness randomness) {
    Argon2Parameters kdf = Argon2Parameters.newBuilder()
        .setMemoryKib(params.memoryKiB())
        .setIterations(params.iterations())
        .setParallelism(params.parallelism())
        .build();
    byte[] salt = randomness.bytes(SALT_LENGTH);
    byte[] nonce = randomness.bytes(AesGcm.NONCE_LENGTH);
    byte[] master = masterKey.exposeSecret();
    try (SecretBytes kek = derive(passphrase, salt, params)) {
      byte[] ciphertext = AesGcm.withKey(kek).encrypt(nonce, master, associatedData(kdf, salt));
      return Keystore.newBuilder()
          .setFormat(KeystoreFile.FORMAT)
          .setKdf(kdf)
          .setSalt(ByteString.copyFrom(salt))
          .setWrappedMasterKey(Sealed.newBuilder().setFormat(1)
              .setNonce(ByteString.copyFrom(nonce))
              .setCiphertext(ByteString.copyFrom(ciphertext)));
    } finally {
      Arrays.fill(master, (byte) 0);
    }
  }

  static SecretBytes unwrap(Keystore keystore, Passphrase passphrase)
      throws WrongPassphraseException {
    Argon2Params params = paramsOf(keystore);
    byte[] salt = keystore.getSalt().toByteArray();
    Sealed wrapped = keystore.getWrappedMasterKey();
    byte[] master = null;
    try (SecretBytes kek = derive(passphrase, salt, params)) {
      master = AesGcm.withKey(kek).decrypt(wrapped.getNonce().toByteArray(),
          wrapped.getCiphertext().toByteArray(), associatedData(keystore.getKdf(), salt));
      return SecretBytes.copyOf(master);
    } catch (AuthenticationException | IllegalArgumentException e) {
      throw new WrongPassphraseException();
    } finally {
      if (master != null) {
        Arrays.fill(master, (byte) 0);
      }
    }
  }

  /**
   * The key that wraps the master key. One derivation at a time in this process: each holds its
   * whole memory cost on the heap, so concurrent checks in a running node would add up.
   */
  private static SecretBytes derive(Passphrase passphrase, byte[] salt, Argon2Params params) {
    byte[] utf8 = passphrase.secret().exposeSecret();
    try {
      synchronized (MasterKeyWrap.class) {
        return Argon2id.derive(utf8, salt, params, 32);
      }
    } finally {
      Arrays.fill(utf8, (byte) 0);
    }
  }

  static Argon2Params paramsOf(Keystore keystore) {
    Argon2Parameters kdf = keystore.getKdf();
    return new Argon2Params(kdf.getMemoryKib(), kdf.getIterations(), kdf.getParallelism());
  }

  private static byte[] associatedData(Argon2Parameters kdf, byte[] salt) {
    return Labels.bind(Labels.KEYSTORE_WRAP, new byte[] {KeystoreFile.FORMAT}, kdf.toByteArray(),
        salt);
  }
}
