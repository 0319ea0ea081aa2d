package org.tend.node.replication;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.store.Padding;
import org.tend.protocol.crypto.AesGcm;
import org.tend.protocol.crypto.CryptoException;
import org.tend.protocol.crypto.Hkdf;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SealedBox;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.crypto.X25519KeyPair;
import org.tend.protocol.proto.EventContent;

/**
 * Encrypts and opens event content (see "Event content" in docs/protocol.md):
 *
 * <pre>
 *   content    = nonce(12) || AES-256-GCM(key, nonce, padded EventContent, ad)
 *   ad         = Labels.bind(tend/v1/event/content, collective, author, sequence, epoch)
 *   collective: key = HKDF(epoch content key, info = Labels.bind(tend/v1/event/content,
 *                          collective, epoch))
 *   recipients: key = 32 fresh random bytes, sealed to each recipient's agreement key
 *                     (SealedBox, label tend/v1/event/recipient, context = ad)
 * </pre>
 *
 * The associated data binds the content to its place in its author's log, so it cannot be
 * moved into another event. Plaintext is padded to a Padmé length of at least 256 bytes.
 */
final class ContentSeal {
  static final int MINIMUM_PADDED = 256;

  /** What an event's content and recipient boxes are, before the header is signed. */
  record Sealed(byte[] content, List<byte[]> recipientBoxes) {
  }

  private ContentSeal() {
  }

  static Sealed forCollective(Randomness randomness, SecretBytes contentKey,
      CollectiveId collective, MemberKey author, long sequence, int epoch, EventContent content) {
    byte[] ad = associatedData(collective, author, sequence, epoch);
    try (SecretBytes key = collectiveKey(contentKey, collective, epoch)) {
      return new Sealed(AesGcm.withKey(key).seal(randomness, padded(content), ad), List.of());
    }
  }

  static Sealed forRecipients(Randomness randomness, List<byte[]> agreementKeys,
      CollectiveId collective, MemberKey author, long sequence, int epoch, EventContent content)
      throws CryptoException {
    byte[] ad = associatedData(collective, author, sequence, epoch);
    try (SecretBytes key = SecretBytes.random(randomness, 32)) {
      List<byte[]> boxes = new ArrayList<>();
      byte[] raw = key.exposeSecret();
      try {
        for (byte[] recipient : agreementKeys) {
          boxes.add(SealedBox.seal(randomness, recipient, Labels.EVENT_RECIPIENT, ad, raw));
        }
      } finally {
        java.util.Arrays.fill(raw, (byte) 0);
      }
      return new Sealed(AesGcm.withKey(key).seal(randomness, padded(content), ad), boxes);
    }
  }

  /** Opens collective content with the epoch's content key; empty if it does not open. */
  static Optional<EventContent> openCollective(SecretBytes contentKey, VerifiedEvent event) {
    try (SecretBytes key = collectiveKey(contentKey, event.collective(), event.epoch())) {
      return open(key, event);
    }
  }

  /** Opens collective content with this node's key of the event's epoch, if it holds it. */
  static Optional<EventContent> openWith(org.tend.node.api.replication.Membership membership,
      VerifiedEvent event) {
    if (!event.header().getAudience().hasCollective()) {
      return Optional.empty();
    }
    Optional<SecretBytes> key = membership.contentKey(event.epoch());
    if (key.isEmpty()) {
      return Optional.empty();
    }
    try (SecretBytes k = key.get()) {
      return openCollective(k, event);
    }
  }

  /** Opens named-recipient content if one of its boxes is sealed to {@code mine}. */
  static Optional<EventContent> openAsRecipient(X25519KeyPair mine, VerifiedEvent event) {
    byte[] ad = associatedData(event);
    for (ByteString box : event.header().getAudience().getRecipients().getSealedKeysList()) {
      byte[] raw;
      try {
        raw = SealedBox.open(mine, Labels.EVENT_RECIPIENT, ad, box.toByteArray());
      } catch (CryptoException e) {
        continue; // someone else's box
      }
      try (SecretBytes key = SecretBytes.copyOf(raw)) {
        java.util.Arrays.fill(raw, (byte) 0);
        return open(key, event);
      }
    }
    return Optional.empty();
  }

  private static Optional<EventContent> open(SecretBytes key, VerifiedEvent event) {
    if (!event.hasContent()) {
      return Optional.empty();
    }
    try {
      byte[] plain = AesGcm.withKey(key).open(event.signed().getContent().toByteArray(),
          associatedData(event));
      return Optional.of(EventContent.parseFrom(plain));
    } catch (CryptoException | InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  private static SecretBytes collectiveKey(SecretBytes contentKey, CollectiveId collective,
      int epoch) {
    return Hkdf.deriveKey(contentKey, Labels.EVENT_CONTENT,
        Labels.bind(Labels.EVENT_CONTENT, collective.bytes(), epochBytes(epoch)), 32);
  }

  private static byte[] associatedData(VerifiedEvent event) {
    return associatedData(event.collective(), event.author(), event.sequence(), event.epoch());
  }

  static byte[] associatedData(CollectiveId collective, MemberKey author, long sequence,
      int epoch) {
    return Labels.bind(Labels.EVENT_CONTENT, collective.bytes(), author.bytes(),
        ByteBuffer.allocate(8).putLong(sequence).array(), epochBytes(epoch));
  }

  private static byte[] epochBytes(int epoch) {
    return ByteBuffer.allocate(4).putInt(epoch).array();
  }

  /**
   * The content with padding that brings its encoding to a Padmé length. One size cannot be
   * reached exactly (the padding field's own length prefix grows by a byte at 128), so then the
   * next Padmé length is used.
   */
  static byte[] padded(EventContent content) {
    EventContent bare = content.toBuilder().clearPadding().build();
    int base = bare.getSerializedSize();
    int target = Math.max(MINIMUM_PADDED, Padding.padme(base + 4));
    while (true) {
      for (int tagAndLength = 2; tagAndLength <= 6; tagAndLength++) {
        int fill = target - base - tagAndLength;
        if (fill >= 0 && 1 + CodedOutputStream.computeUInt32SizeNoTag(fill) == tagAndLength) {
          return bare.toBuilder().setPadding(ByteString.copyFrom(new byte[fill])).build()
              .toByteArray();
        }
      }
      target = Padding.padme(target + 1);
    }
  }
}
