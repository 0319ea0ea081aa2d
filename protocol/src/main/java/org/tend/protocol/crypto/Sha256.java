package org.tend.protocol.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Labelled SHA-256 and HMAC-SHA256 (JDK). */
public final class Sha256 {

  /** Digest and MAC length in bytes. */
  public static final int LENGTH = 32;

  private Sha256() {
  }

  /** SHA-256 of {@code Labels.bind(label, parts)}. */
  public static byte[] hash(String label, byte[]... parts) {
    return digestRaw(Labels.bind(label, parts));
  }

  /** HMAC-SHA256 under {@code key} of {@code Labels.bind(label, parts)}. */
  public static byte[] hmac(SecretBytes key, String label, byte[]... parts) {
    Objects.requireNonNull(key, "key");
    byte[] message = Labels.bind(label, parts);
    byte[] raw = key.exposeSecret();
    try {
      return hmacRaw(raw, message);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /**
   * SHA-256 of the concatenation of {@code parts}, with no label. Only for protocols that carry
   * their own domain separation, such as Noise (whose hash chain starts from the protocol
   * name); everything else uses {@link #hash}.
   */
  public static byte[] unlabelledDigest(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /**
   * HMAC-SHA256 under {@code key} of the concatenation of {@code parts}, with no label. Only
   * for protocols that carry their own domain separation, such as Noise's HKDF; everything
   * else uses {@link #hmac}. The caller keeps and wipes {@code key}.
   */
  public static byte[] unlabelledHmac(byte[] key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  /** Plain SHA-256 with no label; for vectors. */
  static byte[] digestRaw(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** Plain HMAC-SHA256 with no label; for vectors. */
  static byte[] hmacRaw(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
