package org.tend.node.replication;

import com.google.protobuf.ByteString;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.tend.protocol.crypto.Ed25519PublicKey;

/**
 * Authors' public keys, decompressed once and kept: a log's events are all verified with one
 * key. Bounded (least recently used go first). Thread-safe.
 */
final class AuthorKeys {
  private static final int CAPACITY = 4096;
  private final Map<ByteString, Optional<Ed25519PublicKey>> keys =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteString, Optional<Ed25519PublicKey>> e) {
          return size() > CAPACITY;
        }
      };

  synchronized Optional<Ed25519PublicKey> key(ByteString author) {
    return keys.computeIfAbsent(author, a -> Ed25519PublicKey.parse(a.toByteArray()));
  }
}
