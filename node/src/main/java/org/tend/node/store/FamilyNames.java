package org.tend.node.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tend.protocol.crypto.AuthenticationException;
import org.tend.protocol.crypto.Hkdf;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;

/**
 * The names RocksDB keeps for the store's column families. RocksDB writes them in the clear into
 * every table file, the manifest and the options files, so each is a keyed hash of the column's
 * name in the code under a random secret of the home: the files do not say which family holds
 * entries, repairs or events. Families are made in the order of these names, so their numbers
 * in the manifest do not say it either.
 *
 * <p>The secret is kept in the default family, sealed under a key derived from the master key.
 * It never changes: a passphrase change re-seals it like every other value, so a family keeps
 * its name for the life of the home.
 */
public final class FamilyNames {
  /** Where the sealed secret is kept, in the default family. */
  static final byte[] SECRET_KEY = new byte[16];
  static final int SECRET_LENGTH = 32;
  private static final int NAME_BYTES = 16;
  private static final HexFormat HEX = HexFormat.of();

  private final Map<Column, byte[]> names = new EnumMap<>(Column.class);

  private FamilyNames(byte[] secret) {
    try (SecretBytes key = SecretBytes.copyOf(secret)) {
      for (Column column : Column.values()) {
        try (SecretBytes name = Hkdf.deriveKey(key, Labels.STORE_FAMILY_NAMES,
            column.familyName().getBytes(StandardCharsets.UTF_8), NAME_BYTES)) {
          names.put(column, HEX.formatHex(name.exposeSecret())
              .getBytes(StandardCharsets.US_ASCII));
        }
      }
    }
  }

  /** The names under {@code secret}, the plaintext of the default family's sealed record. */
  static FamilyNames of(byte[] secret) {
    if (secret.length != SECRET_LENGTH) {
      throw new IllegalArgumentException("a family-name secret has " + SECRET_LENGTH + " bytes");
    }
    return new FamilyNames(secret);
  }

  /** The RocksDB name of {@code column}'s family. */
  public byte[] nameOf(Column column) {
    return names.get(column).clone();
  }

  /** The column whose family is called {@code name} here, if any. */
  public Optional<Column> columnOf(byte[] name) {
    for (Map.Entry<Column, byte[]> e : names.entrySet()) {
      if (Arrays.equals(e.getValue(), name)) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  /** Every column, in the order their families are made: that of their names. */
  List<Column> inCreationOrder() {
    List<Column> columns = new ArrayList<>(names.keySet());
    columns.sort(Comparator.comparing(c -> names.get(c), Arrays::compareUnsigned));
    return columns;
  }

  /**
   * The column whose family a store made before family names were hashed called {@code name}:
   * the column's name in the code.
   */
  static Optional<Column> legacyColumnOf(byte[] name) {
    String text = new String(name, StandardCharsets.UTF_8);
    for (Column column : Column.values()) {
      if (column.familyName().equals(text)) {
        return Optional.of(column);
      }
    }
    return Optional.empty();
  }

  /** The secret sealed under {@code masterKey}, as the default family keeps it. */
  static byte[] seal(byte[] secret, SecretBytes masterKey, Randomness randomness) {
    try (SecretBytes key = sealingKey(masterKey)) {
      return new Sealer(key, Labels.STORE_FAMILY_NAMES, randomness).seal(SECRET_KEY, secret);
    }
  }

  /** The secret in {@code sealed}, opened under the first of {@code masterKeys} that opens it. */
  static Optional<byte[]> openSecret(byte[] sealed, List<SecretBytes> masterKeys) {
    for (SecretBytes masterKey : masterKeys) {
      try (SecretBytes key = sealingKey(masterKey)) {
        byte[] secret = new Sealer(key, Labels.STORE_FAMILY_NAMES, Randomness.secure())
            .open(SECRET_KEY, sealed);
        if (secret.length == SECRET_LENGTH) {
          return Optional.of(secret);
        }
      } catch (AuthenticationException e) {
        // try the next key
      }
    }
    return Optional.empty();
  }

  /**
   * The names whose secret {@code sealed}, the default family's value at {@link #recordKey},
   * holds, if it opens under {@code masterKey}: for tools that read the store's files directly.
   */
  public static Optional<FamilyNames> unseal(byte[] sealed, SecretBytes masterKey) {
    return openSecret(sealed, List.of(masterKey)).map(secret -> {
      try {
        return of(secret);
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
    });
  }

  /** Where the default family keeps the sealed secret. */
  public static byte[] recordKey() {
    return SECRET_KEY.clone();
  }

  private static SecretBytes sealingKey(SecretBytes masterKey) {
    return Hkdf.deriveKey(masterKey, Labels.STORE_FAMILY_NAMES, SECRET_LENGTH);
  }
}
