package org.tend.node.keystore;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.tend.node.api.home.HomeDamagedException;
import org.tend.node.api.home.HomeExistsException;
import org.tend.node.api.home.Passphrase;
import org.tend.node.api.home.StorageException;
import org.tend.node.api.home.TendException;
import org.tend.node.api.home.WrongPassphraseException;
import org.tend.node.store.Sealer;
import org.tend.protocol.crypto.Argon2Params;
import org.tend.protocol.crypto.AuthenticationException;
import org.tend.protocol.crypto.Ed25519;
import org.tend.protocol.crypto.Hkdf;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.crypto.X25519;
import org.tend.protocol.proto.IdentitySecrets;
import org.tend.protocol.proto.Keystore;

/** Creates, opens and re-wraps a home's keystore. */
public final class Keystores {
  private static final byte[] IDENTITY_RECORD = {'i', 'd'};

  private Keystores() {}

  /** Creates a new home with a fresh identity and master key. */
  public static UnlockedKeys create(HomeFiles files, Passphrase passphrase, Argon2Params kdf,
      Randomness randomness) throws TendException {
    if (files.exists()) {
      throw new HomeExistsException(files.home());
    }
    requireAtLeastMinimum(kdf);
    requireEmptyOrAbsent(files);
    try {
      Files.createDirectories(files.home());
      Files.setPosixFilePermissions(files.home(), PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: rely on the parent directory's protection.
    } catch (IOException e) {
      throw new StorageException("Could not create the home at " + files.home() + ": "
          + e.getMessage(), e);
    }
    SecretBytes master = SecretBytes.random(randomness, 32);
    NodeIdentity identity = NodeIdentity.generate(randomness);
    Keystore keystore = MasterKeyWrap.wrap(master, passphrase, kdf, randomness)
        .setSealedIdentity(sealIdentity(master, identity, randomness))
        .build();
    KeystoreFile.replace(files, keystore);
    return new UnlockedKeys(master, identity, kdf);
  }

  public static UnlockedKeys unlock(HomeFiles files, Passphrase passphrase) throws TendException {
    return unlock(KeystoreFile.read(files), passphrase);
  }

  /** Opens a keystore carried elsewhere, such as inside a backup archive. */
  public static UnlockedKeys unlock(byte[] keystoreBytes, Passphrase passphrase)
      throws TendException {
    try {
      return unlock(Keystore.parseFrom(keystoreBytes), passphrase);
    } catch (InvalidProtocolBufferException e) {
      throw new HomeDamagedException("The keystore is damaged and cannot be read.", e);
    }
  }

  /** The keystore file's bytes, exactly as stored. */
  public static byte[] rawKeystore(HomeFiles files) throws TendException {
    return KeystoreFile.read(files).toByteArray();
  }

  /** Writes a keystore carried elsewhere (a restored backup) into an empty home. */
  public static void install(HomeFiles files, byte[] keystoreBytes) throws TendException {
    try {
      KeystoreFile.replace(files, Keystore.parseFrom(keystoreBytes));
    } catch (InvalidProtocolBufferException e) {
      throw new HomeDamagedException("The keystore is damaged and cannot be read.", e);
    }
  }

  /**
   * Re-wraps the master key under a new passphrase, with a new salt and the same parameters.
   * Nothing else in the home changes. Crash-safe: the old or the new passphrase always opens.
   */
  public static void changePassphrase(HomeFiles files, Passphrase current, Passphrase next,
      Randomness randomness) throws TendException {
    Keystore keystore = KeystoreFile.read(files);
    try (SecretBytes master = MasterKeyWrap.unwrap(checkedKdf(keystore), current)) {
      Keystore rewrapped = MasterKeyWrap.wrap(master, next, MasterKeyWrap.paramsOf(keystore),
              randomness)
          .setSealedIdentity(keystore.getSealedIdentity())
          .build();
      KeystoreFile.replace(files, rewrapped);
    }
  }

  /** The KDF parameters stored in the home; readable without the passphrase. */
  public static Argon2Params kdfOf(HomeFiles files) throws TendException {
    return MasterKeyWrap.paramsOf(KeystoreFile.read(files));
  }

  private static UnlockedKeys unlock(Keystore keystore, Passphrase passphrase)
      throws TendException {
    SecretBytes master = MasterKeyWrap.unwrap(checkedKdf(keystore), passphrase);
    try (SecretBytes sealKey = Hkdf.deriveKey(master, Labels.IDENTITY_SEAL, 32)) {
      byte[] plain = new Sealer(sealKey, Labels.IDENTITY_SEAL, Randomness.secure())
          .open(IDENTITY_RECORD, keystore.getSealedIdentity().toByteArray());
      IdentitySecrets secrets = IdentitySecrets.parseFrom(plain);
      NodeIdentity identity = new NodeIdentity(
          Ed25519.fromSeed(SecretBytes.copyOf(secrets.getSigningSeed().toByteArray())),
          X25519.fromPrivateKey(SecretBytes.copyOf(secrets.getAgreementPrivateKey().toByteArray())),
          secrets.getBindingSignature().toByteArray());
      return new UnlockedKeys(master, identity, MasterKeyWrap.paramsOf(keystore));
    } catch (AuthenticationException | InvalidProtocolBufferException
        | IllegalArgumentException e) {
      master.destroy();
      throw new HomeDamagedException("The passphrase is right but the identity in this home is"
          + " damaged or was altered.", e);
    }
  }

  private static org.tend.protocol.proto.Sealed sealIdentity(SecretBytes master,
      NodeIdentity identity, Randomness randomness) {
    IdentitySecrets secrets = IdentitySecrets.newBuilder()
        .setFormat(1)
        .setSigningSeed(ByteString.copyFrom(identity.signing().seed().exposeSecret()))
        .setAgreementPrivateKey(
            ByteString.copyFrom(identity.agreement().privateKey().exposeSecret()))
        .setBindingSignature(ByteString.copyFrom(identity.bindingSignature()))
        .build();
    try (SecretBytes sealKey = Hkdf.deriveKey(master, Labels.IDENTITY_SEAL, 32)) {
      byte[] sealed = new Sealer(sealKey, Labels.IDENTITY_SEAL, randomness)
          .seal(IDENTITY_RECORD, secrets.toByteArray());
      return org.tend.protocol.proto.Sealed.parseFrom(sealed);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Refuses parameters edited to exhaust memory or time before spending either: nothing Tend
   * calibrates is below the minimum or above {@link Argon2Calibrator#isWithinCeiling}.
   */
  private static Keystore checkedKdf(Keystore keystore) throws HomeDamagedException {
    Argon2Params params;
    try {
      params = MasterKeyWrap.paramsOf(keystore);
    } catch (IllegalArgumentException e) {
      throw new HomeDamagedException("The keystore's key-derivation settings are invalid.", e);
    }
    if (!params.isAtLeast(Argon2Params.MINIMUM) || !Argon2Calibrator.isWithinCeiling(params)) {
      throw new HomeDamagedException("The keystore's key-derivation settings (" + params
          + ") are outside anything Tend creates; the keystore was altered or damaged.");
    }
    long needed = (long) params.memoryKiB() * 1024;
    if (needed > Runtime.getRuntime().maxMemory() * 9 / 10) {
      throw new HomeDamagedException("Opening this home needs " + (needed >> 20)
          + " MiB of memory; run Tend with a larger heap (for example JAVA_OPTS=-Xmx"
          + ((needed >> 30) + 2) + "g).");
    }
    return keystore;
  }

  /** A home never shares its folder: panic must be free to remove the folder it made. */
  private static void requireEmptyOrAbsent(HomeFiles files) throws TendException {
    if (!Files.exists(files.home())) {
      return;
    }
    try (var children = Files.list(files.home())) {
      if (children.findAny().isPresent()) {
        throw new TendException(files.home() + " already holds other files; choose a new or"
            + " empty folder for a Tend home.");
      }
    } catch (IOException e) {
      throw new StorageException("Could not read " + files.home() + ": " + e.getMessage(), e);
    }
  }

  private static void requireAtLeastMinimum(Argon2Params kdf) {
    if (!kdf.isAtLeast(Argon2Params.MINIMUM)) {
      throw new IllegalArgumentException("Argon2id parameters below the minimum: " + kdf);
    }
  }
}
