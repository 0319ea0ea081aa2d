package org.tend.node;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.tend.protocol.proto.Sealed;
import org.tend.protocol.proto.StoredEntry;

/** Takes apart and damages stored journal values (the `entries` column) the way an attacker could. */
public final class StoredEntries {
  public static final String FAMILY = "entries";

  private StoredEntries() {}

  public static byte[] indexPart(byte[] value) throws InvalidProtocolBufferException {
    return StoredEntry.parseFrom(value).getIndex().toByteArray();
  }

  public static byte[] bodyPart(byte[] value) throws InvalidProtocolBufferException {
    return StoredEntry.parseFrom(value).getBody().toByteArray();
  }

  public static byte[] withIndexTagFlipped(byte[] value) throws InvalidProtocolBufferException {
    StoredEntry stored = StoredEntry.parseFrom(value);
    return stored.toBuilder().setIndex(flipped(stored.getIndex())).build().toByteArray();
  }

  public static byte[] withBodyTagFlipped(byte[] value) throws InvalidProtocolBufferException {
    StoredEntry stored = StoredEntry.parseFrom(value);
    return stored.toBuilder().setBody(flipped(stored.getBody())).build().toByteArray();
  }

  public static byte[] withoutBody(byte[] value) throws InvalidProtocolBufferException {
    return StoredEntry.parseFrom(value).toBuilder().clearBody().build().toByteArray();
  }

  /** {@code value} with the body part of {@code other}. */
  public static byte[] withBodyOf(byte[] value, byte[] other)
      throws InvalidProtocolBufferException {
    return StoredEntry.parseFrom(value).toBuilder()
        .setBody(StoredEntry.parseFrom(other).getBody()).build().toByteArray();
  }

  private static Sealed flipped(Sealed sealed) {
    byte[] ciphertext = sealed.getCiphertext().toByteArray();
    ciphertext[ciphertext.length - 1] ^= 1;
    return sealed.toBuilder().setCiphertext(ByteString.copyFrom(ciphertext)).build();
  }
}
