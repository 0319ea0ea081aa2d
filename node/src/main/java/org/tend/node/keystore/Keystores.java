package org.tend.node.keystore;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.nio.file.attribute.PosixFilePermissions;
import org.tend.node.api.home.HomeDamagedException;
import org.tend.node.api.home.HomeExistsException;
import org.tend.node.api.home.Passphrase;
import org.tend.node.api.home.StorageException;
import org.tend.node.api.home.TendException;
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

  /** The KDF parameters stored in the home; readable without the passphrase. */
  public static Argon2Params kdfOf(HomeFiles files) throws TendException {
    return MasterKeyWrap.paramsOf(KeystoreFile.read(files));
  }

  private static UnlockedKeys unlock(Keystore keystore, Passphrase passphrase)
      throws TendException {
    SecretBytes master = MasterKeyWrap.unwrap(checkedKdf(keystore), passphrase);
    try {
      return new UnlockedKeys(master, openIdentity(master, keystore),
          MasterKeyWrap.paramsOf(keystore));
    } catch (TendException | RuntimeException e) {
      master.destroy();
      throw e;
    }
  }

  /** The identity sealed in {@code keystore} under {@code master}. */
  static NodeIdentity openIdentity(SecretBytes master, Keystore keystore)
      throws HomeDamagedException {
    byte[] plain = null;
    IdentitySecrets secrets = null;
    try (SecretBytes sealKey = Hkdf.deriveKey(master, Labels.IDENTITY_SEAL, 32)) {
      plain = new Sealer(sealKey, Labels.IDENTITY_SEAL, Randomness.secure())
          .open(IDENTITY_RECORD, keystore.getSealedIdentity().toByteArray());
      secrets = IdentitySecrets.parseFrom(plain);
      byte[] seed = secrets.getSigningSeed().toByteArray();
      byte[] agreement = secrets.getAgreementPrivateKey().toByteArray();
      try (SecretBytes seedSecret = SecretBytes.copyOf(seed);
          SecretBytes agreementSecret = SecretBytes.copyOf(agreement)) {
        return new NodeIdentity(Ed25519.fromSeed(seedSecret),
            X25519.fromPrivateKey(agreementSecret), secrets.getBindingSignature().toByteArray());
      } finally {
        Arrays.fill(seed, (byte) 0);
        Arrays.fill(agreement, (byte) 0);
      }
    } catch (AuthenticationException | InvalidProtocolBufferException
        | IllegalArgumentException e) {
      throw new HomeDamagedException("The passphrase is right but the identity in this home is"
          + " damaged or was altered.", e);
    } finally {
      // The parsed message's ByteStrings share nothing with {@code plain} but cannot be wiped;
      // the arrays Tend owns are.
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  static org.tend.protocol.proto.Sealed sealIdentity(SecretBytes master,
      NodeIdentity identity, Randomness randomness) {
    byte[] seed = identity.signing().seed().exposeSecret();
    byte[] agreement = identity.agreement().privateKey().exposeSecret();
    byte[] serialised = IdentitySecrets.newBuilder()
        .setFormat(1)
        .setSigningSeed(ByteString.copyFrom(seed))
        .setAgreementPrivateKey(ByteString.copyFrom(agreement))
        .setBindingSignature(ByteString.copyFrom(identity.bindingSignature()))
        .build()
        .toByteArray();
    try (SecretBytes sealKey = Hkdf.deriveKey(master, Labels.IDENTITY_SEAL, 32)) {
      byte[] sealed = new Sealer(sealKey, Labels.IDENTITY_SEAL, randomness)
          .seal(IDENTITY_RECORD, serialised);
      return org.tend.protocol.proto.Sealed.parseFrom(sealed);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    } finally {
      Arrays.fill(seed, (byte) 0);
      Arrays.fill(agreement, (byte) 0);
      Arrays.fill(serialised, (byte) 0);
    }
  }

  /**
   * Refuses parameters edited to exhaust memory or time before spending either: nothing Tend
   * calibrates is below the minimum or above {@link Argon2Calibrator#isWithinCeiling}.
   */
  static Keystore checkedKdf(Keystore keystore) throws HomeDamagedException {
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
