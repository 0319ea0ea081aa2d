package org.tend.node.keystore;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.tend.node.api.home.HomeDamagedException;
import org.tend.node.api.home.Passphrase;
import org.tend.node.api.home.StorageException;
import org.tend.node.api.home.TendException;
import org.tend.node.api.home.WrongPassphraseException;
import org.tend.protocol.crypto.AesGcm;
import org.tend.protocol.crypto.Argon2Params;
import org.tend.protocol.crypto.AuthenticationException;
import org.tend.protocol.crypto.Hkdf;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.KeyRotation;
import org.tend.protocol.proto.Keystore;
import org.tend.protocol.proto.Sealed;

/**
 * A passphrase change that replaces the master key: a new master key is wrapped under the new
 * passphrase, everything in the store is re-sealed under it, and the old keystore's contents are
 * overwritten. An old keystore (in a backup, or left in free blocks) with the old passphrase then
 * opens nothing written in this home since.
 *
 * <p>Order, each step durable before the next:
 * <ol>
 *   <li>{@code keystore.rotation}: the next keystore, and each master key sealed under the
 *       other;
 *   <li>the store, re-sealed in one atomic write;
 *   <li>the keystore replaced by the next one (the commit point), the old one overwritten;
 *   <li>{@code keystore.rotation} overwritten and removed.
 * </ol>
 * A kill at any point leaves a home that both passphrases open until step 3 and the new one
 * after it. Whoever opens an interrupted change decides its end: the old passphrase undoes it
 * (the store goes back to the old master key), the new one finishes it. Both directions are the
 * same idempotent re-sealing, so a kill during either is finished the same way.
 */
public final class MasterKeyRotation {
  static final int FORMAT = 1;
  private static final byte[] NEXT = "next".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PREVIOUS = "previous".getBytes(StandardCharsets.US_ASCII);

  /** Re-seals everything in the store from one master key to another. */
  @FunctionalInterface
  public interface StoreRewriter {
    void rewrite(SecretBytes from, SecretBytes to) throws TendException;
  }

  private MasterKeyRotation() {}

  /**
   * Changes the passphrase from {@code current} to {@code next} and the master key with it; the
   * new passphrase is wrapped with parameters from {@code kdf}, asked for (calibrated afresh)
   * only once the current passphrase has opened the keystore.
   */
  public static void change(HomeFiles files, Passphrase current, Passphrase next,
      Supplier<Argon2Params> kdf, Randomness randomness, StoreRewriter store)
      throws TendException {
    finishInterrupted(files, current, store);
    Keystore keystore = KeystoreFile.read(files);
    try (SecretBytes old = MasterKeyWrap.unwrap(Keystores.checkedKdf(keystore), current);
        NodeIdentity identity = Keystores.openIdentity(old, keystore);
        SecretBytes fresh = SecretBytes.random(randomness, 32)) {
      Argon2Params params = kdf.get();
      if (!params.isAtLeast(Argon2Params.MINIMUM)) {
        throw new IllegalArgumentException("Argon2id parameters below the minimum: " + params);
      }
      Keystore replacement = MasterKeyWrap.wrap(fresh, next, params, randomness)
          .setSealedIdentity(Keystores.sealIdentity(fresh, identity, randomness))
          .build();
      KeyRotation rotation = KeyRotation.newBuilder()
          .setFormat(FORMAT)
          .setNext(replacement)
          .setNextMaster(sealMaster(old, NEXT, fresh, randomness))
          .setPreviousMaster(sealMaster(fresh, PREVIOUS, old, randomness))
          .build();
      try {
        KeystoreFile.replace(files.keyRotation(), rotation.toByteArray());
      } catch (IOException e) {
        throw new StorageException("Could not write " + files.keyRotation() + ": "
            + e.getMessage(), e);
      }
      store.rewrite(old, fresh);
      KeystoreFile.replace(files, replacement);
      forget(files);
    }
  }

