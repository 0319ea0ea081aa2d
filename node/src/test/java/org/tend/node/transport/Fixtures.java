package org.tend.node.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.tend.node.MutableClock;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;

/** Deterministic identities, collectives and keys for transport tests. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  final Randomness random;
  final MutableClock clock = new MutableClock(NOW);

  /**
   * Mixed into every seed, so that no two fixtures draw the same keys: two tests that did would
   * encrypt under the same key and nonce one after the other, which AES-GCM refuses.
   */
  private static final AtomicLong INSTANCES = new AtomicLong();

  Fixtures(long seed) {
    Random r = new Random(seed * 1_000_003 + INSTANCES.getAndIncrement());
    this.random = r::nextBytes;
  }

  NodeIdentity identity() {
    return NodeIdentity.generate(random);
  }

  CollectiveId collective() {
    return CollectiveId.of(random.bytes(CollectiveId.LENGTH));
  }

  NetworkKey networkKey(CollectiveId collective) {
    return new NetworkKey(collective, 0, SecretBytes.random(random, 32));
  }

  static MemberKey memberOf(NodeIdentity identity) {
    return MemberKey.of(identity.signing().publicKey());
  }

  Handshakes handshakes(NodeIdentity identity) {
    return new Handshakes(identity, random);
  }

  /**
   * A first handshake message as the initiator sends it to {@code responder}'s node: 2-byte
   * length, then the message.
   */
  ByteBuf firstMessage(NodeIdentity initiator, NodeIdentity responder, NetworkKey key,
      long sentAtMillis) throws Exception {
    byte[] message = handshakes(initiator).initiator(key, memberOf(responder))
        .writeMessage(Handshakes.timestamp(sentAtMillis));
    return Unpooled.buffer().writeShort(message.length).writeBytes(message);
  }
}
