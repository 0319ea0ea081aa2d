package org.tend.node.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;

class FamilyNamesTest {

  @Test
  void namesMatchTheGoldenVectors() throws Exception {
    Map<String, String> golden = new LinkedHashMap<>();
    try (InputStream in = getClass().getResourceAsStream("/vectors/golden/family_names.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] parts = line.split(" = ");
          golden.put(parts[0].trim(), parts[1].trim());
        }
      }
    }
    byte[] secret = new byte[32];
    for (int i = 0; i < secret.length; i++) {
      secret[i] = (byte) i;
    }
    FamilyNames names = FamilyNames.of(secret);

    assertEquals(Column.values().length, golden.size());
    for (Column column : Column.values()) {
      assertEquals(golden.get(column.familyName()),
          new String(names.nameOf(column), StandardCharsets.US_ASCII), column::familyName);
      assertEquals(Optional.of(column), names.columnOf(names.nameOf(column)));
    }
  }

  @Test
  void theSealedSecretOpensOnlyUnderItsMasterKey() {
    Randomness randomness = Randomness.secure();
    byte[] secret = randomness.bytes(FamilyNames.SECRET_LENGTH);
    SecretBytes master = SecretBytes.random(randomness, 32);
    SecretBytes other = SecretBytes.random(randomness, 32);
    byte[] sealed = FamilyNames.seal(secret, master, randomness);

    assertArrayEquals(secret, FamilyNames.openSecret(sealed, List.of(other, master)).get());
    assertTrue(FamilyNames.openSecret(sealed, List.of(other)).isEmpty());
    sealed[sealed.length - 1] ^= 1;
    assertTrue(FamilyNames.openSecret(sealed, List.of(master)).isEmpty());
  }
}
