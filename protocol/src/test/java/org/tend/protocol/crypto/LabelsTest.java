package org.tend.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tend.protocol.crypto.Vectors.hex;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelsTest {

  @Test
  void bindIsUnambiguousAcrossPartBoundaries() {
    byte[] aBc = Labels.bind("tend/v1/test", "a".getBytes(), "bc".getBytes());
    byte[] abC = Labels.bind("tend/v1/test", "ab".getBytes(), "c".getBytes());
    assertFalse(Arrays.equals(aBc, abC));
    assertFalse(Arrays.equals(Labels.bind("tend/v1/test"), Labels.bind("tend/v1/test", new byte[0])));
    assertFalse(Arrays.equals(Labels.bind("tend/v1/a", "b".getBytes()), Labels.bind("tend/v1/ab")));
  }

  @Test
  void bindUsesTheDocumentedEncoding() {
    byte[] bound = Labels.bind("ab", new byte[] {1}, new byte[0]);
    assertArrayEquals(hex("0002" + "6162" + "00000001" + "01" + "00000000"), bound);
  }

  @Test
  void bindAcceptsTheMaximumLabelLengthAndRejectsOnePastAndEmpty() {
    assertEquals(2 + 0xFFFF, Labels.bind("x".repeat(0xFFFF)).length);
    assertThrows(IllegalArgumentException.class, () -> Labels.bind("x".repeat(0x10000)));
    assertThrows(IllegalArgumentException.class, () -> Labels.bind(""));
  }

  @Test
  void everyLabelIsDistinctAndNamespaced() throws IllegalAccessException {
    Set<String> seen = new HashSet<>();
    for (Field f : Labels.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        String label = (String) f.get(null);
        assertTrue(label.matches("tend/v[1-9]/[a-z0-9/-]+"), label);
        assertTrue(seen.add(label), "duplicate label " + label);
      }
    }
    assertEquals(33, seen.size());
    assertEquals("tend/v1/keystore/wrap", Labels.KEYSTORE_WRAP);
    assertEquals("tend/v1/store/key-id", Labels.STORE_KEY_ID);
  }
}
