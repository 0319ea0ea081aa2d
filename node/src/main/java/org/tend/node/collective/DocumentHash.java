package org.tend.node.collective;

import java.util.Arrays;
import java.util.HexFormat;

/** Names a membership document: a labelled SHA-256 of its signed body bytes. Immutable. */
final class DocumentHash implements Comparable<DocumentHash> {
  static final int LENGTH = 32;
  private final byte[] hash;

  private DocumentHash(byte[] hash) {
    this.hash = hash;
  }

  static DocumentHash of(byte[] bytes) throws DocumentException {
    if (bytes.length != LENGTH) {
      throw new DocumentException("a document hash is " + LENGTH + " bytes");
    }
    return new DocumentHash(bytes.clone());
  }

  byte[] bytes() {
    return hash.clone();
  }

  com.google.protobuf.ByteString byteString() {
    return com.google.protobuf.ByteString.copyFrom(hash);
  }

  @Override
  public int compareTo(DocumentHash other) {
    return Arrays.compareUnsigned(hash, other.hash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DocumentHash other && Arrays.equals(hash, other.hash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(hash, 0, 8);
  }
}
