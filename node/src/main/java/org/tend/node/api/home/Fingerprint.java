package org.tend.node.api.home;

import java.util.regex.Pattern;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Sha256;

/**
 * A short, human-comparable rendering of a member's signing key: eight groups of four base32
 * characters (160 bits), for reading aloud or comparing on two screens.
 */
public record Fingerprint(String value) {
  private static final Pattern FORMAT = Pattern.compile("([A-Z2-7]{4} ){7}[A-Z2-7]{4}");
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  public Fingerprint {
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("not a fingerprint: " + value);
    }
  }

  /** 160 bits of a labelled hash of an Ed25519 public key, as eight groups of four base32 letters. */
  public static Fingerprint of(byte[] signingPublicKey) {
    byte[] digest = Sha256.hash(Labels.FINGERPRINT, signingPublicKey);
    StringBuilder out = new StringBuilder(39);
    int buffer = 0;
    int bits = 0;
    int written = 0;
    for (int i = 0; written < 32; i++) {
      buffer = (buffer << 8) | (digest[i] & 0xff);
      bits += 8;
      while (bits >= 5 && written < 32) {
        if (written > 0 && written % 4 == 0) {
          out.append(' ');
        }
        out.append(BASE32[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
        written++;
      }
    }
    return new Fingerprint(out.toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
