package org.tend.node.replication;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Arrays;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.replication.EventId;
import org.tend.node.api.replication.EventLimits;
import org.tend.protocol.crypto.Ed25519PublicKey;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Sha256;
import org.tend.protocol.proto.EventHeader;
import org.tend.protocol.proto.SignedEvent;

/**
 * An event whose form and signature have been checked: well-formed header, signature by its
 * author over the header bytes, and content (if present) matching the hash the header names.
 * Whether it may join its author's log is {@link EventLog}'s question. Immutable.
 */
record VerifiedEvent(SignedEvent signed, EventHeader header, EventId id, CollectiveId collective,
    MemberKey author) {

  /** Length of the head prefix that sequence vectors carry. */
  static final int HEAD_PREFIX = 8;

  /** Parses and checks {@code signed}, looking authors' keys up in {@code keys}. */
  static VerifiedEvent verify(SignedEvent signed, AuthorKeys keys) throws EventException {
    if (signed.getSerializedSize() > EventLimits.MAX_EVENT_BYTES) {
      throw new EventException("event larger than " + EventLimits.MAX_EVENT_BYTES + " bytes");
    }
    EventHeader header;
    try {
      header = EventHeader.parseFrom(signed.getHeader());
    } catch (InvalidProtocolBufferException e) {
      throw new EventException("event header does not parse");
    }
    checkShape(header);
    byte[] headerBytes = signed.getHeader().toByteArray();
    Ed25519PublicKey key = keys.key(header.getAuthor())
        .orElseThrow(() -> new EventException("author key is not a valid Ed25519 key"));
    if (!key.verify(Labels.EVENT_SIGNATURE, headerBytes, signed.getSignature().toByteArray())) {
      throw new EventException("event signature does not verify");
    }
    if (!signed.getContent().isEmpty()) {
      checkContent(header, signed.getContent());
    }
    return new VerifiedEvent(signed, header, EventId.of(hash(headerBytes)),
        CollectiveId.of(header.getCollectiveId().toByteArray()),
        MemberKey.of(header.getAuthor().toByteArray()));
  }

  /**
   * An event this node holds: it was verified when it was taken in, and the store's sealing
   * (authenticated encryption under the master key) keeps it as it was, so reading it back
   * parses the header and checks its shape, without the signature again.
   */
  static VerifiedEvent held(SignedEvent signed) throws EventException {
    EventHeader header;
    try {
      header = EventHeader.parseFrom(signed.getHeader());
    } catch (InvalidProtocolBufferException e) {
      throw new EventException("event header does not parse");
    }
    checkShape(header);
    return new VerifiedEvent(signed, header, EventId.of(hash(signed.getHeader().toByteArray())),
        CollectiveId.of(header.getCollectiveId().toByteArray()),
        MemberKey.of(header.getAuthor().toByteArray()));
  }

  /** The collective a signed event names, read without verifying it. */
  static CollectiveId collectiveOf(SignedEvent signed) throws EventException {
    try {
      ByteString id = EventHeader.parseFrom(signed.getHeader()).getCollectiveId();
      if (id.size() != CollectiveId.LENGTH) {
        throw new EventException("collective id has the wrong length");
      }
      return CollectiveId.of(id.toByteArray());
    } catch (InvalidProtocolBufferException e) {
      throw new EventException("event header does not parse");
    }
  }

  static byte[] hash(byte[] headerBytes) {
    return Sha256.hash(Labels.EVENT_HASH, headerBytes);
  }

  static byte[] contentHash(ByteString content) {
    return Sha256.hash(Labels.EVENT_CONTENT_HASH, content.toByteArray());
  }

  long sequence() {
    return header.getSequence();
  }

  int epoch() {
    return header.getEpoch();
  }

  long createdAtMillis() {
    return header.getCreatedAtMillis();
  }

  boolean hasContent() {
    return !signed.getContent().isEmpty();
  }

  /** The same signed header without its content (after a retraction). */
  VerifiedEvent withoutContent() {
    return new VerifiedEvent(signed.toBuilder().clearContent().build(), header, id, collective,
        author);
  }

  byte[] headPrefix() {
    return Arrays.copyOf(id.bytes(), HEAD_PREFIX);
  }

  private static void checkShape(EventHeader h) throws EventException {
    if (h.getCollectiveId().size() != CollectiveId.LENGTH) {
      throw new EventException("collective id has the wrong length");
    }
    if (h.getAuthor().size() != MemberKey.LENGTH) {
      throw new EventException("author key has the wrong length");
    }
    if (h.getSequence() < 1) {
      throw new EventException("sequence numbers start at 1");
    }
    boolean first = h.getSequence() == 1;
    if (first ? !h.getPrevious().isEmpty() : h.getPrevious().size() != EventId.LENGTH) {
      throw new EventException("previous hash does not fit the sequence number");
    }
    if (h.getContentHash().size() != Sha256.LENGTH) {
      throw new EventException("content hash has the wrong length");
    }
    long contentLength = Integer.toUnsignedLong(h.getContentLength());
    if (contentLength == 0 || contentLength > EventLimits.MAX_EVENT_BYTES) {
      throw new EventException("content length out of range");
    }
    switch (h.getAudience().getToCase()) {
      case COLLECTIVE -> { }
      case RECIPIENTS -> {
        int n = h.getAudience().getRecipients().getSealedKeysCount();
        if (n == 0 || n > EventLimits.MAX_RECIPIENTS) {
          throw new EventException("between 1 and " + EventLimits.MAX_RECIPIENTS
              + " recipients");
        }
      }
      default -> throw new EventException("event names no audience");
    }
  }

  private static void checkContent(EventHeader header, ByteString content)
      throws EventException {
    if (content.size() != header.getContentLength()
        || !java.security.MessageDigest.isEqual(contentHash(content),
            header.getContentHash().toByteArray())) {
      throw new EventException("content does not match the hash its header names");
    }
  }
}