  /**
   * Ends a change that a crash interrupted, if there is one: undone if {@code passphrase} is the
   * old one, finished if it is the new one. Does nothing (and derives nothing) otherwise.
   *
   * @throws WrongPassphraseException if a change was interrupted and {@code passphrase} is
   *     neither its old nor its new passphrase
   */
  public static void finishInterrupted(HomeFiles files, Passphrase passphrase,
      StoreRewriter store) throws TendException {
    Optional<KeyRotation> pending = read(files);
    if (pending.isEmpty()) {
      return;
    }
    KeyRotation rotation = pending.get();
    Keystore keystore = KeystoreFile.read(files);
    if (keystore.equals(rotation.getNext())) {
      // Past the commit point: only the new passphrase opens, and the store is re-sealed.
      try (SecretBytes fresh = MasterKeyWrap.unwrap(Keystores.checkedKdf(keystore), passphrase);
          SecretBytes old = openMaster(fresh, PREVIOUS, rotation.getPreviousMaster())) {
        store.rewrite(old, fresh);
        forget(files);
      }
      return;
    }
    Optional<SecretBytes> old = tryUnwrap(keystore, passphrase);
    if (old.isPresent()) {
      try (SecretBytes previous = old.get();
          SecretBytes fresh = openMaster(previous, NEXT, rotation.getNextMaster())) {
        store.rewrite(fresh, previous);
        forget(files);
      }
      return;
    }
    try (SecretBytes fresh = MasterKeyWrap.unwrap(Keystores.checkedKdf(rotation.getNext()),
            passphrase);
        SecretBytes previous = openMaster(fresh, PREVIOUS, rotation.getPreviousMaster())) {
      store.rewrite(previous, fresh);
      KeystoreFile.replace(files, rotation.getNext());
      forget(files);
    }
  }

  private static Optional<SecretBytes> tryUnwrap(Keystore keystore, Passphrase passphrase)
      throws HomeDamagedException {
    try {
      return Optional.of(MasterKeyWrap.unwrap(Keystores.checkedKdf(keystore), passphrase));
    } catch (WrongPassphraseException e) {
      return Optional.empty();
    }
  }

  private static Optional<KeyRotation> read(HomeFiles files) throws HomeDamagedException {
    try {
      KeyRotation rotation = KeyRotation.parseFrom(Files.readAllBytes(files.keyRotation()));
      if (rotation.getFormat() != FORMAT) {
        throw new HomeDamagedException("An unfinished passphrase change in this home has format "
            + rotation.getFormat() + ", which this version of Tend does not know.");
      }
      return Optional.of(rotation);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (InvalidProtocolBufferException e) {
      throw new HomeDamagedException("The record of an unfinished passphrase change ("
          + files.keyRotation() + ") is damaged and cannot be read.", e);
    } catch (IOException e) {
      throw new HomeDamagedException("Could not read " + files.keyRotation() + ": "
          + e.getMessage(), e);
    }
  }

  /** Overwrites the rotation record (and any half-written copy), which holds both master keys. */
  private static void forget(HomeFiles files) throws StorageException {
    try {
      KeystoreFile.destroy(files.keyRotation().resolveSibling(
          files.keyRotation().getFileName() + ".new"));
      KeystoreFile.destroy(files.keyRotation());
      KeystoreFile.syncDirectory(files.home());
    } catch (IOException e) {
      throw new StorageException("Could not remove " + files.keyRotation() + ": "
          + e.getMessage(), e);
    }
  }

  private static Sealed sealMaster(SecretBytes under, byte[] direction, SecretBytes master,
      Randomness randomness) {
    byte[] nonce = randomness.bytes(AesGcm.NONCE_LENGTH);
    byte[] plain = master.exposeSecret();
    try (SecretBytes key = Hkdf.deriveKey(under, Labels.KEYSTORE_ROTATION, direction, 32)) {
      return Sealed.newBuilder()
          .setFormat(1)
          .setNonce(ByteString.copyFrom(nonce))
          .setCiphertext(ByteString.copyFrom(AesGcm.withKey(key).encrypt(nonce, plain,
              Labels.bind(Labels.KEYSTORE_ROTATION, direction))))
          .build();
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private static SecretBytes openMaster(SecretBytes under, byte[] direction, Sealed sealed)
      throws HomeDamagedException {
    byte[] plain = null;
    try (SecretBytes key = Hkdf.deriveKey(under, Labels.KEYSTORE_ROTATION, direction, 32)) {
      plain = AesGcm.withKey(key).decrypt(sealed.getNonce().toByteArray(),
          sealed.getCiphertext().toByteArray(), Labels.bind(Labels.KEYSTORE_ROTATION, direction));
      return SecretBytes.copyOf(plain);
    } catch (AuthenticationException | IllegalArgumentException e) {
      throw new HomeDamagedException("The record of an unfinished passphrase change does not"
          + " match this home's keystore; it was altered or damaged.", e);
    } finally {
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }
}
